package lichen.jcc.check;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.*;


/**
 * The kernel target's rule for floating point (docs/subset.md, "Kernel
 * code"): the kernel is compiled without the FP/SIMD registers, so a method
 * that computes with float or double must be marked {@code @FloatingPoint}
 * (and then is compiled with them), and a marked method may not be
 * {@code @Async} or {@code @Irq}, since neither a task switch nor a trap
 * frame saves those registers.
 */
public final class FloatingPointRule {
    static final String MARK = "Llichen/api/FloatingPoint;";
    private static final String ASYNC = "Llichen/api/Async;", IRQ = "Llichen/api/Irq;";

    private FloatingPointRule() {}

    interface Reporter {
        void report(int line, String needle, String message);

        /** At the method's declaration. */
        void atDeclaration(String message);
    }

    public static boolean isMarked(MethodNode m) {
        return SubsetChecker.has(m.invisibleAnnotations, MARK) || SubsetChecker.has(m.visibleAnnotations, MARK);
    }

    /** Reports the method's first floating-point use when it is not marked, or a marked method that may sleep or runs for an IRQ. */
    static void check(ClassNode c, MethodNode m, Reporter out) {
        boolean marked = isMarked(m);
        if (marked) {
            boolean async = SubsetChecker.has(m.invisibleAnnotations, ASYNC);
            boolean irq = SubsetChecker.has(m.invisibleAnnotations, IRQ) || SubsetChecker.has(c.invisibleAnnotations, IRQ);
            if (async || irq) {
                out.atDeclaration("a @FloatingPoint method may not be " + (async ? "@Async" : "@Irq")
                        + ": the floating-point registers are saved neither by a task switch nor in a trap frame");
            }
            return;
        }
        Use use = firstUse(m);
        if (use == null) return;
        out.report(use.line, use.needle, "floating point in kernel code (" + use.what
                + "): the kernel is compiled without the FP/SIMD registers; mark the method @FloatingPoint to use them");
    }

    /** Where a method first computes with float or double: its line, a word to place the caret at, and what it is. */
    public record Use(int line, String needle, String what) {}

    /**
     * The first floating-point use in {@code m}, its signature included, or null. Of the uses on
     * the first line that has any, one that names a field or method is preferred: the caret can
     * point at the name.
     */
    public static Use firstUse(MethodNode m) {
        int line = SubsetChecker.firstLine(m);
        if (hasFloatingPoint(m.desc)) return new Use(line, m.name, "its signature has float or double");
        Use first = null;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LineNumberNode ln) {
                if (first != null && ln.line != first.line) break;
                line = ln.line;
            }
            String what = describe(insn);
            if (what == null) continue;
            Use use = new Use(line, needle(insn), what);
            if (first == null) first = use;
            if (use.needle != null) return use;
        }
        return first;
    }

    private static String describe(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return switch (insn) {
            case FieldInsnNode f when isFloatingPoint(Type.getType(f.desc)) -> "field " + f.name + " is " + Type.getType(f.desc).getClassName();
            case MethodInsnNode call when hasFloatingPoint(call.desc) -> "a call of " + call.name + " passes float or double";
            case LdcInsnNode l when l.cst instanceof Float || l.cst instanceof Double -> "a float or double constant";
            case IntInsnNode n when op == Opcodes.NEWARRAY && (n.operand == Opcodes.T_FLOAT || n.operand == Opcodes.T_DOUBLE) -> "a float or double array";
            case InvokeDynamicInsnNode indy when hasFloatingPoint(indy.desc) -> "a float or double operand";
            default -> isFloatingPointOpcode(op) ? "a float or double operation" : null;
        };
    }

    private static String needle(AbstractInsnNode insn) {
        return switch (insn) {
            case FieldInsnNode f -> f.name;
            case MethodInsnNode call -> call.name;
            default -> null;
        };
    }

    /** The opcodes that load, store, compute with, convert to or from, or return float and double values. */
    private static boolean isFloatingPointOpcode(int op) {
        return switch (op) {
            case Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2, Opcodes.DCONST_0, Opcodes.DCONST_1,
                 Opcodes.FLOAD, Opcodes.DLOAD, Opcodes.FSTORE, Opcodes.DSTORE, Opcodes.FALOAD, Opcodes.DALOAD,
                 Opcodes.FASTORE, Opcodes.DASTORE, Opcodes.FADD, Opcodes.DADD, Opcodes.FSUB, Opcodes.DSUB, Opcodes.FMUL,
                 Opcodes.DMUL, Opcodes.FDIV, Opcodes.DDIV, Opcodes.FREM, Opcodes.DREM, Opcodes.FNEG, Opcodes.DNEG,
                 Opcodes.I2F, Opcodes.I2D, Opcodes.L2F, Opcodes.L2D, Opcodes.F2I, Opcodes.F2L, Opcodes.F2D, Opcodes.D2I,
                 Opcodes.D2L, Opcodes.D2F, Opcodes.FCMPL, Opcodes.FCMPG, Opcodes.DCMPL, Opcodes.DCMPG, Opcodes.FRETURN,
                 Opcodes.DRETURN -> true;
            default -> false;
        };
    }

    private static boolean hasFloatingPoint(String methodDesc) {
        if (isFloatingPoint(Type.getReturnType(methodDesc))) return true;
        for (Type t : Type.getArgumentTypes(methodDesc)) if (isFloatingPoint(t)) return true;
        return false;
    }

    private static boolean isFloatingPoint(Type t) { return t.getSort() == Type.FLOAT || t.getSort() == Type.DOUBLE; }
}
