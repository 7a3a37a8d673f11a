package lichen.jcc.desugar;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;

/** Small builders for the instructions that generated methods are made of. */
final class Bytecode {
    private Bytecode() {}

    static VarInsnNode load(Type t, int slot) { return new VarInsnNode(t.getOpcode(Opcodes.ILOAD), slot); }

    static InsnNode ret(Type t) { return new InsnNode(t.getOpcode(Opcodes.IRETURN)); }

    static LdcInsnNode ldc(Object v) { return new LdcInsnNode(v); }

    static MethodInsnNode invoke(int op, String owner, String name, String desc) {
        return new MethodInsnNode(op, owner, name, desc, op == Opcodes.INVOKEINTERFACE);
    }

    /** The StringBuilder.append overload javac would pick for a value of type {@code t}. */
    static MethodInsnNode append(Type t) {
        String arg = switch (t.getSort()) {
            case Type.BOOLEAN -> "Z";
            case Type.CHAR -> "C";
            case Type.BYTE, Type.SHORT, Type.INT -> "I";
            case Type.LONG -> "J";
            case Type.FLOAT -> "F";
            case Type.DOUBLE -> "D";
            default -> t.getDescriptor().equals("Ljava/lang/String;") ? "Ljava/lang/String;"
                    : t.getDescriptor().equals("[C") ? "[C" : "Ljava/lang/Object;";
        };
        String desc = "(" + arg + ")Ljava/lang/StringBuilder;";
        if (arg.equals("[C")) desc = "(Ljava/lang/Object;)Ljava/lang/StringBuilder;"; // a char[] in a concatenation prints as an object
        return invoke(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "append", desc);
    }

    /** Slots taken by the arguments of a method descriptor. */
    static int argumentSlots(Type[] args) {
        int n = 0;
        for (Type t : args) n += t.getSize();
        return n;
    }
}
