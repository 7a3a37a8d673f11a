package lichen.jcc.world;

import lichen.jcc.CompileError;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The word types (DESIGN.md, "Raw memory and hardware"; GraalVM's org.graalvm.word is the
 * model): classes marked {@code @Word}, which jcc compiles to a bare 64-bit integer. A value of
 * a word type is an {@code i64} in the IR: in registers, fields, array elements, parameters and
 * returns, with no header, no allocation and no identity; the class's one {@code long} field is
 * the value itself.
 *
 * <p>For that to be exact the class must have the form {@link #checkForm} accepts: final, a
 * direct subclass of Object implementing nothing, exactly one instance field, a {@code long},
 * and constructors {@code (long)} only; its methods then are integer arithmetic over that field,
 * which LLVM inlines. The subset checker's {@code WordRule} keeps words away from everything
 * that needs an object (null, ==, Object, generics, instanceof).
 *
 * <p>Word-ness is a property of a class file, so the set is kept for the whole process: the
 * jcc API's three are known before they load, and a program's own word class is added as the
 * world loads it (a word value is made by the class's factory, so it is loaded before any code
 * that holds one is lowered).
 */
public final class WordTypes {
    public static final String ANNOTATION = "Llichen/api/Word;";
    private static final Set<String> WORDS = ConcurrentHashMap.newKeySet();

    static {
        WORDS.addAll(Set.of("lichen/api/VA", "lichen/api/PA", "lichen/api/UA"));
    }

    private WordTypes() {}

    /** Whether the class named {@code internalName} is a word type. */
    public static boolean isWord(String internalName) { return internalName != null && WORDS.contains(internalName); }

    /** Whether a type (an object type, not an array) is a word type. */
    public static boolean isWord(Type t) { return t != null && t.getSort() == Type.OBJECT && isWord(t.getInternalName()); }

    /** Whether a field or value descriptor ({@code Llichen/api/VA;}) names a word type. */
    public static boolean isWordDescriptor(String desc) {
        return desc.length() > 2 && desc.charAt(0) == 'L' && isWord(desc.substring(1, desc.length() - 1));
    }

    /** Whether a descriptor or signature names a word type anywhere ({@code (Llichen/api/VA;)J}). */
    public static boolean mentions(String desc) {
        for (int at = desc.indexOf('L'); at >= 0; at = desc.indexOf('L', at + 1)) {
            int end = at + 1;
            while (end < desc.length() && desc.charAt(end) != ';' && desc.charAt(end) != '<') end++;
            if (isWord(desc.substring(at + 1, end))) return true;
        }
        return false;
    }

    /** Whether an array descriptor's elements are words ({@code [Llichen/api/VA;}). */
    public static boolean isWordArray(String desc) { return desc.startsWith("[") && isWordDescriptor(desc.substring(1)); }

    public static boolean isMarked(JClass c) {
        if (c.node.invisibleAnnotations == null) return false;
        for (AnnotationNode a : c.node.invisibleAnnotations) if (a.desc.equals(ANNOTATION)) return true;
        return false;
    }

    /** The world's load hook: a class marked {@code @Word} is checked for the word form and registered. */
    public static void onLoad(JClass c) {
        if (!isMarked(c) && !isWord(c.name())) return;
        checkForm(c);
        WORDS.add(c.name());
    }

    /** The one {@code long} field that holds a word's value. */
    public static FieldNode valueField(JClass c) {
        for (FieldNode f : c.node.fields) if ((f.access & Opcodes.ACC_STATIC) == 0) return f;
        throw new CompileError("word class " + c.name().replace('/', '.') + " has no value field");
    }

    /**
     * A word class is final, extends Object, implements nothing, has exactly one instance field (a
     * {@code long}) and only {@code (long)} constructors, so every value is that one long.
     */
    static void checkForm(JClass c) {
        String name = c.name().replace('/', '.');
        String where = c.sourceFile() + ": word class " + name;
        if ((c.node.access & Opcodes.ACC_FINAL) == 0) throw new CompileError(where + " must be final (a word has no subclasses)");
        if (!"java/lang/Object".equals(c.node.superName) || !c.node.interfaces.isEmpty()) {
            throw new CompileError(where + " must extend only Object and implement nothing (a word is never an Object)");
        }
        int instanceFields = 0;
        for (FieldNode f : c.node.fields) {
            if ((f.access & Opcodes.ACC_STATIC) != 0) continue;
            instanceFields++;
            if (!f.desc.equals("J")) throw new CompileError(where + ": field " + f.name + " must be a long (a word is one 64-bit value)");
            if ((f.access & Opcodes.ACC_FINAL) == 0) throw new CompileError(where + ": field " + f.name + " must be final (a word is a value)");
        }
        if (instanceFields != 1) throw new CompileError(where + " must have exactly one instance field, a long (it has " + instanceFields + ")");
        for (MethodNode m : c.node.methods) {
            if (m.name.equals("<init>") && !m.desc.equals("(J)V")) {
                throw new CompileError(where + ": constructor " + m.desc + " must take only the value: (long)");
            }
            if (m.name.equals("<init>") && !onlyStoresValue(m)) {
                throw new CompileError(where + ": the constructor must only store its argument (this.value = value): jcc makes a word from that long");
            }
            if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) throw new CompileError(where + ": method " + m.name + " is synchronized");
        }
    }

    /** {@code super(); this.value = value; return}: the constructor's only possible body. */
    private static boolean onlyStoresValue(MethodNode m) {
        int[] expected = {Opcodes.ALOAD, Opcodes.INVOKESPECIAL, Opcodes.ALOAD, Opcodes.LLOAD, Opcodes.PUTFIELD, Opcodes.RETURN};
        int i = 0;
        for (var insn : m.instructions) {
            if (insn.getOpcode() < 0) continue;
            if (i >= expected.length || insn.getOpcode() != expected[i]) return false;
            i++;
        }
        return i == expected.length;
    }
}
