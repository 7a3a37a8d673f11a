package lichen.kernel.task;

import lichen.arch.aarch64.StackContinuations;
import lichen.arch.aarch64.TimerClock;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Scheduler;
import lichen.libkernel.sched.EevdfScheduler;

/**
 * The kernel's executor, made one way everywhere: tasks on their own guarded
 * stacks (StackContinuations), the generic timer as the clock, and EEVDF
 * deciding what runs.
 */
public final class KernelExecutor {
    private KernelExecutor() {}

    public static Executor create() { return new Executor(new StackContinuations(), new TimerClock(), new EevdfScheduler()); }

    /** One for {@code cpus} CPUs: a run queue (an EEVDF scheduler) each. */
    public static Executor create(int cpus) {
        Scheduler[] queues = new Scheduler[Math.max(1, cpus)];
        for (int i = 0; i < queues.length; i++) queues[i] = new EevdfScheduler();
        return new Executor(new StackContinuations(), new TimerClock(), queues);
    }
}
