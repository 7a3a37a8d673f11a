package lichen.jcc.check;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.*;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * What the bytecode tells about an expression whose value a call consumes (the
 * value that {@code Integer.valueOf} boxes, the receiver of {@code intValue()}):
 * the instruction that produced it, as a kind of source expression and a name.
 * {@link SourcePositions} then finds that expression on the line. A cast
 * (a primitive conversion) carries the shape of its operand, for sources where
 * the widening is implicit.
 */
record ExpressionShape(Kind kind, String name, ExpressionShape operand) {
    enum Kind { NAME, FIELD, CALL, LITERAL, BINARY, UNARY, ARRAY, CONDITIONAL, CAST }

    /** The type each primitive conversion converts to, from I2L to I2S in opcode order. */
    private static final String[] CONVERSIONS = {"long", "float", "double", "int", "float", "double", "int", "long", "double",
            "int", "long", "float", "byte", "char", "short"};

    /** The producers of a method's operand stack, computed once per method and only when asked. */
    static final class Producers {
        private final String owner;
        private final MethodNode method;
        private Frame<SourceValue>[] frames;

        Producers(String owner, MethodNode method) {
            this.owner = owner;
            this.method = method;
        }

        /** The shape of the value on top of the stack just before {@code insn}, or null if it has none that can be told. */
        ExpressionShape topBefore(AbstractInsnNode insn) {
            if (frames == null) {
                try {
                    frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
                } catch (AnalyzerException e) {
                    return null; // unverifiable bytecode: the caller places the caret at the statement
                }
            }
            return shapeOf(insn, 0);
        }

        private ExpressionShape shapeOf(AbstractInsnNode consumer, int depth) {
            Frame<SourceValue> f = frames[method.instructions.indexOf(consumer)];
            if (f == null || f.getStackSize() == 0 || depth > 8) return null;
            SourceValue v = f.getStack(f.getStackSize() - 1);
            // Several producers: the arms of a ?: or a switch, or the 1 and 0 of a boolean expression.
            if (v.insns.size() != 1) return v.insns.isEmpty() ? null : new ExpressionShape(Kind.CONDITIONAL, null, null);
            AbstractInsnNode p = v.insns.iterator().next();
            int op = p.getOpcode();
            return switch (p) {
                case VarInsnNode load when op >= Opcodes.ILOAD && op <= Opcodes.ALOAD -> {
                    String name = localName(load);
                    yield name == null ? null : new ExpressionShape(Kind.NAME, name, null);
                }
                case FieldInsnNode field -> new ExpressionShape(Kind.FIELD, field.name, null);
                case MethodInsnNode call -> new ExpressionShape(Kind.CALL, call.name, null);
                case TypeInsnNode cast when op == Opcodes.CHECKCAST ->
                        new ExpressionShape(Kind.CAST, ClassReferences.simpleName(cast.desc), shapeOf(p, depth + 1));
                case InsnNode dup when op == Opcodes.DUP || op == Opcodes.DUP2 -> shapeOf(p, depth + 1);
                case LdcInsnNode ldc when !(ldc.cst instanceof String) -> new ExpressionShape(Kind.LITERAL, null, null);
                case IntInsnNode push when op != Opcodes.NEWARRAY -> new ExpressionShape(Kind.LITERAL, null, null);
                default -> {
                    if (op >= Opcodes.ICONST_M1 && op <= Opcodes.DCONST_1) yield new ExpressionShape(Kind.LITERAL, null, null);
                    if (op >= Opcodes.IALOAD && op <= Opcodes.SALOAD) yield new ExpressionShape(Kind.ARRAY, null, null);
                    if (op >= Opcodes.INEG && op <= Opcodes.DNEG) yield new ExpressionShape(Kind.UNARY, null, null);
                    if (op >= Opcodes.IADD && op <= Opcodes.LXOR || op >= Opcodes.LCMP && op <= Opcodes.DCMPG) {
                        yield new ExpressionShape(Kind.BINARY, null, null);
                    }
                    if (op >= Opcodes.I2L && op <= Opcodes.I2S) yield new ExpressionShape(Kind.CAST, CONVERSIONS[op - Opcodes.I2L], shapeOf(p, depth + 1));
                    if (op == Opcodes.ARRAYLENGTH) yield new ExpressionShape(Kind.FIELD, "length", null);
                    yield null;
                }
            };
        }

        /** The local's name from the LocalVariableTable (javac -g), or null without one. */
        private String localName(VarInsnNode load) {
            if (method.localVariables == null) return null;
            int at = method.instructions.indexOf(load);
            for (LocalVariableNode lv : method.localVariables) {
                if (lv.index == load.var && method.instructions.indexOf(lv.start) <= at && at < method.instructions.indexOf(lv.end)) {
                    return lv.name;
                }
            }
            return null;
        }
    }
}
