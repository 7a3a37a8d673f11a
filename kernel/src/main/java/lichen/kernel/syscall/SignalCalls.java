package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.signal.SignalState;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/** rt_sigaction(2) and rt_sigprocmask(2): a process's dispositions and blocked mask. */
final class SignalCalls {
    /** The kernel's sigset_t is 64 bits; callers pass its size. */
    static final long SIGSET_SIZE = 8;
    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    /** arm64's struct sigaction as the kernel takes it: handler, flags, restorer, mask. */
    static final int SIGACTION_SIZE = 32;

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
        if (next != null)
            s.setAction(sig, LittleEndian.u64(next, 0), LittleEndian.u64(next, 8), LittleEndian.u64(next, 16), LittleEndian.u64(next, 24));
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
}
