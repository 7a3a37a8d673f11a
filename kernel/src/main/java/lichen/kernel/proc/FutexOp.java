package lichen.kernel.proc;

/**
 * FUTEX_WAKE_OP's operation word (man 2 futex; the FUTEX_OP macro of
 * linux/futex.h): bits 28-30 the operation, bit 31 "the argument is a shift
 * count", bits 24-27 the comparison, bits 12-23 the operation's argument and
 * bits 0-11 the comparison's, both signed 12-bit numbers.
 */
final class FutexOp {
    /** {@link #apply}'s answer for an operation that does not exist. */
    static final long UNKNOWN = Long.MIN_VALUE;
    private static final int SET = 0, ADD = 1, OR = 2, ANDN = 3, XOR = 4;
    private static final int EQ = 0, NE = 1, LT = 2, LE = 3, GT = 4, GE = 5;
    /** FUTEX_OP_OPARG_SHIFT, at bit 31 of the word: the argument is 1 << oparg. */
    private static final int ARG_SHIFT = 1 << 31;

    private FutexOp() {}

    /** The word's new value from its old one, or {@link #UNKNOWN}. */
    static long apply(int op, int old) {
        int arg = (op << 8) >> 20;
        if ((op & ARG_SHIFT) != 0) arg = 1 << (arg & 31); // Linux warns and masks a shift outside 0-31
        return switch ((op >>> 28) & 7) {
            case SET -> arg;
            case ADD -> old + arg;
            case OR -> old | arg;
            case ANDN -> old & ~arg;
            case XOR -> old ^ arg;
            default -> UNKNOWN;
        };
    }

    /** 1 when the old value passes the comparison (signed, as Linux compares), 0 when not, -1 for an unknown comparison. */
    static int compare(int op, int old) {
        int arg = (op << 20) >> 20;
        boolean holds;
        switch ((op >>> 24) & 15) {
            case EQ -> holds = old == arg;
            case NE -> holds = old != arg;
            case LT -> holds = old < arg;
            case LE -> holds = old <= arg;
            case GT -> holds = old > arg;
            case GE -> holds = old >= arg;
            default -> {
                return -1;
            }
        }
        return holds ? 1 : 0;
    }
}
