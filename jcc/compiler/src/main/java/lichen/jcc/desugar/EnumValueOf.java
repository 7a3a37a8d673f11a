package lichen.jcc.desugar;

import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

/**
 * {@code Enum.valueOf(Class, String)}, which the JDK answers with reflection
 * (the class's enum-constant directory): a call whose class argument is a
 * constant ({@code X.class}, as in the {@code valueOf(String)} javac writes for
 * every enum) becomes a call of a method generated beside the caller that
 * scans {@code X.values()} by name, with the JDK's exceptions: a null name
 * is {@code NullPointerException("Name is null")}, an unknown one
 * {@code IllegalArgumentException("No enum constant " + canonical name + "." + name)}.
 * A class argument that is not a constant is outside the subset (the subset
 * checker reports it).
 */
public final class EnumValueOf {
    private static final String OWNER = "java/lang/Enum", NAME = "valueOf",
            DESC = "(Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/Enum;";

    private EnumValueOf() {}

    /**
     * Whether {@code insn} is a part of an {@code Enum.valueOf(X.class, name)} this class
     * rewrites: the call, or the class literal it takes (the subset checker lets both through).
     */
    public static boolean isRewritable(AbstractInsnNode insn) {
        if (isCall(insn)) return constantClass((MethodInsnNode) insn) != null;
        if (!(insn instanceof LdcInsnNode)) return false;
        AbstractInsnNode name = realNext(insn);
        AbstractInsnNode call = name == null ? null : realNext(name);
        return call != null && isCall(call) && constantClass((MethodInsnNode) call) == insn;
    }

    public static boolean isCall(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC && m.owner.equals(OWNER)
                && m.name.equals(NAME) && m.desc.equals(DESC);
    }

    /**
     * Rewrites the call {@code call} in {@code m} of {@code owner} if its class argument is an
     * {@code ldc} of a class right before the one instruction that pushes the name; any other
     * is left for the subset checker to report where it is.
     */
    static void rewrite(ClassNode owner, MethodNode m, MethodInsnNode call) {
        LdcInsnNode cls = constantClass(call);
        if (cls == null) return;
        String enumClass = ((Type) cls.cst).getInternalName();
        m.instructions.remove(cls);
        m.instructions.set(call, IndyDesugar.callStatic(owner, scanner(owner, enumClass)));
    }

    /** The {@code ldc X.class} that gives {@code call} its class argument, or null if it is not a constant. */
    private static LdcInsnNode constantClass(MethodInsnNode call) {
        AbstractInsnNode name = realPrevious(call);
        AbstractInsnNode cls = name == null ? null : realPrevious(name);
        boolean constant = cls instanceof LdcInsnNode ldc && ldc.cst instanceof Type t && t.getSort() == Type.OBJECT && pushesOne(name);
        return constant ? (LdcInsnNode) cls : null;
    }

    private static AbstractInsnNode realNext(AbstractInsnNode insn) {
        AbstractInsnNode n = insn.getNext();
        while (n != null && n.getOpcode() < 0) n = n.getNext();
        return n;
    }

    /** The previous instruction that is code, not a label, line number or frame. */
    private static AbstractInsnNode realPrevious(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) p = p.getPrevious();
        return p;
    }

    /** Whether {@code insn} pushes one value and takes none (a load, a constant, a static field). */
    private static boolean pushesOne(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op == Opcodes.ALOAD || op == Opcodes.LDC || op == Opcodes.ACONST_NULL || op == Opcodes.GETSTATIC;
    }

    /** {@code static Enum jcc$enumValueOf$X(String name)} on {@code owner}, made once per enum class. */
    private static MethodNode scanner(ClassNode owner, String enumClass) {
        String methodName = "jcc$enumValueOf$" + enumClass.replace('/', '$');
        String desc = "(Ljava/lang/String;)Ljava/lang/Enum;";
        for (MethodNode existing : owner.methods) if (existing.name.equals(methodName) && existing.desc.equals(desc)) return existing;
        MethodNode s = IndyDesugar.addStatic(owner, methodName, desc);
        InsnList code = s.instructions;
        LabelNode named = new LabelNode(new Label()), loop = new LabelNode(new Label()), next = new LabelNode(new Label()),
                missing = new LabelNode(new Label());
        // if (name == null) throw new NullPointerException("Name is null");
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new JumpInsnNode(Opcodes.IFNONNULL, named));
        throwNew(code, "java/lang/NullPointerException", Bytecode.ldc("Name is null"));
        // X[] v = X.values(); for (int i = 0; i < v.length; i++) if (v[i].name().equals(name)) return v[i];
        code.add(named);
        code.add(Bytecode.invoke(Opcodes.INVOKESTATIC, enumClass, "values", "()[L" + enumClass + ";"));
        code.add(new VarInsnNode(Opcodes.ASTORE, 1));
        code.add(new InsnNode(Opcodes.ICONST_0));
        code.add(new VarInsnNode(Opcodes.ISTORE, 2));
        code.add(loop);
        code.add(new VarInsnNode(Opcodes.ILOAD, 2));
        code.add(new VarInsnNode(Opcodes.ALOAD, 1));
        code.add(new InsnNode(Opcodes.ARRAYLENGTH));
        code.add(new JumpInsnNode(Opcodes.IF_ICMPGE, missing));
        code.add(new VarInsnNode(Opcodes.ALOAD, 1));
        code.add(new VarInsnNode(Opcodes.ILOAD, 2));
        code.add(new InsnNode(Opcodes.AALOAD));
        code.add(Bytecode.invoke(Opcodes.INVOKEVIRTUAL, "java/lang/Enum", "name", "()Ljava/lang/String;"));
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(Bytecode.invoke(Opcodes.INVOKEVIRTUAL, "java/lang/String", "equals", "(Ljava/lang/Object;)Z"));
        code.add(new JumpInsnNode(Opcodes.IFEQ, next));
        code.add(new VarInsnNode(Opcodes.ALOAD, 1));
        code.add(new VarInsnNode(Opcodes.ILOAD, 2));
        code.add(new InsnNode(Opcodes.AALOAD));
        code.add(new InsnNode(Opcodes.ARETURN));
        code.add(next);
        code.add(new IincInsnNode(2, 1));
        code.add(new JumpInsnNode(Opcodes.GOTO, loop));
        // throw new IllegalArgumentException("No enum constant " + canonical name + "." + name);
        code.add(missing);
        InsnList message = new InsnList();
        message.add(new TypeInsnNode(Opcodes.NEW, "java/lang/StringBuilder"));
        message.add(new InsnNode(Opcodes.DUP));
        message.add(Bytecode.invoke(Opcodes.INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V"));
        message.add(Bytecode.ldc("No enum constant " + enumClass.replace('/', '.').replace('$', '.') + "."));
        message.add(Bytecode.append(Type.getType(String.class)));
        message.add(new VarInsnNode(Opcodes.ALOAD, 0));
        message.add(Bytecode.append(Type.getType(String.class)));
        message.add(Bytecode.invoke(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "toString", "()Ljava/lang/String;"));
        throwNew(code, "java/lang/IllegalArgumentException", message);
        s.maxLocals = 3;
        s.maxStack = 5;
        return s;
    }

    private static void throwNew(InsnList code, String exception, AbstractInsnNode message) {
        InsnList one = new InsnList();
        one.add(message);
        throwNew(code, exception, one);
    }

    private static void throwNew(InsnList code, String exception, InsnList message) {
        code.add(new TypeInsnNode(Opcodes.NEW, exception));
        code.add(new InsnNode(Opcodes.DUP));
        code.add(message);
        code.add(Bytecode.invoke(Opcodes.INVOKESPECIAL, exception, "<init>", "(Ljava/lang/String;)V"));
        code.add(new InsnNode(Opcodes.ATHROW));
    }
}
