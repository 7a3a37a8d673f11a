package lichen.kernel.bench;

import lichen.arch.aarch64.PowerOff;
import lichen.arch.aarch64.Timer;
import lichen.libkernel.async.Executor;

/**
 * {@code just bench-kernel}: figures from the running kernel, no verdicts.
 * The time from reset to this entry (the generic timer starts at reset), and
 * context switches per second between kernel tasks that yield to each other,
 * and user-copy throughput (UserCopyBench).
 */
public final class KernelBench {
    private static final int YIELDS = 100_000;
    private static Executor executor;

    private KernelBench() {}

    public static void start(long deviceTree, long freeMemory) {
        long entered = Timer.nanos();
        System.out.println("bench: reset to kernel entry " + entered / 1000 + " us");
        lichen.kernel.boot.MemorySetup.start(lichen.kernel.boot.DeviceTreeBlob.read(deviceTree), deviceTree);
        executor = lichen.kernel.task.KernelExecutor.create();
        for (int t = 0; t < 2; t++) {
            executor.spawn("yielder", () -> {
                for (int i = 0; i < YIELDS; i++) executor.yieldNow();
            });
        }
        long before = Timer.nanos();
        executor.runUntilIdle();
        long elapsed = Timer.nanos() - before;
        long switches = executor.contextSwitches();
        System.out.println("bench: " + switches + " task switches in " + elapsed / 1000 + " us: "
                + switches * 1_000_000_000L / elapsed + " per second");
        System.out.println(UserCopyBench.run());
        System.out.flush();
        PowerOff.exit(0);
    }
}
