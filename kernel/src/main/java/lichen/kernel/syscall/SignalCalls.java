package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.proc.UserFrame;
import lichen.kernel.signal.SignalState;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.libkernel.async.Executor;

/** rt_sigaction(2) and rt_sigprocmask(2): a process's dispositions and blocked mask. */
final class SignalCalls {
    /** The kernel's sigset_t is 64 bits; callers pass its size. */
    static final long SIGSET_SIZE = 8;
    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    /** arm64's struct sigaction as the kernel takes it: handler, flags, restorer, mask. */
    static final int SIGACTION_SIZE = 32;
    /** stack_t: ss_sp, ss_flags (and padding), ss_size. */
    static final int STACK_T_SIZE = 24;
    static final int SS_AUTODISARM = 1 << 31;
    /** arm64's MINSIGSTKSZ. */
    static final long MINSIGSTKSZ = 5120;

    private SignalCalls() {}

    /** rt_sigaction(2): EINVAL for a bad signal or size, or a change to SIGKILL's or SIGSTOP's action. */
    @Async
    static long sysRtSigaction(Process p, int sig, long act, long oldact, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE || !SignalState.valid(sig)) return -Errno.EINVAL;
        if (act != 0 && (sig == SignalState.SIGKILL || sig == SignalState.SIGSTOP)) return -Errno.EINVAL;
        SignalState s = p.signals();
        byte[] next = null;
        if (act != 0) {
            next = new byte[SIGACTION_SIZE];
            if (UserCopy.copyIn(p.mm(), act, next, 0, SIGACTION_SIZE) < 0) return -Errno.EFAULT;
        }
        if (oldact != 0) {
            byte[] old = new byte[SIGACTION_SIZE];
            LittleEndian.put64(old, 0, s.handler(sig));
            LittleEndian.put64(old, 8, s.flags(sig));
            LittleEndian.put64(old, 16, s.restorer(sig));
            LittleEndian.put64(old, 24, s.mask(sig));
            if (UserCopy.copyOut(p.mm(), oldact, old, 0, SIGACTION_SIZE) < 0) return -Errno.EFAULT;
        }
        if (next != null) {
            s.setAction(sig, LittleEndian.u64(next, 0), LittleEndian.u64(next, 8), LittleEndian.u64(next, 16), LittleEndian.u64(next, 24));
            if (Signals.ignores(s, sig)) s.discard(sig); // setting a pending signal to be ignored discards it (sigaction(2))
        }
        return 0;
    }

    /** rt_sigprocmask(2): the old mask to {@code oldset}, then the change; SIGKILL and SIGSTOP stay unblocked. */
    @Async
    static long sysRtSigprocmask(Process p, int how, long set, long oldset, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE) return -Errno.EINVAL;
        SignalState s = p.signals();
        long change = 0;
        if (set != 0) {
            if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) return -Errno.EINVAL;
            byte[] b = new byte[8];
            if (UserCopy.copyIn(p.mm(), set, b, 0, 8) < 0) return -Errno.EFAULT;
            change = LittleEndian.u64(b, 0);
        }
        if (oldset != 0) {
            byte[] b = new byte[8];
            LittleEndian.put64(b, 0, s.blocked());
            if (UserCopy.copyOut(p.mm(), oldset, b, 0, 8) < 0) return -Errno.EFAULT;
        }
        if (set != 0) {
            long m = s.blocked();
            s.setBlocked(how == SIG_BLOCK ? m | change : how == SIG_UNBLOCK ? m & ~change : change);
        }
        return 0;
    }

    /** rt_sigpending(2): the signals pending and not yet delivered. */
    @Async
    static long sysRtSigpending(Process p, long set, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE) return -Errno.EINVAL;
        byte[] b = new byte[8];
        LittleEndian.put64(b, 0, p.signals().pending() & p.signals().blocked());
        return UserCopy.copyOut(p.mm(), set, b, 0, 8) < 0 ? -Errno.EFAULT : 0;
    }

    /**
     * rt_sigsuspend(2): the mask becomes {@code mask} until a signal's handler
     * has run (its frame saves the old mask, so rt_sigreturn restores it) or
     * the signal ends the process; always -EINTR.
     */
    @Async
    static long sysRtSigsuspend(Process p, long mask, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE) return -Errno.EINVAL;
        byte[] b = new byte[8];
        if (UserCopy.copyIn(p.mm(), mask, b, 0, 8) < 0) return -Errno.EFAULT;
        SignalState s = p.signals();
        p.suspendMask(s.blocked());
        s.setBlocked(LittleEndian.u64(b, 0));
        while (s.nextDeliverable() == 0) {
            p.task().clearSignal(); // what is pending is blocked: sleep until something deliverable comes
            Processes.executor().block(Executor.NO_DEADLINE, true);
        }
        // Never restarted after a handler, SA_RESTART or not (signal(7)): EINTR once the handler has run.
        return -Errno.ERESTARTNOHAND;
    }

    /** rt_sigreturn(2): the registers and mask before the handler; x0 is the restored one, not a result. */
    @Async
    static long sysRtSigreturn(Process p, long frame) {
        Signals.sigreturn(p, frame);
        return SyscallTable.NO_RESULT;
    }

    /** sigaltstack(2): EINVAL for unknown flags, ENOMEM below MINSIGSTKSZ, EPERM while running on it. */
    @Async
    static long sysSigaltstack(Process p, long frame, long ss, long oldSs) {
        SignalState s = p.signals();
        long sp = UserFrame.get(frame, UserFrame.SP);
        boolean onIt = s.altFlags() != SignalState.SS_DISABLE && sp - s.altStack() < s.altSize();
        byte[] next = null;
        if (ss != 0) {
            next = new byte[STACK_T_SIZE];
            if (UserCopy.copyIn(p.mm(), ss, next, 0, STACK_T_SIZE) < 0) return -Errno.EFAULT;
            int flags = LittleEndian.u32(next, 8);
            if (onIt) return -Errno.EPERM;
            if ((flags & ~(SignalState.SS_DISABLE | SS_AUTODISARM)) != 0) return -Errno.EINVAL;
            if ((flags & SignalState.SS_DISABLE) == 0 && LittleEndian.u64(next, 16) < MINSIGSTKSZ) return -Errno.ENOMEM;
        }
        if (oldSs != 0) {
            byte[] old = new byte[STACK_T_SIZE];
            LittleEndian.put64(old, 0, s.altStack());
            LittleEndian.put32(old, 8, onIt ? SignalState.SS_ONSTACK : s.altFlags());
            LittleEndian.put64(old, 16, s.altSize());
            if (UserCopy.copyOut(p.mm(), oldSs, old, 0, STACK_T_SIZE) < 0) return -Errno.EFAULT;
        }
        if (next != null) {
            boolean disable = (LittleEndian.u32(next, 8) & SignalState.SS_DISABLE) != 0;
            if (disable) s.setAltStack(0, 0, SignalState.SS_DISABLE);
            else s.setAltStack(LittleEndian.u64(next, 0), LittleEndian.u64(next, 16), 0);
        }
        return 0;
    }
}
