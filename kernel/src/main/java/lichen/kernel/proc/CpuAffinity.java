package lichen.kernel.proc;

import lichen.libkernel.async.Executor;

/**
 * Which CPUs user threads may be placed on. A thread's mask (Process.cpuMask,
 * sched_setaffinity(2)) is a set of logical CPU numbers, bit n for CPU n, at
 * most 64 (SecondaryCpus.MAX_CPUS); it takes effect within {@link #usable}, the
 * CPUs that run user threads at all, as Linux's mask is taken within the
 * active CPUs: those the executor runs tasks on, the boot CPU alone unless
 * lichen.smp=on has the secondary CPUs run them too (docs/kernel.md, "SMP").
 */
public final class CpuAffinity {
    /** Every CPU: a new thread's mask, as init's is in Linux. */
    public static final long ALL = -1L;
    /** The bytes of the kernel's cpumask that sched_getaffinity copies out (64 CPUs). */
    public static final int MASK_BYTES = 8;

    private CpuAffinity() {}

    /** The CPUs that run user threads now. */
    public static long usable() {
        Executor ex = Processes.executor();
        return ex == null ? 1L : ex.cpusRunning();
    }

    /** The CPUs {@code p} may run on now: its mask within the usable ones (never empty: setaffinity refuses that). */
    public static long effective(Process p) { return p.cpuMask & usable(); }
}
