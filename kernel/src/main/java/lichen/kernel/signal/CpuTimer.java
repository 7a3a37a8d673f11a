package lichen.kernel.signal;

import lichen.kernel.proc.CpuTimes;
import lichen.kernel.proc.Process;

/**
 * A process's CPU-time interval timer (man 2 setitimer): ITIMER_VIRTUAL
 * counts the user time of all its threads and sends SIGVTALRM, ITIMER_PROF
 * counts user and system time and sends SIGPROF; each fires again every
 * interval if one is set. The clock is the process's CPU time
 * ({@link CpuTimes}), so the timer is looked at from the tick that
 * interrupts one of its threads in user mode ({@link #tick}), as Linux's
 * run_posix_cpu_timers is from the tick: it fires within a tick of the
 * expiry. A fork starts without them; execve keeps them.
 */
public final class CpuTimer {
    private final boolean profiling;
    /** The process CPU time (ns) at which it fires; 0: disarmed. */
    private long expiry;
    private long interval;

    private CpuTimer(boolean profiling) { this.profiling = profiling; }

    /** ITIMER_VIRTUAL or ITIMER_PROF of {@code p}'s process, made on first use. */
    public static CpuTimer of(Process p, boolean profiling) {
        Process leader = p.leader();
        CpuTimer t = profiling ? leader.profTimer() : leader.virtualTimer();
        if (t == null) {
            t = new CpuTimer(profiling);
            leader.setCpuTimer(t, profiling);
        }
        return t;
    }

    private long clock(Process p) { return profiling ? CpuTimes.groupTotal(p) : CpuTimes.groupUser(p); }

    /** CPU nanoseconds until it fires (0: disarmed; at least 1 while armed). */
    public long remaining(Process p) {
        if (expiry == 0) return 0;
        long left = expiry - clock(p);
        return left > 0 ? left : 1;
    }

    public long interval() { return interval; }

    /** Arms it to fire after {@code value} ns more of CPU time, then every {@code every} ns (a value of 0 disarms). */
    public void set(Process p, long value, long every) {
        expiry = value == 0 ? 0 : clock(p) + value;
        interval = value == 0 ? 0 : every;
    }

    /** From the tick in user mode of a thread of {@code p}: the signal for each armed timer whose time has come. */
    public static void tick(Process p) {
        Process leader = p.leader();
        if (leader.virtualTimer() != null) leader.virtualTimer().check(leader);
        if (leader.profTimer() != null) leader.profTimer().check(leader);
    }

    private void check(Process leader) {
        if (expiry == 0) return;
        long now = clock(leader);
        if (now < expiry) return;
        Signals.send(leader, profiling ? Signals.SIGPROF : Signals.SIGVTALRM, Signals.SI_KERNEL, 0, 0, 0);
        // The next expiry is an interval after this one; ticks missed meanwhile are not made up (one signal per tick).
        expiry = interval == 0 ? 0 : Math.max(expiry + interval, now + 1);
    }
}
