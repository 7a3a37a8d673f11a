package lichen.kernel.proc;

import lichen.arch.aarch64.KernelAddressSpace;

/**
 * A process's resource limits (man 2 getrlimit): a soft and a hard value
 * per resource (soft at 2r, hard at 2r+1), inherited at fork, made on first
 * use from the values Linux starts init with.
 */
public final class ResourceLimits {
    public static final int RLIMIT_STACK = 3, RLIMIT_CORE = 4, RLIMIT_RSS = 5, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8,
            RLIMIT_SIGPENDING = 11, RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13, RLIMIT_RTPRIO = 14, RLIM_NLIMITS = 16;
    public static final long RLIM_INFINITY = -1;
    /** Each thread's share of memory Linux's fork_init sizes max_threads by: 8 kernel stacks of 16 KiB. */
    private static final long PAGES_PER_THREAD = 8 * 16 / 4;

    private ResourceLimits() {}

    /**
     * {@code p}'s limits, made on first use as Linux starts init's (asm-generic/resource.h's
     * INIT_RLIMITS; fork_init sets RLIMIT_NPROC and RLIMIT_SIGPENDING to half of max_threads,
     * which it sizes by the usable memory).
     */
    public static long[] of(Process p) {
        if (p.limits() != null) return p.limits();
        long managedPages = KernelAddressSpace.get().frames().managedPageCount();
        long[] l = new long[2 * RLIM_NLIMITS];
        for (int r = 0; r < RLIM_NLIMITS; r++) {
            l[2 * r] = RLIM_INFINITY;
            l[2 * r + 1] = RLIM_INFINITY;
        }
        l[2 * RLIMIT_STACK] = 8L << 20;
        l[2 * RLIMIT_CORE] = 0;
        l[2 * RLIMIT_NOFILE] = 1024;
        l[2 * RLIMIT_NOFILE + 1] = 4096;
        l[2 * RLIMIT_MEMLOCK] = l[2 * RLIMIT_MEMLOCK + 1] = 8L << 20; // MLOCK_LIMIT
        l[2 * RLIMIT_MSGQUEUE] = l[2 * RLIMIT_MSGQUEUE + 1] = 819200; // MQ_BYTES_MAX
        l[2 * RLIMIT_NICE] = l[2 * RLIMIT_NICE + 1] = 0;
        l[2 * RLIMIT_RTPRIO] = l[2 * RLIMIT_RTPRIO + 1] = 0;
        long threads = Math.max(20, managedPages / PAGES_PER_THREAD) / 2;
        l[2 * RLIMIT_NPROC] = l[2 * RLIMIT_NPROC + 1] = threads;
        l[2 * RLIMIT_SIGPENDING] = l[2 * RLIMIT_SIGPENDING + 1] = threads;
        p.setLimits(l);
        return l;
    }
}
