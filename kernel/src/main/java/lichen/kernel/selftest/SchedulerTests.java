package lichen.kernel.selftest;

import lichen.arch.aarch64.Timer;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;

/**
 * EEVDF choosing kernel tasks on the machine: tasks that burn real time on
 * the generic timer and yield get CPU time in proportion to their weights.
 */
final class SchedulerTests {
    private SchedulerTests() {}

    private static Executor executor;
    private static final long[] cpu = new long[2];

    static void runAll() {
        SelfTest.check("EEVDF gives nice 0 and nice 5 tasks CPU time in proportion to their weights", SchedulerTests::weightedShares);
    }

    /** Burns {@code burst} ns of real time per turn until {@code until}, adding it to {@code cpu[slot]}. */
    @lichen.api.Async
    private static void burn(int slot, long burst, long until) {
        while (Timer.nanos() < until) {
            long start = Timer.nanos();
            while (Timer.nanos() - start < burst) {
                // Busy: this is the CPU time being shared.
            }
            cpu[slot] += Timer.nanos() - start;
            executor.yieldNow();
        }
    }

    /** 1024 : 335 (Linux's weights for nice 0 and 5) is a 75.3% share; measured over 300 ms of 1 ms bursts. */
    private static String weightedShares() {
        executor = KernelExecutor.create();
        cpu[0] = cpu[1] = 0;
        long until = Timer.nanos() + 300_000_000L;
        executor.spawn("nice0", 0, () -> burn(0, 1_000_000L, until));
        executor.spawn("nice5", 5, () -> burn(1, 1_000_000L, until));
        executor.runUntilIdle();
        long total = cpu[0] + cpu[1];
        if (total < 200_000_000L) return "only " + total / 1_000_000 + " ms burned";
        long permille = cpu[0] * 1000 / total;
        return permille >= 713 && permille <= 793 ? null
                : "nice 0 got " + permille / 10 + "." + permille % 10 + "% (" + cpu[0] / 1_000_000 + " ms of " + total / 1_000_000
                + "), expected 75.3%";
    }
}
