package lichen.kernel.proc;

import lichen.api.Async;
import lichen.kernel.signal.SignalState;
import lichen.kernel.signal.Signals;
import lichen.libkernel.async.Executor;

/**
 * Stopping and continuing a process (man 7 signal, "Default action" Stop and
 * Cont): the default action of SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU stops
 * every thread of the group (Linux's group-stop, kernel/signal.c
 * do_signal_stop); SIGCONT continues it the moment it is sent, whatever its
 * disposition. Each thread stops on its way back to user mode, in
 * {@link Signals#deliver}, and sleeps there (interruptibly, woken only by
 * SIGCONT, SIGKILL or the group's end) until the group is continued. The
 * parent hears of both: SIGCHLD with CLD_STOPPED or CLD_CONTINUED (unless
 * its SIGCHLD action has SA_NOCLDSTOP), and wait4's WUNTRACED and WCONTINUED
 * each report the change once (man 2 wait4).
 */
public final class JobControl {
    /** sa_flags: no SIGCHLD when a child stops or continues (asm-generic/signal.h). */
    public static final long SA_NOCLDSTOP = 1;
    /** SIGCHLD's si_code for a stop and a continue (asm-generic/siginfo.h). */
    public static final int CLD_STOPPED = 5, CLD_CONTINUED = 6;
    /** wait4's status for a continued child (W_CONTINUED, bits/waitstatus.h); a stopped one is 0x7f | sig << 8. */
    public static final int CONTINUED_STATUS = 0xffff, STOPPED_LOW = 0x7f;
    private static final long STOP_SIGNALS = SignalState.bit(Signals.SIGSTOP) | SignalState.bit(Signals.SIGTSTP)
            | SignalState.bit(Signals.SIGTTIN) | SignalState.bit(Signals.SIGTTOU);

    private JobControl() {}

    /** Whether {@code sig} is one whose default action stops (sig_kernel_stop). */
    public static boolean isStopSignal(int sig) { return (STOP_SIGNALS & SignalState.bit(sig)) != 0; }

    /**
     * What sending {@code sig} does before it is queued (Linux's
     * prepare_signal): a stop signal discards a pending SIGCONT; SIGCONT
     * discards every pending stop signal and, when the group is stopped or
     * stopping, continues it at once and tells the parent.
     */
    public static void beforeSend(Process p, int sig) {
        Process leader = p.leader;
        // Discarded wherever they wait: the process's set and every thread's own.
        for (Process t = leader; t != null; t = t == leader ? leader.nextThread : t.nextThread) {
            SignalState s = t.signals();
            if (isStopSignal(sig)) s.discard(Signals.SIGCONT);
            if (sig == Signals.SIGCONT) for (int stop = Signals.SIGSTOP; stop <= Signals.SIGTTOU; stop++) s.discard(stop);
        }
        if (sig != Signals.SIGCONT) return;
        if (leader.groupStopSignal == 0) return;
        boolean wasStopped = leader.groupStopped;
        leader.groupStopSignal = 0;
        leader.groupStopped = false;
        leader.stopReport = 0;
        wakeParked(leader);
        if (wasStopped) {
            leader.continueReport = true;
            tellParent(leader, CLD_CONTINUED, Signals.SIGCONT);
        }
    }

    /**
     * The default action of stop signal {@code sig}, taken by {@code p} on its
     * way to user mode: the group stops, and {@code p} sleeps until it is
     * continued or killed. SIGTSTP, SIGTTIN and SIGTTOU do nothing in an
     * orphaned process group (no one is left to continue it: Linux's
     * is_current_pgrp_orphaned, man 7 credentials). True when {@code p} stopped.
     */
    @Async
    public static boolean stop(Process p, int sig) {
        Process leader = p.leader;
        if (sig != Signals.SIGSTOP && orphanedGroup(leader.pgid)) return false;
        if (leader.groupStopSignal == 0) {
            leader.groupStopSignal = sig;
            for (Process t = leader; t != null; t = t == leader ? leader.nextThread : t.nextThread) {
                t.leftGroupStop = false;
                if (t != p && t.task != null && t.state == Process.LIVE) Processes.executor().interrupt(t.task);
            }
        }
        park(p);
        return true;
    }

    /**
     * Another thread began a group-stop: {@code p} joins it (unless its tracer
     * already let it go on from this one). True when {@code p} stopped.
     */
    @Async
    public static boolean joinGroupStop(Process p) {
        if (p.leader.groupStopSignal == 0 || p.leftGroupStop) return false;
        park(p);
        return true;
    }

    /** Whether {@code p}'s group is stopped (for /proc's state T). */
    public static boolean stopped(Process p) { return p.leader.groupStopped; }

    /**
     * wait4's report of a live child {@code c}: its stop (with WUNTRACED) as
     * 0x7f | sig << 8, or its continue (with WCONTINUED) as 0xffff, each once
     * unless {@code keep} (WNOWAIT); 0 when there is nothing to report.
     */
    public static int takeWaitReport(Process c, int options, boolean keep) {
        if ((options & Processes.WUNTRACED) != 0 && c.stopReport != 0 && c.groupStopped) {
            int status = STOPPED_LOW | c.stopReport << 8;
            if (!keep) c.stopReport = 0;
            return status;
        }
        if ((options & Processes.WCONTINUED) != 0 && c.continueReport) {
            if (!keep) c.continueReport = false;
            return CONTINUED_STATUS;
        }
        return 0;
    }

    @Async
    private static void park(Process p) {
        Process leader = p.leader;
        Executor ex = Processes.executor();
        p.parkedInStop = true;
        leader.stoppedThreads++;
        if (leader.stoppedThreads >= leader.liveThreads && !leader.groupStopped) {
            leader.groupStopped = true;
            leader.stopReport = leader.groupStopSignal;
            leader.continueReport = false;
            // A tracer hears of it from the trap; a parent that is not the tracer still hears that the group
            // stopped, as Linux's ptrace_stop notifies both (the real parent only of a completed group-stop).
            if (!p.traced() || p.trace.tracer != leader.parent) tellParent(leader, CLD_STOPPED, leader.groupStopSignal);
        }
        while (leader.groupStopSignal != 0 && !Ptrace.dying(p)) {
            // A traced thread's group-stop is a ptrace-stop; its tracer may let it run (the group stays stopped) or
            // PTRACE_LISTEN (it stays here, to stop once more when the group is continued or interrupted).
            if (p.traced() && (!p.trace.listening || p.trace.interruptRequested)) {
                // A tracer that resumed it lets it run; one that detached leaves it stopped with its group (__ptrace_detach).
                if (!Ptrace.groupStopTrap(p, leader.groupStopSignal) && p.traced()) {
                    p.leftGroupStop = true;
                    break;
                }
                continue;
            }
            p.task.clearSignal(); // only SIGCONT, SIGKILL or the group's end wake a stopped thread for good
            ex.block(Executor.NO_DEADLINE, true);
        }
        leader.stoppedThreads--;
        p.parkedInStop = false;
        if (!Ptrace.dying(p)) Ptrace.listenEnded(p);
    }

    private static void wakeParked(Process leader) {
        for (Process t = leader; t != null; t = t == leader ? leader.nextThread : t.nextThread) {
            if (t.parkedInStop && t.task != null) Processes.executor().interrupt(t.task);
        }
    }

    /**
     * do_notify_parent_cldstop: SIGCHLD with {@code code} and si_status
     * {@code status}, unless the parent asked for none with SA_NOCLDSTOP; a
     * parent asleep in wait4 looks again either way.
     */
    private static void tellParent(Process leader, int code, int status) {
        Process parent = leader.parent;
        if (parent == null) return;
        if ((parent.signals().flags(Signals.SIGCHLD) & SA_NOCLDSTOP) == 0) Signals.send(parent, Signals.SIGCHLD, code, leader.pid, status, 0);
        parent.childEvents.wakeAll(Processes.executor());
    }

    /**
     * A process group is orphaned when no member has a parent outside the
     * group but in the same session (POSIX; Linux's will_become_orphaned_pgrp,
     * where a parent that is init does not count).
     */
    static boolean orphanedGroup(int pgid) {
        for (int pid = 1; pid < Processes.PID_MAX; pid++) {
            Process q = Processes.byPid(pid);
            if (q == null || q.leader != q || q.state != Process.LIVE || q.pgid != pgid) continue;
            Process parent = q.parent;
            if (parent != null && parent.pid != 1 && parent.pgid != pgid && parent.sid == q.sid) return false;
        }
        return true;
    }
}
