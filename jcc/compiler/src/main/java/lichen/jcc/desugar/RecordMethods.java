package lichen.jcc.desugar;

import lichen.jcc.CompileError;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

/**
 * A record's {@code toString}, {@code equals} and {@code hashCode}, which javac
 * leaves to {@code ObjectMethods.bootstrap}: generated here with the JDK's
 * documented results: {@code Point[x=1, y=2]}, component-wise equality
 * (floating point compared as by {@code Float.compare}), and
 * {@code 31 * h + hash(component)} over the components from {@code h = 0}.
 */
final class RecordMethods {
    private RecordMethods() {}

    static MethodInsnNode generate(ClassNode owner, InvokeDynamicInsnNode indy, String id) {
        String names = (String) indy.bsmArgs[1];
        String[] components = names.isEmpty() ? new String[0] : names.split(";");
        Handle[] getters = new Handle[indy.bsmArgs.length - 2];
        for (int i = 0; i < getters.length; i++) getters[i] = (Handle) indy.bsmArgs[i + 2];
        MethodNode m = IndyDesugar.addStatic(owner, "jcc$record$" + indy.name + "$" + id, indy.desc);
        switch (indy.name) {
            case "toString" -> toStringBody(owner, m.instructions, components, getters);
            case "hashCode" -> hashCodeBody(m.instructions, getters);
            case "equals" -> equalsBody(owner, m.instructions, getters);
            default -> throw new CompileError("record method " + indy.name + " is not supported");
        }
        m.maxLocals = 2;
        m.maxStack = 6;
        return IndyDesugar.callStatic(owner, m);
    }

    private static void toStringBody(ClassNode owner, InsnList code, String[] names, Handle[] getters) {
        code.add(new TypeInsnNode(Opcodes.NEW, "java/lang/StringBuilder"));
        code.add(new InsnNode(Opcodes.DUP));
        code.add(Bytecode.invoke(Opcodes.INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V"));
        String prefix = simpleName(owner) + "[";
        for (int i = 0; i < getters.length; i++) {
            code.add(Bytecode.ldc(prefix + names[i] + "="));
            code.add(Bytecode.append(Type.getType(String.class)));
            Type t = Type.getType(getters[i].getDesc());
            code.add(new VarInsnNode(Opcodes.ALOAD, 0));
            code.add(new FieldInsnNode(Opcodes.GETFIELD, getters[i].getOwner(), getters[i].getName(), getters[i].getDesc()));
            code.add(Bytecode.append(t));
            prefix = ", ";
        }
        code.add(Bytecode.ldc(getters.length == 0 ? prefix + "]" : "]"));
        code.add(Bytecode.append(Type.getType(String.class)));
        code.add(Bytecode.invoke(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "toString", "()Ljava/lang/String;"));
        code.add(new InsnNode(Opcodes.ARETURN));
    }

    private static void hashCodeBody(InsnList code, Handle[] getters) {
        code.add(new InsnNode(Opcodes.ICONST_0));
        for (Handle g : getters) {
            code.add(new IntInsnNode(Opcodes.BIPUSH, 31));
            code.add(new InsnNode(Opcodes.IMUL));
            code.add(new VarInsnNode(Opcodes.ALOAD, 0));
            code.add(new FieldInsnNode(Opcodes.GETFIELD, g.getOwner(), g.getName(), g.getDesc()));
            hashOf(code, Type.getType(g.getDesc()));
            code.add(new InsnNode(Opcodes.IADD));
        }
        code.add(new InsnNode(Opcodes.IRETURN));
    }

    /** The hash of one component, as the boxed type's static hashCode computes it. */
    private static void hashOf(InsnList code, Type t) {
        String owner = switch (t.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> null;
            case Type.LONG -> "java/lang/Long";
            case Type.FLOAT -> "java/lang/Float";
            case Type.DOUBLE -> "java/lang/Double";
            default -> "java/util/Objects";
        };
        if (owner == null) return;
        String arg = t.getSort() >= Type.ARRAY ? "Ljava/lang/Object;" : t.getDescriptor();
        code.add(Bytecode.invoke(Opcodes.INVOKESTATIC, owner, "hashCode", "(" + arg + ")I"));
    }

    private static void equalsBody(ClassNode owner, InsnList code, Handle[] getters) {
        LabelNode no = new LabelNode(new Label());
        LabelNode yes = new LabelNode(new Label());
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new VarInsnNode(Opcodes.ALOAD, 1));
        code.add(new JumpInsnNode(Opcodes.IF_ACMPEQ, yes));
        code.add(new VarInsnNode(Opcodes.ALOAD, 1));
        code.add(new TypeInsnNode(Opcodes.INSTANCEOF, owner.name));
        code.add(new JumpInsnNode(Opcodes.IFEQ, no));
        for (Handle g : getters) {
            Type t = Type.getType(g.getDesc());
            for (int side = 0; side < 2; side++) {
                code.add(new VarInsnNode(Opcodes.ALOAD, side));
                if (side == 1) code.add(new TypeInsnNode(Opcodes.CHECKCAST, owner.name));
                code.add(new FieldInsnNode(Opcodes.GETFIELD, g.getOwner(), g.getName(), g.getDesc()));
            }
            switch (t.getSort()) {
                case Type.LONG -> { code.add(new InsnNode(Opcodes.LCMP)); code.add(new JumpInsnNode(Opcodes.IFNE, no)); }
                case Type.FLOAT -> {
                    code.add(Bytecode.invoke(Opcodes.INVOKESTATIC, "java/lang/Float", "compare", "(FF)I"));
                    code.add(new JumpInsnNode(Opcodes.IFNE, no));
                }
                case Type.DOUBLE -> {
                    code.add(Bytecode.invoke(Opcodes.INVOKESTATIC, "java/lang/Double", "compare", "(DD)I"));
                    code.add(new JumpInsnNode(Opcodes.IFNE, no));
                }
                case Type.ARRAY, Type.OBJECT -> {
                    code.add(Bytecode.invoke(Opcodes.INVOKESTATIC, "java/util/Objects", "equals", "(Ljava/lang/Object;Ljava/lang/Object;)Z"));
                    code.add(new JumpInsnNode(Opcodes.IFEQ, no));
                }
                default -> code.add(new JumpInsnNode(Opcodes.IF_ICMPNE, no));
            }
        }
        code.add(yes);
        code.add(new InsnNode(Opcodes.ICONST_1));
        code.add(new InsnNode(Opcodes.IRETURN));
        code.add(no);
        code.add(new InsnNode(Opcodes.ICONST_0));
        code.add(new InsnNode(Opcodes.IRETURN));
    }

    /** Class.getSimpleName(): the InnerClasses name of a nested class, else the part after the package. */
    static String simpleName(ClassNode c) {
        for (InnerClassNode ic : c.innerClasses) if (ic.name.equals(c.name) && ic.innerName != null) return ic.innerName;
        return c.name.substring(c.name.lastIndexOf('/') + 1);
    }
}
