package lichen.usertest.sys;

/** futex(2)'s operations and flags (include/uapi/linux/futex.h). */
public final class Futex {
    private Futex() {}

    public static final int FUTEX_WAIT = 0;
    public static final int FUTEX_WAKE = 1;
    public static final int FUTEX_REQUEUE = 3;
    public static final int FUTEX_CMP_REQUEUE = 4;
    public static final int FUTEX_WAKE_OP = 5;
    public static final int FUTEX_WAIT_BITSET = 9;
    public static final int FUTEX_WAKE_BITSET = 10;
    public static final int FUTEX_PRIVATE_FLAG = 128;
    public static final int FUTEX_CLOCK_REALTIME = 256;
    public static final int FUTEX_BITSET_MATCH_ANY = -1;

    /** FUTEX_WAKE_OP's operations on the second word, and the flag that makes the argument a shift count. */
    public static final int FUTEX_OP_SET = 0, FUTEX_OP_ADD = 1, FUTEX_OP_OR = 2, FUTEX_OP_ANDN = 3, FUTEX_OP_XOR = 4;
    public static final int FUTEX_OP_OPARG_SHIFT = 8;
    /** FUTEX_WAKE_OP's comparisons of the second word's old value. */
    public static final int FUTEX_OP_CMP_EQ = 0, FUTEX_OP_CMP_NE = 1, FUTEX_OP_CMP_LT = 2, FUTEX_OP_CMP_LE = 3,
            FUTEX_OP_CMP_GT = 4, FUTEX_OP_CMP_GE = 5;

    /** The FUTEX_OP macro: FUTEX_WAKE_OP's val3 from an operation, its argument, a comparison and its argument (12 bits each). */
    public static int op(int op, int oparg, int cmp, int cmparg) {
        return ((op & 0xf) << 28) | ((cmp & 0xf) << 24) | ((oparg & 0xfff) << 12) | (cmparg & 0xfff);
    }
}
