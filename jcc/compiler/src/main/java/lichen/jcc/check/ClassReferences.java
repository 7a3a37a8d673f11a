package lichen.jcc.check;

import lichen.jcc.world.ClassPath;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The classes a program names, checked against what compiled code may use
 * (docs/subset.md): threads, reflection and class loading are outside the
 * subset, and a {@code java.*} class is usable only if the runtime provides it
 * ({@link ClassPath#find}). Every place a class file names a class is looked
 * at, declarations too (the superclass, interfaces, field types, method
 * signatures), so that a missing class is reported at its use in the source
 * and not later, without a position, when reachability loads it.
 */
final class ClassReferences {
    /** The bootstrap methods jcc's desugaring knows (lichen.jcc.desugar.IndyDesugar); javac emits no others. */
    private static final Set<String> BOOTSTRAPS = Set.of("java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/runtime/ObjectMethods.bootstrap", "java/lang/runtime/SwitchBootstraps.typeSwitch",
            "java/lang/runtime/SwitchBootstraps.enumSwitch");

    interface Reporter {
        /** A violation on a line of code, at the first occurrence of {@code name} (a simple class name) there. */
        void atLine(int line, String name, String message);

        /** A violation in a declaration (no line in the class file): {@code member} is null for the class itself. */
        void inDeclaration(String member, boolean isField, int firstLine, String name, String message);
    }

    private final ClassPath classPath;

    ClassReferences(ClassPath classPath) { this.classPath = classPath; }

    /** Why a class may not be named by compiled code, or null when it may. */
    String violation(String internalName) {
        String dotted = internalName.replace('/', '.');
        if (internalName.startsWith("java/lang/Thread") || internalName.startsWith("java/util/concurrent/")) {
            return "threads are outside the subset (" + dotted + ")";
        }
        if (internalName.startsWith("java/lang/reflect/") || internalName.equals("java/lang/Class")
                || internalName.startsWith("java/lang/invoke/")) {
            return "reflection is outside the subset (" + dotted + ")";
        }
        if (internalName.equals("java/lang/ClassLoader")) return "class loading is outside the subset";
        if (isJdk(internalName) && classPath.find(internalName) == null) {
            return "class " + dotted + " is not provided by jcc's runtime (see docs/subset.md)";
        }
        return null;
    }

    static boolean isJdk(String name) {
        return name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/") || name.startsWith("sun/");
    }

    /** The class's own declaration: superclass, interfaces and field types. */
    void checkDeclaration(ClassNode c, Reporter out) {
        if (c.superName != null) name(c.superName, null, false, 0, out);
        for (String i : c.interfaces) name(i, null, false, 0, out);
        for (FieldNode f : c.fields) {
            for (String n : classesIn(Type.getType(f.desc))) name(n, f.name, true, 0, out);
        }
    }

    /** A method's signature; a lambda body's (its captured values) is placed on its first line. */
    void checkSignature(MethodNode m, int firstLine, Reporter out) {
        for (String n : classesInDescriptor(m.desc)) {
            String why = violation(n);
            if (why == null) continue;
            if (m.name.startsWith("lambda$")) out.atLine(firstLine, simpleName(n), why);
            else out.inDeclaration(m.name, false, firstLine, simpleName(n), why);
        }
    }

    /**
     * The declared types of a method's locals (javac -g's LocalVariableTable), each on the line
     * where its scope starts: a local's type may be named nowhere in the code. (A parameter's was
     * reported with the signature.)
     */
    void checkLocals(MethodNode m, Reporter out) {
        if (m.localVariables == null) return;
        for (LocalVariableNode lv : m.localVariables) {
            int line = lineAt(lv.start);
            for (String n : classesIn(Type.getType(lv.desc))) {
                String why = violation(n);
                if (why != null) out.atLine(line, simpleName(n), why);
            }
        }
    }

    /**
     * The classes an instruction names other than the owner of a call (the caller checks that
     * with the call's own rules): field owners, types of new/casts/instanceof, descriptors.
     */
    void checkInstruction(AbstractInsnNode insn, int line, Reporter out) {
        Set<String> names = new LinkedHashSet<>();
        switch (insn) {
            case MethodInsnNode call -> names.addAll(classesInDescriptor(call.desc));
            case FieldInsnNode f -> {
                names.add(f.owner);
                names.addAll(classesIn(Type.getType(f.desc)));
            }
            case TypeInsnNode t -> names.addAll(classesIn(Type.getObjectType(t.desc)));
            case MultiANewArrayInsnNode a -> names.addAll(classesIn(Type.getType(a.desc)));
            case InvokeDynamicInsnNode indy -> {
                Handle bsm = indy.bsm;
                if (!BOOTSTRAPS.contains(bsm.getOwner() + "." + bsm.getName())) {
                    out.atLine(line, null, "invokedynamic with bootstrap " + bsm.getOwner().replace('/', '.') + "." + bsm.getName()
                            + " is outside the subset");
                }
                names.addAll(classesIn(Type.getReturnType(indy.desc)));
                for (Type t : Type.getArgumentTypes(indy.desc)) names.addAll(classesIn(t));
                for (Object arg : indy.bsmArgs) {
                    // A method reference's target, a lambda's method types, a type switch's case classes.
                    if (arg instanceof Handle h) {
                        names.add(h.getOwner());
                        names.addAll(classesInDescriptor(h.getDesc()));
                    } else if (arg instanceof Type t) {
                        names.addAll(t.getSort() == Type.METHOD ? classesInDescriptor(t.getDescriptor()) : classesIn(t));
                    }
                }
            }
            default -> {}
        }
        for (String n : names) {
            String why = violation(n);
            if (why != null) out.atLine(line, simpleName(n), why);
        }
    }

    /** The line of the code at a label: the last line entry before it, else (a parameter's scope) the first after it. */
    private static int lineAt(LabelNode label) {
        for (AbstractInsnNode i = label; i != null; i = i.getPrevious()) if (i instanceof LineNumberNode ln) return ln.line;
        for (AbstractInsnNode i = label; i != null; i = i.getNext()) if (i instanceof LineNumberNode ln) return ln.line;
        return 0;
    }

    private void name(String internalName, String member, boolean isField, int firstLine, Reporter out) {
        String why = violation(internalName);
        if (why != null) out.inDeclaration(member, isField, firstLine, simpleName(internalName), why);
    }

    /** The classes a field or method descriptor names. */
    private static Set<String> classesInDescriptor(String desc) {
        if (desc.charAt(0) != '(') return classesIn(Type.getType(desc));
        Set<String> names = new LinkedHashSet<>(classesIn(Type.getReturnType(desc)));
        for (Type t : Type.getArgumentTypes(desc)) names.addAll(classesIn(t));
        return names;
    }

    /** The classes a type names (an array's element type; none for primitives). */
    private static Set<String> classesIn(Type t) {
        if (t.getSort() == Type.ARRAY) t = t.getElementType();
        return t.getSort() == Type.OBJECT ? Set.of(t.getInternalName()) : Set.of();
    }

    /** The name as the source writes it: {@code java/util/Map$Entry} is {@code Entry} (in {@code Map.Entry}). */
    static String simpleName(String internalName) {
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        return simple.substring(simple.lastIndexOf('$') + 1);
    }

    static boolean isAnnotation(ClassNode c) { return (c.access & Opcodes.ACC_ANNOTATION) != 0; }
}
