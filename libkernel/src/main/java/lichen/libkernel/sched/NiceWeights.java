package lichen.libkernel.sched;

/**
 * Load weights for nice values -20..19: Linux's sched_prio_to_weight table
 * (kernel/sched/core.c), where nice 0 is 1024 and each step is about 1.25x,
 * so one nice level is about 10% CPU between two competing tasks.
 */
public final class NiceWeights {
    private NiceWeights() {}

    public static final int MIN_NICE = -20;
    public static final int MAX_NICE = 19;
    /** NICE_0_LOAD: the weight virtual time is measured against. */
    public static final long NICE_0 = 1024;

    private static final int[] WEIGHTS = {
        /* -20 */ 88761, 71755, 56483, 46273, 36291,
        /* -15 */ 29154, 23254, 18705, 14949, 11916,
        /* -10 */ 9548, 7620, 6100, 4904, 3906,
        /*  -5 */ 3121, 2501, 1991, 1586, 1277,
        /*   0 */ 1024, 820, 655, 526, 423,
        /*   5 */ 335, 272, 215, 172, 137,
        /*  10 */ 110, 87, 70, 56, 45,
        /*  15 */ 36, 29, 23, 18, 15,
    };

    /** The weight of a nice value, clamped to -20..19 as setpriority(2) clamps it. */
    public static long weight(int nice) {
        int n = Math.max(MIN_NICE, Math.min(MAX_NICE, nice));
        return WEIGHTS[n - MIN_NICE];
    }
}
