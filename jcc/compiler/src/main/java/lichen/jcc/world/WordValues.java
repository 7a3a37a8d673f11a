package lichen.jcc.world;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * ASM's basic analysis, told apart from references: a value of a word type and an array of
 * words keep their type, so the lowering gives the first an i64 slot ({@link WordTypes}) and
 * knows the second's elements are i64. Every other reference is the one REFERENCE_VALUE.
 */
public class WordValues extends BasicInterpreter {
    public WordValues() { super(Opcodes.ASM9); }

    /** Whether an analysed value is a word. */
    public static boolean isWord(BasicValue v) { return v != null && WordTypes.isWord(v.getType()); }

    /** Whether an analysed value is an array of words. */
    public static boolean isWordArray(BasicValue v) {
        return v != null && v.getType() != null && v.getType().getSort() == Type.ARRAY && WordTypes.isWordArray(v.getType().getDescriptor());
    }

    /** The null constant: a reference, but the word rules must tell it from others (check/WordRule). */
    public static final BasicValue NULL = new BasicValue(Type.getObjectType("null"));

    @Override
    public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
        return insn.getOpcode() == Opcodes.ACONST_NULL ? NULL : super.newOperation(insn);
    }

    @Override
    public BasicValue newValue(Type type) {
        if (WordTypes.isWord(type)) return new BasicValue(type);
        if (type != null && type.getSort() == Type.ARRAY && WordTypes.isWordArray(type.getDescriptor())) return new BasicValue(type);
        return super.newValue(type);
    }

    @Override
    public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue a, BasicValue b) throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.AALOAD && isWordArray(a)) return newValue(a.getType().getElementType());
        return super.binaryOperation(insn, a, b);
    }

    /** A word array that meets another reference becomes a plain reference; a word that meets anything else, nothing. */
    @Override
    public BasicValue merge(BasicValue a, BasicValue b) {
        if (a.equals(b)) return a;
        if (isWord(a) || isWord(b)) return BasicValue.UNINITIALIZED_VALUE;
        if (a.isReference() && b.isReference()) return BasicValue.REFERENCE_VALUE;
        return super.merge(a, b);
    }
}
