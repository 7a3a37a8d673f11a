package lichen.kernel.selftest;

import lichen.api.Unsafe;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.arch.aarch64.KernelLayout;
import lichen.arch.aarch64.StackContinuations;
import lichen.arch.aarch64.Traps;
import lichen.libkernel.async.Executor;

/**
 * Kernel stacks on the machine: each task's stack is mapped from the buddy
 * allocator with an unmapped guard below it, is given back when the task
 * ends, and an overflow lands on the guard, is reported, and stops only the
 * task that overflowed.
 */
@Unsafe
final class StackTests {
    private StackTests() {}

    private static Executor executor;
    private static volatile long sink;
    private static long overflowingTop;
    private static boolean nextTaskRan;

    static void runAll() {
        executor = lichen.kernel.task.KernelExecutor.create();
        SelfTest.check("a finished task's stack is unmapped and its pages go back", StackTests::stacksAreGivenBack);
        SelfTest.check("a stack overflow hits the guard, is reported, and stops only that task", StackTests::overflowIsCaught);
    }

    private static String stacksAreGivenBack() {
        KernelAddressSpace space = KernelAddressSpace.get();
        int stacksBefore = space.stacks();
        for (int i = 0; i < 50; i++) executor.spawn("short", () -> sink = sink + 1);
        if (space.stacks() != stacksBefore + 50) return (space.stacks() - stacksBefore) + " stacks mapped for 50 tasks";
        long freeWith = space.frames().freePageCount();
        executor.runUntilIdle();
        if (space.stacks() != stacksBefore) return (space.stacks() - stacksBefore) + " stacks still mapped after the tasks ended";
        long pages = space.frames().freePageCount() - freeWith;
        long expected = 50 * (KernelLayout.STACK_SIZE >> 12);
        return pages >= expected ? null : pages + " pages came back, expected at least " + expected;
    }

    /** Recursion that cannot become a loop: the volatile store after the call keeps every frame. */
    private static long deep(long n) {
        if (n == 0) return sink;
        long r = deep(n - 1);
        sink = r;
        return r + n;
    }

    private static String overflowIsCaught() {
        nextTaskRan = false;
        overflowingTop = 0;
        executor.spawn("overflow", () -> {
            overflowingTop = StackContinuations.runningStackTop();
            sink = deep(1_000_000);
        });
        executor.spawn("next", () -> nextTaskRan = true);
        Traps.expectFault();
        executor.runUntilIdle();
        long sp = Traps.takeFault();
        if (overflowingTop == 0) return "the overflowing task did not run";
        long guard = KernelAddressSpace.guardOf(overflowingTop);
        if (sp < guard || sp >= guard + KernelLayout.STACK_SIZE) {
            return "no overflow reported in the guard [0x" + Long.toHexString(guard) + ", +16 KiB): SP 0x" + Long.toHexString(sp);
        }
        if (!nextTaskRan) return "the task after the overflowing one did not run";
        return executor.liveTasks() == 0 ? null : executor.liveTasks() + " tasks still live";
    }
}
