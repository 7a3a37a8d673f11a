package lichen.jcc.check;

import lichen.jcc.world.WordTypes;
import lichen.jcc.world.WordValues;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The word rules (DESIGN.md, "Raw memory and hardware"; docs/subset.md, "Word types"): jcc
 * compiles a word ({@code VA}, {@code PA}, {@code UA}, any {@code @Word} class) to a bare
 * 64-bit value, so nothing may ask it for what only an object has. A word is not compared
 * with {@code ==} or {@code !=} (use {@code equals} or {@code sameAs}/{@code compareTo}), is
 * never null, is never converted to Object or an interface (a field, an array element, an
 * argument or a result of such a type: generic collections, string concatenation,
 * {@code System.identityHashCode}), is not a type argument, and is not the subject of
 * {@code instanceof} or a cast. A dataflow over one method's bytecode, with the declared types
 * of fields, parameters and results.
 */
final class WordRule {
    private WordRule() {}

    interface Reporter {
        void report(int line, String needle, String message);
    }

    private record Violation(AbstractInsnNode at, String needle, String message) {}

    static void check(ClassNode c, MethodNode m, Reporter out) {
        // A word class's own equals(Object) is never compiled for a word: jcc compares the values (lower/Calls).
        if (WordTypes.isWord(c.name) && m.name.equals("equals")) return;
        if (!mentionsWords(m)) return;
        List<Violation> found = new ArrayList<>();
        try {
            new Analyzer<>(new Tracker(found)).analyze(c.name, m);
        } catch (AnalyzerException e) {
            return; // the bytecode verifier's business
        }
        for (Violation v : found) out.report(lineOf(v.at), v.needle, v.message);
    }

    /** Signatures (fields, methods, locals) that give a word type as a type argument. */
    static void checkSignatures(ClassNode c, SignatureReporter out) {
        if (c.signature != null && wordTypeArgument(c.signature) != null) out.report(null, false, 0, wordTypeArgument(c.signature));
        for (FieldNode f : c.fields) {
            String w = f.signature == null ? null : wordTypeArgument(f.signature);
            if (w != null) out.report(f.name, true, 0, w);
        }
        for (MethodNode m : c.methods) {
            String w = m.signature == null ? null : wordTypeArgument(m.signature);
            if (w != null) out.report(m.name, false, SubsetChecker.firstLine(m), w);
            if (m.localVariables == null) continue;
            for (LocalVariableNode v : m.localVariables) {
                String lw = v.signature == null ? null : wordTypeArgument(v.signature);
                if (lw != null) out.local(lineOf(v.start), lw);
            }
        }
    }

    interface SignatureReporter {
        /** A type argument in a declaration: a class's header ({@code member} null), a field or a method. */
        void report(String member, boolean isField, int firstLine, String word);

        void local(int line, String word);
    }

    static final String TYPE_ARGUMENT = "a word type is not a type argument: generics hold Objects, and a word is a 64-bit value (use an array of words)";

    /** The simple name of a word type used inside {@code <...>} of a generic signature, or null. */
    static String wordTypeArgument(String signature) {
        int depth = 0;
        for (int i = 0; i < signature.length(); i++) {
            char ch = signature.charAt(i);
            if (ch == '<') depth++;
            else if (ch == '>') depth--;
            else if (ch == 'L' && depth > 0 && (i == 0 || "<;[+-*".indexOf(signature.charAt(i - 1)) >= 0 || signature.charAt(i - 1) == '>')) {
                int end = i + 1;
                while (end < signature.length() && signature.charAt(end) != ';' && signature.charAt(end) != '<') end++;
                String name = signature.substring(i + 1, end);
                if (WordTypes.isWord(name)) return simple(name);
            }
        }
        return null;
    }

    /** Only a method whose signature or code names a word type needs the dataflow. */
    private static boolean mentionsWords(MethodNode m) {
        if (WordTypes.mentions(m.desc)) return true;
        for (AbstractInsnNode insn : m.instructions) {
            boolean names = switch (insn) {
                case MethodInsnNode call -> WordTypes.isWord(call.owner) || WordTypes.mentions(call.desc);
                case FieldInsnNode f -> WordTypes.mentions(f.desc);
                case InvokeDynamicInsnNode indy -> WordTypes.mentions(indy.desc);
                case TypeInsnNode t -> WordTypes.isWord(t.desc) || WordTypes.mentions(t.desc);
                default -> false;
            };
            if (names) return true;
        }
        return false;
    }

    private static final class Tracker extends WordValues {
        private final List<Violation> found;

        Tracker(List<Violation> found) { this.found = found; }

        private void add(AbstractInsnNode at, String needle, String message) { found.add(new Violation(at, needle, message)); }

        /** A value going where {@code expected} (a descriptor) is declared. */
        private void flow(AbstractInsnNode at, String needle, BasicValue v, Type expected, String where) {
            if (expected.getSort() != Type.OBJECT && expected.getSort() != Type.ARRAY) return;
            boolean wordExpected = WordTypes.isWord(expected);
            if (wordExpected && v == NULL) {
                add(at, "null", "null is not a " + simple(expected.getInternalName()) + ": a word has no null (use a zero word, such as UA.nil())");
            } else if (!wordExpected && isWord(v)) {
                String word = simple(v.getType().getInternalName());
                add(at, needle, "a " + word + " is a word and cannot be " + where + " of type " + simple(expected.getInternalName())
                        + ": a word is a 64-bit value, not an Object (convert it with raw() or toString())");
            }
        }

        @Override
        public BasicValue unaryOperation(AbstractInsnNode insn, BasicValue v) throws AnalyzerException {
            switch (insn.getOpcode()) {
                case Opcodes.PUTSTATIC -> {
                    FieldInsnNode f = (FieldInsnNode) insn;
                    flow(insn, f.name, v, Type.getType(f.desc), "stored in field " + f.name);
                }
                case Opcodes.IFNULL, Opcodes.IFNONNULL -> {
                    if (isWord(v)) add(insn, "null", "a " + simple(v.getType().getInternalName()) + " is never null: a word is a 64-bit value (compare raw() with 0, or use isNull())");
                }
                case Opcodes.CHECKCAST, Opcodes.INSTANCEOF -> {
                    String type = ((TypeInsnNode) insn).desc;
                    boolean cast = insn.getOpcode() == Opcodes.CHECKCAST;
                    if (isWord(v) || WordTypes.isWord(type)) {
                        String word = simple(isWord(v) ? v.getType().getInternalName() : type);
                        add(insn, cast ? word : "instanceof", (cast ? "a cast" : "instanceof") + " involving the word type " + word
                                + " is outside the subset: a word has no class at run time (it is a 64-bit value)");
                    }
                }
                default -> {}
            }
            return super.unaryOperation(insn, v);
        }

        @Override
        public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue a, BasicValue b) throws AnalyzerException {
            switch (insn.getOpcode()) {
                case Opcodes.PUTFIELD -> {
                    FieldInsnNode f = (FieldInsnNode) insn;
                    flow(insn, f.name, b, Type.getType(f.desc), "stored in field " + f.name);
                }
                case Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE -> {
                    if (isWord(a) || isWord(b)) {
                        String word = simple((isWord(a) ? a : b).getType().getInternalName());
                        // javac branches on the opposite test: a == b jumps past with if_acmpne
                        add(insn, insn.getOpcode() == Opcodes.IF_ACMPNE ? "==" : "!=", "a " + word
                                + " has no identity: compare words with equals or sameAs, not == or !=");
                    }
                }
                default -> {}
            }
            return super.binaryOperation(insn, a, b);
        }

        @Override
        public BasicValue ternaryOperation(AbstractInsnNode insn, BasicValue array, BasicValue index, BasicValue v) throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.AASTORE) {
                Type element = isWordArray(array) ? array.getType().getElementType() : Type.getObjectType("java/lang/Object");
                flow(insn, "=", v, element, "an element of an array");
            }
            return super.ternaryOperation(insn, array, index, v);
        }

        @Override
        public BasicValue naryOperation(AbstractInsnNode insn, List<? extends BasicValue> values) throws AnalyzerException {
            if (insn instanceof InvokeDynamicInsnNode indy) {
                for (BasicValue v : values) {
                    if (isWord(v)) add(insn, null, "a " + simple(v.getType().getInternalName()) + " in a string concatenation or captured by"
                            + " a lambda becomes an Object: a word is a 64-bit value (concatenate raw() or toString())");
                }
            }
            if (insn instanceof MethodInsnNode call) {
                Type[] params = Type.getArgumentTypes(call.desc);
                int first = values.size() - params.length;
                boolean wordEquals = first == 1 && isWord(values.getFirst()) && call.name.equals("equals")
                        && call.desc.equals("(Ljava/lang/Object;)Z") && isWord(values.get(1));
                if (first == 1 && values.getFirst() == NULL && WordTypes.isWord(call.owner)) {
                    add(insn, call.name, "null is not a " + simple(call.owner) + ": a word has no null");
                }
                for (int i = 0; i < params.length && !wordEquals; i++) {
                    String where = call.owner.equals("java/lang/System") && call.name.equals("identityHashCode")
                            ? "given identityHashCode (a word has no identity), nor an argument" : "an argument";
                    flow(insn, call.name, values.get(first + i), params[i], where);
                }
                if (first == 1 && isWord(values.getFirst()) && !WordTypes.isWord(call.owner)) {
                    add(insn, call.name, "a " + simple(values.getFirst().getType().getInternalName()) + " is a word and has no "
                            + simple(call.owner) + " methods: a word is a 64-bit value, not an Object");
                }
            }
            return super.naryOperation(insn, values);
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, BasicValue v, BasicValue expected) throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.ARETURN && expected != null && expected.getType() != null) {
                flow(insn, "return", v, expected.getType(), "returned as a result");
            }
            super.returnOperation(insn, v, expected);
        }
    }

    private static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode i = insn; i != null; i = i.getPrevious()) if (i instanceof LineNumberNode ln) return ln.line;
        return 0;
    }

    private static String simple(String owner) { return owner.substring(owner.lastIndexOf('/') + 1); }
}
