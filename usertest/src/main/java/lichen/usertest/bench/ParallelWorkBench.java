package lichen.usertest.bench;

import lichen.usertest.Processes;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.WaitStatus;

/**
 * CPU-bound processes side by side: one round forks {@code processes}
 * children, each runs {@link #WORK} steps of a 64-bit xorshift
 * generator (no system call, no memory beyond registers) and exits 0, and
 * the parent waits for them all. The figure is the wall-clock time per
 * million steps of all the children's work together, so on a kernel that runs them on N
 * CPUs at once {@code cpu_bound_x4} is about 1/N of {@code cpu_bound_x1}:
 * the ratio of the two is the parallel speed-up (bench-userspace.sh prints
 * it for each kernel).
 */
final class ParallelWorkBench {
    /** Steps a child takes: tens of milliseconds under TCG, long against fork and wait. */
    static final long WORK = 10_000_000;

    private ParallelWorkBench() {}

    static boolean run(String name, int processes) {
        int[] status = new int[1];
        long statusAddress = Linux.address(status);
        long[] pids = new long[processes];
        // Per million steps: one step is under a nanosecond, finer than the figures' tenths of one.
        return Measurement.report(name, "Mstep", processes * (WORK / 1_000_000), rounds -> {
            for (long r = 0; r < rounds; r++) {
                for (int i = 0; i < processes; i++) {
                    pids[i] = Processes.fork();
                    if (pids[i] == 0) {
                        Processes.childExit(spin(WORK, i) == 0 ? 1 : 0); // the value is used, so the loop stays
                    }
                    if (pids[i] < 0) {
                        return "clone: " + Errno.describe(pids[i]);
                    }
                }
                for (int i = 0; i < processes; i++) {
                    long w = Linux.wait4(pids[i], statusAddress, 0, 0);
                    if (w != pids[i]) {
                        return "wait4: " + Errno.describe(w);
                    }
                    if (status[0] != 0) {
                        return "a worker " + WaitStatus.describe(status[0]);
                    }
                }
            }
            return null;
        });
    }

    /**
     * {@code steps} of Marsaglia's xorshift64 from a non-zero start; the last value, never 0 (xorshift permutes
     * the non-zero words), which LLVM cannot know, so the loop is kept. Not a linear congruential step, which
     * LLVM folds: unrolled, k steps of x * a + c combine into one multiply.
     */
    static long spin(long steps, long seed) {
        long x = seed + 88172645463325252L;
        for (long i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}
