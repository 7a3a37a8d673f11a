package lichen.jcc.lower;

import lichen.jcc.world.WordTypes;
import lichen.jcc.world.WordValues;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * How JVM types become LLVM types: in registers (ints widened to i32) and in memory (their own
 * width). A word type ({@link WordTypes}) is an i64 everywhere, kind 'w'.
 */
public final class IrTypes {
    private IrTypes() {}

    /** The type of a value on the operand stack or in a local. */
    public static String value(Type t) {
        return switch (t.getSort()) {
            case Type.VOID -> "void";
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> "i32";
            case Type.LONG -> "i64";
            case Type.FLOAT -> "float";
            case Type.DOUBLE -> "double";
            default -> WordTypes.isWord(t) ? "i64" : "ptr";
        };
    }

    public static String value(String desc) { return value(Type.getType(desc)); }

    /** The type of a field or array element in memory. */
    public static String storage(String desc) {
        return switch (desc.charAt(0)) {
            case 'Z', 'B' -> "i8";
            case 'C', 'S' -> "i16";
            case 'I' -> "i32";
            case 'J' -> "i64";
            case 'F' -> "float";
            case 'D' -> "double";
            default -> WordTypes.isWordDescriptor(desc) ? "i64" : "ptr";
        };
    }

    /** The instruction that widens a loaded narrow value to i32, or null when none is needed. */
    public static String widen(String desc) {
        return switch (desc.charAt(0)) {
            case 'B', 'S' -> "sext";
            case 'Z', 'C' -> "zext";
            default -> null;
        };
    }

    /** One letter per analysis kind, for naming the stack and local slots. */
    public static char kind(BasicValue v) {
        if (v == BasicValue.INT_VALUE) return 'i';
        if (v == BasicValue.LONG_VALUE) return 'j';
        if (v == BasicValue.FLOAT_VALUE) return 'f';
        if (v == BasicValue.DOUBLE_VALUE) return 'd';
        if (WordValues.isWord(v)) return 'w';
        return 'a';
    }

    public static String ofKind(char k) {
        return switch (k) {
            case 'i' -> "i32";
            case 'j', 'w' -> "i64";
            case 'f' -> "float";
            case 'd' -> "double";
            default -> "ptr";
        };
    }

    public static char kindOf(Type t) {
        return switch (t.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> 'i';
            case Type.LONG -> 'j';
            case Type.FLOAT -> 'f';
            case Type.DOUBLE -> 'd';
            default -> WordTypes.isWord(t) ? 'w' : 'a';
        };
    }

    /** An LLVM symbol name, quoted. */
    public static String global(String name) { return "@\"" + name + "\""; }

    public static String method(String owner, String name, String desc) { return global(owner + "." + name + desc); }

    public static String descriptor(String className) { return global("desc:" + className); }

    public static String staticField(String owner, String name) { return global("static:" + owner + "." + name); }

    /** The type of a method's receiver: a word's is its value. */
    public static String receiver(String owner) { return WordTypes.isWord(owner) ? "i64" : "ptr"; }

    /** The LLVM function type of a method: (receiver, args) -> return; {@code receiver} null for a static method. */
    public static String functionType(String desc, String receiver) {
        StringBuilder sb = new StringBuilder(value(Type.getReturnType(desc))).append(" (");
        boolean first = true;
        if (receiver != null) { sb.append(receiver); first = false; }
        for (Type a : Type.getArgumentTypes(desc)) {
            if (!first) sb.append(", ");
            sb.append(value(a));
            first = false;
        }
        return sb.append(")").toString();
    }

    /** A double or float constant in LLVM's exact hexadecimal form. */
    public static String doubleConstant(double d) { return "0x" + String.format("%016X", Double.doubleToRawLongBits(d)); }

    /** LLVM writes float constants as the double with the same value. */
    public static String floatConstant(float f) { return doubleConstant(f); }
}
