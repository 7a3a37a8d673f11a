package lichen.kernel.proc;

import lichen.libkernel.async.Task;
import lichen.libkernel.sync.Cpus;

/**
 * CPU time, counted in nanoseconds. A thread's time is its kernel task's:
 * the executor times every turn (the thread's whole running time, Linux's
 * sum_exec_runtime), and each 100 Hz tick that interrupts its user code
 * charges a tick's worth to user mode (arch's Interrupts counts them), so
 * system time is the rest. That is Linux's default on arm64
 * (CONFIG_TICK_CPU_ACCOUNTING): exact totals, user time sampled. Timing
 * every exception entry and return instead (VIRT_CPU_ACCOUNTING_GEN's way,
 * this kernel's first) read the clock twice a trap, 0.18 us of a getpid's
 * 1.29 under TCG.
 *
 * <p>One record per thread: on a group's leader it also holds what the
 * group's ended threads used (they add theirs as they end, so the group's
 * total survives them) and what its waited-for children used, their own
 * waited-for children included (man 2 getrusage, RUSAGE_CHILDREN; the
 * cutime and cstime of proc(5)).
 *
 * <p>The record also counts the page faults the thread's user code took and
 * the kernel served (getrusage's ru_minflt, proc(5)'s minflt): every one is
 * minor, as nothing waits for a disk (the root filesystem is in memory); a
 * fault the kernel takes on a user address inside a system call is not
 * counted.
 */
public final class CpuTimes {
    /** User time of every thread that has ever run, for /proc/stat's cpu line. */
    private static long allUserNanos;

    /**
     * The task the thread ran on until it ended: its time is then in its leader's {@link #endedUser}. (A leader's
     * slot can get a new task after that, when another thread's execve takes its place; that task counts again.)
     */
    private Task endedTask;
    long endedUser, endedTotal;
    long childUser, childTotal;
    /** The child reaped last, with its own waited-for children: what wait4(2) and waitid(2) give as its rusage. */
    long reapedUser, reapedTotal;
    /** Page faults: this thread's (until it ends), its group's ended threads', the waited-for children's, the last reaped child's. */
    long faults, endedFaults, childFaults, reapedFaults;

    /** A nanosecond count in clock ticks (USER_HZ), as times(2) and proc(5) give them. */
    public static long ticks(long nanos) { return nanos / (1_000_000_000L / lichen.kernel.time.ClockTicks.USER_HZ); }

    /** Interrupts.userTicks() when it was last read: the ticks since then landed in the thread an IRQ from EL0 interrupted. */
    /** Each CPU's count of user ticks at its last sample (the ticks are counted per CPU). */
    private static final long[] userTicksSeen = new long[64];

    /** After an IRQ from EL0, before any switch: the user-mode ticks since the last look are {@code t}'s. */
    public static void sampleUser(Task t, long userTicks) {
        int cpu = Cpus.currentCpu();
        long ticks = userTicks - userTicksSeen[cpu];
        userTicksSeen[cpu] = userTicks;
        if (t == null || ticks <= 0) return;
        long ns = ticks * TICK_NANOS;
        t.chargeUser(ns);
        allUserNanos += ns;
    }

    /** The tick's length: 1/100 s (the executor's 100 Hz tick). */
    private static final long TICK_NANOS = 1_000_000_000L / lichen.kernel.time.ClockTicks.USER_HZ;

    public static long allUserNanos() { return allUserNanos; }

    /** Whether {@code t}'s own task still counts for it (a live thread with a task). */
    private static boolean running(Process t) { return t.task != null && t.task != t.times.endedTask && t.state == Process.LIVE; }

    /** The thread's user time. */
    public static long threadUser(Process t) { return running(t) ? Math.min(t.task.userNanos(), threadTotal(t)) : 0; }

    /** The thread's whole running time, user and system. */
    public static long threadTotal(Process t) { return running(t) ? Processes.executor().runNanos(t.task) : 0; }

    /** The thread group's user time: its live threads' and its ended threads'. */
    public static long groupUser(Process p) {
        Process leader = p.leader;
        long ns = leader.times.endedUser;
        for (Process t = leader; t != null; t = t == leader ? leader.nextThread : t.nextThread) ns += threadUser(t);
        return ns;
    }

    public static long groupTotal(Process p) {
        Process leader = p.leader;
        long ns = leader.times.endedTotal;
        for (Process t = leader; t != null; t = t == leader ? leader.nextThread : t.nextThread) ns += threadTotal(t);
        return ns;
    }

    public static long childrenUser(Process p) { return p.leader.times.childUser; }

    public static long childrenTotal(Process p) { return p.leader.times.childTotal; }

    /** Thread {@code t} is ending: its time and faults become its group's ended threads'. */
    static void threadEnded(Process t) {
        if (running(t)) {
            t.leader.times.endedUser += Math.min(t.task.userNanos(), Processes.executor().runNanos(t.task));
            t.leader.times.endedTotal += Processes.executor().runNanos(t.task);
        }
        t.leader.times.endedFaults += t.times.faults;
        t.times.faults = 0;
        t.times.endedTask = t.task;
    }

    /** The kernel served a page fault of thread {@code t}'s user code. */
    static void faulted(Process t) { t.times.faults++; }

    public static long threadFaults(Process t) { return t.times.faults; }

    /** The page faults of the thread group: its live threads' and its ended threads'. */
    public static long groupFaults(Process p) {
        Process leader = p.leader;
        long n = leader.times.endedFaults;
        for (Process t = leader; t != null; t = t.nextThread) n += t.times.faults;
        return n;
    }

    public static long childrenFaults(Process p) { return p.leader.times.childFaults; }

    public static long reapedFaults(Process p) { return p.leader.times.reapedFaults; }

    /** {@code parent} waited for {@code child} (an ended group): the child's time and its children's are now the parent's children's. */
    static void childReaped(Process parent, Process child) {
        CpuTimes to = parent.leader.times, from = child.leader.times;
        to.reapedUser = groupUser(child) + from.childUser;
        to.reapedTotal = groupTotal(child) + from.childTotal;
        to.reapedFaults = groupFaults(child) + from.childFaults;
        to.childUser += to.reapedUser;
        to.childTotal += to.reapedTotal;
        to.childFaults += to.reapedFaults;
    }

    /** The user time of the child {@code p}'s process reaped last (wait4's rusage). */
    public static long reapedUser(Process p) { return p.leader.times.reapedUser; }

    public static long reapedTotal(Process p) { return p.leader.times.reapedTotal; }
}
