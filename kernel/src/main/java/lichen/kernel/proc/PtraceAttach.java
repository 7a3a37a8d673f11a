package lichen.kernel.proc;

import lichen.api.Async;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;

/**
 * ptrace(2) from the tracer's side: attaching (PTRACE_TRACEME, ATTACH,
 * SEIZE), resuming (CONT, SYSCALL, LISTEN, INTERRUPT), detaching, and what
 * the tracer's wait4 sees of its tracees: their stops, and their ends
 * before their parents do (Linux's kernel/ptrace.c and the ptrace parts of
 * kernel/exit.c). A tracer's traced threads are a list through
 * {@link Tracee#nextTracee} from its leader's {@code firstTracee}.
 */
public final class PtraceAttach {
    private PtraceAttach() {}

    static void link(Process tracer, Process t, boolean seized, int options) {
        if (t.trace == null) t.trace = new Tracee();
        Tracee tr = t.trace;
        tr.tracer = tracer.leader;
        tr.seized = seized;
        tr.options = options;
        tr.traceSyscalls = false;
        tr.stopped = false;
        tr.report = 0;
        tr.listening = false;
        tr.interruptRequested = false;
        tr.startStop = false;
        tr.endReport = false;
        tr.nextTracee = tracer.leader.firstTracee;
        tracer.leader.firstTracee = t;
    }

    private static void unlink(Process t) {
        Tracee tr = t.trace;
        if (tr == null || tr.tracer == null) return;
        Process tracer = tr.tracer;
        if (tracer.firstTracee == t) tracer.firstTracee = tr.nextTracee;
        else {
            Process q = tracer.firstTracee;
            while (q != null && q.trace.nextTracee != t) q = q.trace.nextTracee;
            if (q != null) q.trace.nextTracee = tr.nextTracee;
        }
        tr.nextTracee = null;
        tr.tracer = null;
    }

    /** PTRACE_TRACEME: the parent traces the caller. EPERM when it is already traced. */
    public static int traceMe(Process p) {
        if (p.traced() || p.leader.parent == null) return -Errno.EPERM;
        link(p.leader.parent, p, false, 0);
        return 0;
    }

    /**
     * PTRACE_ATTACH (a SIGSTOP is sent) and PTRACE_SEIZE (nothing is sent;
     * the options are set at once). EPERM for the caller's own group or a
     * thread already traced. A seized thread that is in a group-stop stops
     * again as a ptrace-stop before this returns (Linux waits for the trap).
     */
    @Async
    public static int attach(Process tracer, Process t, boolean seize, int options) {
        if (t.leader == tracer.leader) return -Errno.EPERM;
        if (t.traced() || t.state != Process.LIVE) return -Errno.EPERM;
        link(tracer, t, seize, options);
        if (!seize) Signals.send(t, Signals.SIGSTOP, Signals.SI_USER, tracer.tgid(), 0, 0);
        else if (t.parkedInStop && t.task != null) {
            Executor ex = Processes.executor();
            ex.interrupt(t.task);
            while (t.parkedInStop && !t.trace.stopped && t.traced()) ex.yieldNow();
        }
        return 0;
    }

    /** The thread {@code pid} if {@code caller}'s group traces it (and, with {@code stopped}, it is in a ptrace-stop), else null. */
    public static Process tracee(Process caller, int pid, boolean stopped) {
        Process t = Processes.byPid(pid);
        if (t == null || t.state != Process.LIVE || !t.traced() || t.trace.tracer != caller.leader) return null;
        if (stopped && !t.trace.stopped) return null;
        return t;
    }

    /** PTRACE_CONT, PTRACE_SYSCALL: the stopped tracee goes on, with signal {@code sig} (0: none). */
    public static void resume(Process t, int sig, boolean syscalls) {
        Tracee tr = t.trace;
        tr.resumeSignal = sig;
        tr.traceSyscalls = syscalls;
        tr.listening = false;
        tr.stopped = false;
        tr.report = 0;
        if (t.task != null) Processes.executor().wake(t.task, WakeReason.WOKEN);
    }

    /**
     * PTRACE_LISTEN: a seized tracee in a PTRACE_EVENT_STOP stays in its
     * group-stop, but stops once more when the group is continued (at once
     * when that has happened already). EIO in any other stop.
     */
    public static int listen(Process t) {
        Tracee tr = t.trace;
        if (!tr.seized || !tr.siginfoValid || tr.siCode >> 8 != Ptrace.EVENT_STOP) return -Errno.EIO;
        resume(t, 0, tr.traceSyscalls);
        tr.listening = true;
        return 0;
    }

    /** PTRACE_INTERRUPT: a seized tracee stops (PTRACE_EVENT_STOP) at its next return to user mode; nothing when already stopped. */
    public static int interrupt(Process t) {
        Tracee tr = t.trace;
        if (!tr.seized) return -Errno.EIO;
        if (tr.stopped) return 0;
        tr.interruptRequested = true;
        if (t.task != null) Processes.executor().interrupt(t.task);
        return 0;
    }

    /** PTRACE_DETACH: no longer traced; a stopped tracee goes on with {@code sig}. */
    public static void detach(Process t, int sig) {
        boolean wasStopped = t.trace.stopped;
        unlink(t);
        if (wasStopped) resume(t, sig, false);
        t.trace.traceSyscalls = false;
    }

    // ---- wait4 and the ends of tracees and tracers ----

    /**
     * The tracer's side of wait4: a tracee matching {@code pid} (as
     * waitChild matches) with a stop not yet reported, or whose end the
     * tracer has not yet seen. Its pid and status, 0 when there is nothing,
     * -1 when the tracer traces none that match. A tracee that is not the
     * tracer's own child is released at its end: its parent hears of it then.
     */
    static int takeReport(Process tracer, int pid, int group, int[] status, boolean keep) {
        boolean any = false;
        for (Process t = tracer.firstTracee; t != null; t = t.trace.nextTracee) {
            if (pid > 0 ? t.pid != pid : pid != -1 && t.pgid() != group) continue;
            any = true;
            Tracee tr = t.trace;
            if (tr.report != 0) {
                status[0] = tr.report;
                if (!keep) tr.report = 0;
                return t.pid;
            }
            if (tr.endReport) {
                status[0] = t.waitStatus;
                if (keep) return t.pid;
                tr.endReport = false;
                int reported = t.pid;
                unlink(t);
                Processes.tellParentOfEnd(t);
                return reported;
            }
        }
        return any ? 0 : -1;
    }

    /**
     * A traced process has ended: when its tracer is not its parent, the
     * tracer's wait4 sees the end first and the parent only after (true:
     * the caller leaves the parent alone for now).
     */
    static boolean endGoesToTracer(Process p) {
        if (!p.traced()) return false;
        Process tracer = p.trace.tracer;
        if (tracer == p.parent) {
            unlink(p);
            return false;
        }
        p.trace.endReport = true;
        boolean killed = (p.waitStatus & 0x7f) != 0;
        Signals.send(tracer, Signals.SIGCHLD, killed ? Signals.CLD_KILLED : Signals.CLD_EXITED, p.pid,
                killed ? p.waitStatus & 0x7f : p.waitStatus >> 8, 0);
        tracer.childEvents.wakeAll(Processes.executor());
        return true;
    }

    /** The tracer has ended: its tracees are released (stopped ones go on, or are killed with PTRACE_O_EXITKILL). */
    static void tracerEnded(Process tracer) {
        while (tracer.firstTracee != null) {
            Process t = tracer.firstTracee;
            Tracee tr = t.trace;
            boolean ended = tr.endReport;
            tr.endReport = false;
            if ((tr.options & Ptrace.O_EXITKILL) != 0 && !ended) Signals.send(t, Signals.SIGKILL, Signals.SI_USER, 0, 0, 0);
            detach(t, 0);
            if (ended) Processes.tellParentOfEnd(t);
        }
    }


    /** A reaped thread leaves its tracer's list. */
    static void reaped(Process c) {
        if (c.trace != null) unlink(c);
    }
}
