package lichen.kernel.task;

import lichen.arch.aarch64.StackContinuations;
import lichen.arch.aarch64.TimerClock;
import lichen.libkernel.async.Executor;
import lichen.libkernel.sched.EevdfScheduler;

/**
 * The kernel's executor, made one way everywhere: tasks on their own guarded
 * stacks (StackContinuations), the generic timer as the clock, and EEVDF
 * deciding what runs.
 */
public final class KernelExecutor {
    private KernelExecutor() {}

    public static Executor create() { return new Executor(new StackContinuations(), new TimerClock(), new EevdfScheduler()); }
}
