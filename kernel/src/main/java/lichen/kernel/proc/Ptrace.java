package lichen.kernel.proc;

import lichen.api.Async;
import lichen.kernel.signal.SignalState;
import lichen.kernel.signal.Signals;
import lichen.kernel.syscall.SyscallTable;
import lichen.libkernel.async.Executor;

/**
 * ptrace(2)'s stops, from the tracee's side (attaching, resuming and
 * detaching are {@link PtraceAttach}'s, the requests PtraceCalls'). A
 * traced thread stops (a ptrace-stop: asleep until the tracer resumes it,
 * detaches, or SIGKILL comes) at a system call's entry and exit after
 * PTRACE_SYSCALL, at every signal about to be delivered, in a group-stop, at
 * the PTRACE_EVENT_* its options ask for, and after PTRACE_INTERRUPT; each
 * stop is a wait status the tracer's wait4 reports once, with SIGCHLD
 * (CLD_TRAPPED) to the tracer. Linux's kernel/ptrace.c and kernel/signal.c
 * (ptrace_stop, ptrace_signal, do_jobctl_trap) are the reference for what
 * is reported when.
 */
public final class Ptrace {
    /** PTRACE_O_* (include/uapi/linux/ptrace.h). */
    public static final int O_TRACESYSGOOD = 1, O_TRACEFORK = 2, O_TRACEVFORK = 4, O_TRACECLONE = 8, O_TRACEEXEC = 0x10,
            O_TRACEVFORKDONE = 0x20, O_TRACEEXIT = 0x40, O_TRACESECCOMP = 0x80, O_EXITKILL = 0x100000,
            O_SUSPEND_SECCOMP = 0x200000;
    public static final int O_MASK = 0xff | O_EXITKILL | O_SUSPEND_SECCOMP;
    /** PTRACE_EVENT_*: the stop's event, in bits 16-23 of the wait status. */
    public static final int EVENT_FORK = 1, EVENT_VFORK = 2, EVENT_CLONE = 3, EVENT_EXEC = 4, EVENT_VFORK_DONE = 5,
            EVENT_EXIT = 6, EVENT_STOP = 128;
    /** SIGCHLD's si_code for a ptrace-stop. */
    public static final int CLD_TRAPPED = 4;
    private static final int STOPPED = 0x7f, SYSCALLS_EXECVE = 221, SYSCALLS_EXECVEAT = 281;

    private Ptrace() {}

    // ---- the tracee's side ----

    /** A SIGKILL is pending or the group is ending: no more stops. */
    static boolean dying(Process p) {
        return p.groupExiting() || (p.signals().pending() & SignalState.bit(Signals.SIGKILL)) != 0;
    }

    /**
     * The ptrace-stop itself: the tracer's wait4 will report {@code status};
     * the thread sleeps until the tracer resumes it (the signal it gave is
     * returned), detaches (the same), or the thread is killed (0).
     */
    @Async
    private static int stop(Process p, int status, int kind, int childCode) {
        Tracee t = p.trace;
        Process tracer = t.tracer;
        if (tracer == null || dying(p)) return 0;
        Executor ex = Processes.executor();
        t.stopKind = kind;
        t.report = status;
        t.stopped = true;
        t.resumeSignal = 0;
        t.frame = p.userFrame;
        if ((tracer.signals().flags(Signals.SIGCHLD) & JobControl.SA_NOCLDSTOP) == 0) {
            Signals.send(tracer, Signals.SIGCHLD, childCode, p.pid, status >> 8 & 0x7f, 0);
        }
        tracer.childEvents.wakeAll(ex);
        while (t.stopped && t.tracer != null && !dying(p)) {
            p.task.clearSignal(); // other signals wait, pending, for the resume
            ex.block(Executor.NO_DEADLINE, true);
        }
        t.stopped = false;
        t.stopKind = Tracee.NOT_STOPPED;
        t.report = 0;
        if (p.signals().nextDeliverable() != 0) ex.interrupt(p.task); // what came during the stop still interrupts
        return dying(p) ? 0 : t.resumeSignal;
    }

    private static int trapStatus(int signal, int event) { return STOPPED | (signal | event << 8) << 8; }

    private static void setSiginfo(Tracee t, int signo, int code, int pid, int status, long address) {
        t.siginfoValid = true;
        t.siSigno = signo;
        t.siCode = code;
        t.siPid = pid;
        t.siStatus = status;
        t.siAddress = address;
    }

    /** A stop for an event (PTRACE_EVENT_*) with its message; a signal the tracer resumes with is sent (ptrace_event). */
    @Async
    private static void eventStop(Process p, int event, long message) {
        Tracee t = p.trace;
        t.eventMessage = message;
        int code = Signals.SIGTRAP | event << 8;
        setSiginfo(t, Signals.SIGTRAP, code, p.pid, 0, 0);
        int sig = stop(p, trapStatus(Signals.SIGTRAP, event), Tracee.EVENT, event == EVENT_STOP ? JobControl.CLD_STOPPED : CLD_TRAPPED);
        if (sig != 0 && event != EVENT_STOP) Signals.send(p, sig, Signals.SI_USER, t.tracer == null ? 0 : t.tracer.pid, 0, 0);
    }

    /**
     * A traced thread's system call: with PTRACE_SYSCALL a stop before it
     * runs (the tracer may change its number, -1 skipping it, and its
     * arguments) and one after (the tracer may change the result). arm64
     * Linux tells the two apart in x7, 0 at entry and 1 at exit, while the
     * tracer looks (arch/arm64/kernel/ptrace.c, report_syscall). A
     * successful execve stops at PTRACE_EVENT_EXEC (with TRACEEXEC) or gets
     * SIGTRAP (traced without PTRACE_SEIZE) before the exit stop.
     */
    @Async
    public static void systemCall(Process p, long frame) {
        Tracee t = p.trace;
        long nr = UserFrame.x(frame, 8);
        t.syscallNr = nr;
        t.syscallArg0 = UserFrame.x(frame, 0);
        if (t.traceSyscalls) {
            syscallStop(p, frame, Tracee.SYSCALL_ENTRY);
            if (dying(p)) return;
            nr = t.syscallNr;
        }
        int tid = p.pid;
        if (nr != -1) SyscallTable.dispatch(p, frame, nr);
        p = Processes.current(); // an execve from a thread that was not the leader goes on as the leader
        if (!p.traced()) return;
        t = p.trace;
        if ((nr == SYSCALLS_EXECVE || nr == SYSCALLS_EXECVEAT) && UserFrame.x(frame, 0) == 0) {
            if ((t.options & O_TRACEEXEC) != 0) eventStop(p, EVENT_EXEC, tid);
            else if (!t.seized) Signals.send(p, Signals.SIGTRAP, Signals.SI_USER, p.pid, 0, 0);
        }
        if (t.traceSyscalls && p.traced()) syscallStop(p, frame, Tracee.SYSCALL_EXIT);
    }

    @Async
    private static void syscallStop(Process p, long frame, int kind) {
        Tracee t = p.trace;
        long saved = UserFrame.x(frame, 7);
        UserFrame.setX(frame, 7, kind == Tracee.SYSCALL_ENTRY ? 0 : 1);
        t.syscallResult = UserFrame.x(frame, 0);
        int code = Signals.SIGTRAP | ((t.options & O_TRACESYSGOOD) != 0 ? 0x80 : 0);
        setSiginfo(t, Signals.SIGTRAP, code, p.pid, 0, 0);
        int sig = stop(p, STOPPED | code << 8, kind, CLD_TRAPPED);
        UserFrame.setX(frame, 7, saved);
        if (sig != 0) Signals.send(p, sig, Signals.SI_USER, t.tracer == null ? 0 : t.tracer.pid, 0, 0);
    }

    /**
     * Signal-delivery-stop: {@code sig}, just taken from the pending set, is
     * shown to the tracer first (ptrace_signal). Returns the signal to act on:
     * 0 when the tracer suppressed it, another one it chose (with a siginfo
     * from the tracer; left pending when blocked, then 0), or {@code sig}.
     */
    @Async
    public static int signalStop(Process p, int sig) {
        Tracee t = p.trace;
        SignalState s = p.signals();
        setSiginfo(t, sig, s.code(sig), s.senderPid(sig), s.childStatus(sig), s.faultAddress(sig));
        int tracerPid = t.tracer.pid;
        int next = stop(p, STOPPED | sig << 8, Tracee.SIGNAL, CLD_TRAPPED);
        if (next == 0 || next == sig || !SignalState.valid(next)) return next == sig ? sig : 0;
        Signals.postToThread(p, next, Signals.SI_USER, tracerPid, 0, 0);
        if ((s.blocked() & SignalState.bit(next)) != 0) return 0;
        s.take(next);
        return next;
    }

    /**
     * A group-stop of a traced thread is a ptrace-stop (do_jobctl_trap):
     * status 0x7f | sig << 8, with PTRACE_EVENT_STOP in bits 16-23 when
     * seized. Returns true when the tracer answered PTRACE_LISTEN (the
     * thread stays in the group-stop), false when it resumed it: a traced
     * thread runs at its tracer's word even in a stopped group.
     */
    @Async
    static boolean groupStopTrap(Process p, int sig) {
        Tracee t = p.trace;
        t.interruptRequested = false;
        t.listening = false;
        if (t.seized) setSiginfo(t, sig, sig | EVENT_STOP << 8, p.pid, 0, 0);
        else t.siginfoValid = false; // PTRACE_GETSIGINFO is EINVAL in a plain group-stop (ptrace(2))
        stop(p, STOPPED | sig << 8 | (t.seized ? EVENT_STOP << 16 : 0), Tracee.GROUP, JobControl.CLD_STOPPED);
        return t.listening && !dying(p);
    }

    /** After PTRACE_LISTEN the group was continued: the tracee stops once more, PTRACE_EVENT_STOP with SIGTRAP. */
    @Async
    static void listenEnded(Process p) {
        if (!p.traced() || !p.trace.listening) return;
        p.trace.listening = false;
        eventStop(p, EVENT_STOP, 0);
    }

    /** PTRACE_INTERRUPT's stop at the next return to user mode; true when there was one. */
    @Async
    public static boolean interruptStop(Process p) {
        if (!p.traced() || !p.trace.interruptRequested) return false;
        p.trace.interruptRequested = false;
        eventStop(p, EVENT_STOP, 0);
        return true;
    }

    /**
     * A child auto-attached at fork stops before its first instruction:
     * PTRACE_EVENT_STOP when seized, else with SIGSTOP's signal-delivery-stop
     * (ptrace_init_task).
     */
    @Async
    static void startStop(Process p) {
        Tracee t = p.trace;
        if (t == null || !t.startStop) return;
        t.startStop = false;
        if (!p.traced()) return;
        if (t.seized) eventStop(p, EVENT_STOP, 0);
        else {
            Signals.postToThread(p, Signals.SIGSTOP, Signals.SI_USER, 0, 0, 0);
            Signals.deliver(p, p.userFrame, false, 0);
        }
    }

    /** PTRACE_EVENT_EXIT: with TRACEEXIT, a thread about to end stops with its wait status as the message (not for SIGKILL). */
    @Async
    public static void exitStop(Process p, int waitStatus) {
        if (!p.traced() || (p.trace.options & O_TRACEEXIT) == 0 || waitStatus == Signals.SIGKILL) return;
        if ((p.signals().pending() & SignalState.bit(Signals.SIGKILL)) != 0) return;
        eventStop(p, EVENT_EXIT, waitStatus);
    }

    /** Which event a clone is: vfork, fork (exit signal SIGCHLD), or another clone (ptrace(2), PTRACE_O_TRACECLONE). */
    public static int cloneEvent(boolean vfork, boolean thread, int exitSignal) {
        return vfork ? EVENT_VFORK : !thread && exitSignal == Signals.SIGCHLD ? EVENT_FORK : EVENT_CLONE;
    }

    private static int optionFor(int event) {
        return event == EVENT_FORK ? O_TRACEFORK : event == EVENT_VFORK ? O_TRACEVFORK : O_TRACECLONE;
    }

    /** A traced parent's new child is traced by the same tracer when the option for {@code event} is set (before it runs). */
    static void cloned(Process parent, Process child, int event) {
        if (!parent.traced() || (parent.trace.options & optionFor(event)) == 0) return;
        Tracee pt = parent.trace;
        PtraceAttach.link(pt.tracer, child, pt.seized, pt.options);
        child.trace.startStop = true;
    }

    /** The parent's PTRACE_EVENT_FORK, VFORK or CLONE stop, with the child's pid as the message. */
    @Async
    static void cloneStop(Process parent, int event, int childPid) {
        if (parent.traced() && (parent.trace.options & optionFor(event)) != 0) eventStop(parent, event, childPid);
    }

    /** A traced thread's PTRACE_EVENT_CLONE stop after clone(CLONE_THREAD) made thread {@code tid}. */
    @Async
    public static void threadCloneStop(Process caller, int tid) { cloneStop(caller, EVENT_CLONE, tid); }

    /** Whether {@code p} is in a ptrace-stop (for /proc's state t). */
    public static boolean inStop(Process p) { return p.trace != null && p.trace.stopped; }

}
