package lichen.kernel.fs.proc;

import lichen.arch.aarch64.Timer;
import lichen.kernel.proc.CpuTimes;
import lichen.kernel.proc.Processes;
import lichen.kernel.time.WallClock;
import lichen.libkernel.async.Executor;

/**
 * /proc/stat (man 5 proc): the CPU's time in clock ticks by what it did
 * (user, nice, system, idle, iowait, irq, softirq, steal, guest,
 * guest_nice), the context switches, the boot time, the processes created
 * and how many are runnable now. User programs run on the boot CPU only,
 * so it is the one cpuN line. Its user time is what the threads spent in
 * EL0, system the rest of their turns, idle what is left of the uptime
 * (interrupts and deferred work outside any task count there: Lichen has
 * no separate irq or softirq figure); nice, iowait, steal and the guest
 * times are 0 (no task runs with a positive nice value counted apart,
 * nothing waits for I/O counted apart, there are no guests). The intr and
 * softirq lines are left out: nothing counts interrupts by number yet.
 * procs_blocked (tasks in uninterruptible I/O wait) is 0 for the same reason.
 */
final class KernelStat {
    private static final long NANOS = 1_000_000_000L;

    private KernelStat() {}

    static void render(StringBuilder out) {
        Executor ex = Processes.executor();
        long busy = ex == null ? 0 : ex.busyNanos();
        long user = Math.min(CpuTimes.allUserNanos(), busy); // user time is sampled by ticks, the busy time exact
        long idle = idleNanos();
        cpu(out, "cpu  ", user, busy - user, idle);
        cpu(out, "cpu0 ", user, busy - user, idle);
        out.append("ctxt ").append(ex == null ? 0 : ex.contextSwitches()).append('\n');
        out.append("btime ").append((WallClock.nowNanos() - Timer.nanos()) / NANOS).append('\n');
        out.append("processes ").append(Processes.created()).append('\n');
        out.append("procs_running ").append(ex == null ? 1 : ex.runnableTasks()).append('\n');
        out.append("procs_blocked 0\n");
    }

    /** The boot CPU's idle time: the uptime less the time it ran tasks. */
    static long idleNanos() {
        Executor ex = Processes.executor();
        long idle = Timer.nanos() - (ex == null ? 0 : ex.busyNanos());
        return Math.max(0, idle);
    }

    private static void cpu(StringBuilder out, String name, long user, long system, long idle) {
        out.append(name).append(CpuTimes.ticks(user)).append(" 0 ").append(CpuTimes.ticks(system)).append(' ')
                .append(CpuTimes.ticks(idle)).append(" 0 0 0 0 0 0\n");
    }
}
