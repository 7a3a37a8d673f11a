package lichen.kernel.signal;

import lichen.api.Async;
import lichen.kernel.proc.JobControl;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.proc.ResourceLimits;
import lichen.kernel.proc.Rseq;
import lichen.kernel.proc.Ptrace;
import lichen.kernel.proc.UserFrame;
import lichen.fs.vfs.FsContext;
import lichen.libkernel.Errno;

/**
 * Sending and delivering signals (man 7 signal). A signal sent to a process
 * is made pending and ends an interruptible sleep (the call returns EINTR or
 * restarts); on the way back to user mode the lowest deliverable signal is
 * acted on: its default action (end the process, or nothing), or its
 * handler run on an rt_sigframe with the mask widened, returning through
 * rt_sigreturn. The default action of a stop signal stops the process and
 * SIGCONT continues it ({@link JobControl}).
 */
public final class Signals {
    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8,
            SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17,
            SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25,
            SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGSYS = 31;
    /** si_code values (asm-generic/siginfo.h). */
    public static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_TKILL = -6, SEGV_MAPERR = 1, SEGV_ACCERR = 2,
            CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_STOPPED = 5, CLD_CONTINUED = 6;
    /** sa_flags (asm-generic/signal.h). */
    public static final long SA_SIGINFO = 4, SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000,
            SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000L;

    /** restart_syscall(2)'s number (asm-generic/unistd.h). */
    private static final long RESTART_SYSCALL = 128;

    private Signals() {}

    /** Whether {@code sig}'s disposition does nothing: SIG_IGN, or SIG_DFL for a signal whose default is to be ignored. */
    public static boolean ignores(SignalState s, int sig) {
        long h = s.handler(sig);
        return h == SignalState.SIG_IGN || (h == SignalState.SIG_DFL && ignoredByDefault(sig));
    }

    /** What a signal does when its disposition is SIG_DFL: SIGCONT's continue has happened when it was sent. */
    static boolean ignoredByDefault(int sig) {
        return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
    }

    /** Sends {@code sig} to every process of group {@code pgid}; false when there is none. */
    public static boolean sendToGroup(int pgid, int sig, int code, int senderPid) {
        boolean any = false;
        for (int q = 1; q < Processes.PID_MAX; q++) {
            Process t = Processes.byPid(q);
            if (t == null || t.state() == Process.REAPED || t.pgid() != pgid || t.tgid() != t.pid()) continue; // each process once, by its leader
            any = true;
            if (sig != 0) send(t, sig, code, senderPid, 0, 0);
        }
        return any;
    }

    /**
     * Sends {@code sig} to the process of thread {@code p} with its siginfo
     * (kill(2) and every signal the kernel sends a process). SIGCONT
     * continues a stopped process first, and a stop signal and SIGCONT
     * discard each other ({@link JobControl#beforeSend}). A signal the
     * process ignores is then dropped (man 7 signal); any other is made
     * pending for the process and wakes a thread that does not block it
     * from an interruptible sleep: {@code p} if it can take it.
     */
    public static int send(Process p, int sig, int code, int senderPid, int childStatus, long address) {
        if (p == null || p.state() != Process.LIVE || !SignalState.valid(sig)) return 0;
        JobControl.beforeSend(p, sig);
        SignalState s = p.signals();
        // An ignored signal is dropped at once unless it is blocked: then it waits, pending (man 7 signal);
        // a tracer sees even an ignored one (Linux's sig_ignored is false for a traced task).
        if (sig != SIGKILL && !s.blocks(sig) && ignores(s, sig) && !p.traced()) return 0;
        if (!s.postToProcess(sig, code, senderPid, childStatus, address, quotaUser(p), quotaLimit(p))) return -Errno.EAGAIN;
        Process t = sig == SIGKILL ? p : Processes.threadAccepting(p, sig);
        if (t != null && t.task() != null) Processes.executor().interrupt(t.task());
        return 0;
    }

    /**
     * Sends {@code sig} to the thread {@code t} alone (tgkill(2), tkill(2),
     * SIGPIPE for the writer): only it may take the signal, and while it
     * blocks it the signal waits for it. Job control's rules apply as for
     * {@link #send}.
     */
    public static int sendToThread(Process t, int sig, int code, int senderPid, int status, long value) {
        if (t == null || t.state() != Process.LIVE || !SignalState.valid(sig)) return 0;
        JobControl.beforeSend(t, sig);
        SignalState s = t.signals();
        if (sig != SIGKILL && !s.blocks(sig) && ignores(s, sig) && !t.traced()) return 0;
        if (!postToThread(t, sig, code, senderPid, status, value)) return -Errno.EAGAIN;
        if ((sig == SIGKILL || !s.blocks(sig)) && t.task() != null) Processes.executor().interrupt(t.task());
        return 0;
    }

    /**
     * Makes {@code sig} pending for thread {@code t} alone with its siginfo, and nothing else
     * (no job control, no wake): false when RLIMIT_SIGPENDING refuses it ({@link SignalState#post}).
     */
    public static boolean postToThread(Process t, int sig, int code, int senderPid, int status, long value) {
        return t.signals().post(sig, code, senderPid, status, value, quotaUser(t), quotaLimit(t));
    }

    /** The user whose RLIMIT_SIGPENDING count a signal for {@code p} is charged to: its real user ID. */
    private static int quotaUser(Process p) {
        FsContext f = p.files();
        return f == null ? 0 : f.cred.uid;
    }

    /** {@code p}'s soft RLIMIT_SIGPENDING (getrlimit(2)). */
    private static long quotaLimit(Process p) {
        return ResourceLimits.of(p)[2 * ResourceLimits.RLIMIT_SIGPENDING];
    }

    /**
     * A write to a pipe or socket that no one can read any more: SIGPIPE to
     * the writing thread (Linux's send_sig), and EPIPE as the call's result
     * (pipe(7), unix(7)).
     */
    public static int brokenPipe() {
        Process p = Processes.current();
        if (p != null) sendToThread(p, SIGPIPE, SI_USER, p.pid(), 0, 0);
        return -Errno.EPIPE;
    }

    /**
     * A fault the program made (SIGSEGV, SIGBUS, SIGILL, SIGTRAP): delivered to
     * its handler if it has one and does not block it, else the process ends,
     * as Linux's force_sig does.
     */
    public static void force(Process p, int sig, int code, long address) {
        SignalState s = p.signals();
        if ((s.blocked() & SignalState.bit(sig)) != 0 || s.handler(sig) == SignalState.SIG_IGN) s.setAction(sig, SignalState.SIG_DFL, 0, 0, 0);
        s.setBlocked(s.blocked() & ~SignalState.bit(sig));
        postToThread(p, sig, code, 0, 0, address);
    }

    /**
     * Acts on deliverable signals before {@code p} returns to user mode.
     * {@code syscallResult} is what the call just returned into x0 (or 0
     * outside a call, {@code inSyscall} false): an EINTR from a call whose
     * signal has SA_RESTART makes the call run again with its first argument
     * {@code origX0}. Does not return when a signal ends the process.
     */
    @Async
    public static void deliver(Process p, long frame, boolean inSyscall, long origX0) {
        if (p.groupExiting()) Processes.exit(p, 0); // another thread called exit_group or died of a signal
        // A stop, or a signal taken and not handled, lets an interrupted call run again (below).
        boolean restartable = JobControl.joinGroupStop(p);
        restartable |= Ptrace.interruptStop(p);
        SignalState s = p.signals();
        while (true) {
            if (p.groupExiting()) Processes.exit(p, 0); // a SIGKILL or exit_group ended the group while this thread was stopped
            int sig = s.nextDeliverable();
            if (sig == 0) break;
            s.take(sig);
            restartable = true;
            if (sig != SIGKILL && p.traced()) {
                sig = Ptrace.signalStop(p, sig); // the tracer sees it first, and may cancel or change it
                if (sig == 0) continue;
            }
            long h = s.handler(sig);
            if (h == SignalState.SIG_IGN || (h == SignalState.SIG_DFL && ignoredByDefault(sig))) continue;
            if (h == SignalState.SIG_DFL && JobControl.isStopSignal(sig)) {
                restartable |= JobControl.stop(p, sig);
                continue; // what came while stopped (SIGCONT's handler, SIGKILL) is next
            }
            if (h == SignalState.SIG_DFL) terminate(p, sig);
            if (inSyscall && UserFrame.x(frame, 0) == -Errno.EINTR && (s.flags(sig) & SA_RESTART) != 0) restart(frame, origX0);
            else if (inSyscall && (UserFrame.x(frame, 0) == -Errno.ERESTARTNOHAND || UserFrame.x(frame, 0) == -Errno.ERESTART_RESTARTBLOCK)) {
                UserFrame.setX(frame, 0, -Errno.EINTR);
            }
            inSyscall = false;
            if (!runHandler(p, frame, sig, h)) terminate(p, SIGSEGV);
            break; // one handler frame at a time: the next signal comes after it (or on its sigreturn)
        }
        // No handler ran: an interrupted call that asked for it runs again, as does one a stop or an
        // ignored signal interrupted (Linux's ERESTARTSYS without a handler), and a mask that
        // rt_sigsuspend or ppoll put in place for the wait gives way to the old one.
        long x0 = inSyscall ? UserFrame.x(frame, 0) : 0;
        if (inSyscall && (x0 == -Errno.ERESTARTNOHAND || (restartable && x0 == -Errno.EINTR))) restart(frame, origX0);
        else if (inSyscall && x0 == -Errno.ERESTART_RESTARTBLOCK) {
            restart(frame, origX0);
            UserFrame.setX(frame, 8, RESTART_SYSCALL); // arm64's setup_restart_syscall: the svc runs restart_syscall(2)
        }
        if (inSyscall) s.setBlocked(p.takeSuspendMask(s.blocked()));
        if (s.nextDeliverable() == 0 && p.task() != null) p.task().clearSignal();
    }

    /** Makes the interrupted call run again: its first argument back in x0 and the PC on its svc. */
    private static void restart(long frame, long origX0) {
        UserFrame.setX(frame, 0, origX0);
        UserFrame.set(frame, UserFrame.ELR, UserFrame.get(frame, UserFrame.ELR) - 4);
    }

    /** Builds the handler's frame and points the thread at the handler; false when the stack cannot take the frame. */
    @Async
    private static boolean runHandler(Process p, long frame, int sig, long handler) {
        // A handler about to run inside an rseq critical section: the section is aborted first (rseq_signal_deliver).
        if (!Rseq.leaveCriticalSection(p, frame)) return false;
        SignalState s = p.signals();
        long flags = s.flags(sig);
        long sp = UserFrame.get(frame, UserFrame.SP);
        boolean onAlt = s.altFlags() != SignalState.SS_DISABLE && sp - s.altStack() < s.altSize();
        long top = (flags & SA_ONSTACK) != 0 && s.altFlags() != SignalState.SS_DISABLE && !onAlt ? s.altStack() + s.altSize() : sp;
        long savedMask = p.takeSuspendMask(s.blocked());
        long at = SignalFrame.write(p.mm(), frame, top, sig, s, savedMask);
        if (at < 0) return false;
        UserFrame.setX(frame, 0, sig);
        UserFrame.setX(frame, 1, at + SignalFrame.INFO);
        UserFrame.setX(frame, 2, at + SignalFrame.UC);
        UserFrame.setX(frame, 29, (at + SignalFrame.SIZE));
        UserFrame.setX(frame, 30, (flags & SA_RESTORER) != 0 ? s.restorer(sig) : p.mm().sigreturnTrampoline());
        UserFrame.set(frame, UserFrame.SP, at);
        UserFrame.set(frame, UserFrame.ELR, handler);
        long widened = savedMask | s.mask(sig) | ((flags & SA_NODEFER) != 0 ? 0 : SignalState.bit(sig));
        s.setBlocked(widened);
        if ((flags & SA_RESETHAND) != 0) s.setAction(sig, SignalState.SIG_DFL, 0, 0, 0);
        return true;
    }

    /** rt_sigreturn(2): the state before the handler comes back from the frame at the user stack pointer; SIGSEGV when it is unreadable. */
    @Async
    public static void sigreturn(Process p, long frame) {
        long[] mask = new long[1];
        if (SignalFrame.restore(p.mm(), frame, UserFrame.get(frame, UserFrame.SP), mask) < 0) {
            terminate(p, SIGSEGV);
            return;
        }
        p.signals().setBlocked(mask[0]);
    }

    /** The default action's end, for the whole process: the wait status is the signal (no core is written, as with RLIMIT_CORE 0). */
    @Async
    static void terminate(Process p, int sig) {
        Processes.exitGroup(p, sig);
    }
}
