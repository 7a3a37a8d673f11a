package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.signal.Siginfo;
import lichen.kernel.signal.SignalState;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;

/**
 * Taking signals synchronously and sending them with a value:
 * rt_sigtimedwait(2) (sigwait, sigwaitinfo, sigtimedwait) and
 * rt_sigqueueinfo(2) / rt_tgsigqueueinfo(2) (sigqueue, pthread_sigqueue).
 */
final class SignalWaitCalls {
    private SignalWaitCalls() {}

    /**
     * rt_sigtimedwait(2): takes the lowest pending signal of {@code set}
     * (the caller normally blocks them), writing its siginfo to {@code info}
     * when that is not NULL, and returns its number; waits for one until
     * {@code timeout} (NULL: for ever), then EAGAIN. While it waits the set
     * is unblocked, as Linux's real_blocked, so that a sent signal wakes it
     * and is taken here instead of delivered; another signal that is caught
     * ends the wait with EINTR (never restarted).
     */
    @Async
    static long sysRtSigtimedwait(Process p, long set, long info, long timeout, long sigsetsize) {
        if (sigsetsize != SignalCalls.SIGSET_SIZE) return -Errno.EINVAL;
        long[] w = new long[1];
        if (UserCopy.load64(p.mm(), set, w, 0) < 0) return -Errno.EFAULT;
        long want = w[0] & ~SignalState.UNBLOCKABLE;
        Executor ex = Processes.executor();
        long deadline = Executor.NO_DEADLINE;
        if (timeout != 0) {
            int r = TimeCalls.readTimespec(p, timeout, w);
            if (r < 0) return r;
            deadline = w[0] >= Executor.NO_DEADLINE - ex.now() ? Executor.NO_DEADLINE - 1 : ex.now() + w[0];
        }
        SignalState s = p.signals();
        long saved = s.blocked();
        while (true) {
            long ready = s.pending() & want;
            if (ready != 0) {
                s.setBlocked(saved);
                int sig = Long.numberOfTrailingZeros(ready) + 1;
                s.take(sig);
                if (info == 0) return sig;
                byte[] b = new byte[Siginfo.SIZE];
                Siginfo.encodeTaken(b, 0, s, sig);
                return UserCopy.copyOut(p.mm(), info, b, 0, Siginfo.SIZE) < 0 ? -Errno.EFAULT : sig;
            }
            s.setBlocked(saved & ~want);
            if (s.nextDeliverable() != 0 || (deadline != Executor.NO_DEADLINE && ex.now() >= deadline)) {
                s.setBlocked(saved);
                return s.nextDeliverable() != 0 ? -Errno.EINTR : -Errno.EAGAIN;
            }
            p.task().clearSignal();
            int r = ex.block(deadline, true);
            s.setBlocked(saved);
            if (r == WakeReason.TIMED_OUT && (s.pending() & want) == 0) return -Errno.EAGAIN;
        }
    }

    /** rt_sigqueueinfo(2): {@code sig} with the caller's siginfo to process {@code tgid}. */
    @Async
    static long sysRtSigqueueinfo(Process p, int tgid, int sig, long uinfo) {
        return queue(p, tgid, -1, sig, uinfo);
    }

    /** rt_tgsigqueueinfo(2): the same to thread {@code tid} of {@code tgid}. */
    @Async
    static long sysRtTgsigqueueinfo(Process p, int tgid, int tid, int sig, long uinfo) {
        if (tid <= 0) return -Errno.EINVAL;
        return queue(p, tgid, tid, sig, uinfo);
    }

    /**
     * A process may claim to be the kernel or kill(2) (si_code >= 0, or
     * SI_TKILL) only to itself (EPERM), as the man page says; si_pid and
     * si_value arrive as given, and si_signo is {@code sig} whatever the
     * caller wrote there (Linux's __copy_siginfo_from_user sets it).
     */
    @Async
    private static long queue(Process p, int tgid, int tid, int sig, long uinfo) {
        if (sig != 0 && !SignalState.valid(sig)) return -Errno.EINVAL;
        if (tgid <= 0) return -Errno.EINVAL;
        byte[] b = new byte[Siginfo.SIZE];
        if (UserCopy.copyIn(p.mm(), uinfo, b, 0, Siginfo.SIZE) < 0) return -Errno.EFAULT;
        int code = LittleEndian.u32(b, 8);
        Process t = Processes.byPid(tid > 0 ? tid : tgid);
        if (t == null || t.state() != Process.LIVE || t.tgid() != tgid) return -Errno.ESRCH;
        if ((code >= 0 || code == Signals.SI_TKILL) && tgid != p.tgid()) return -Errno.EPERM;
        if (sig == 0) return 0;
        int sender = LittleEndian.u32(b, 16);
        long value = LittleEndian.u64(b, 24);
        // Past RLIMIT_SIGPENDING a queued real-time signal is refused: EAGAIN (man 3 sigqueue).
        return tid > 0 ? Signals.sendToThread(t, sig, code, sender, 0, value) : Signals.send(t, sig, code, sender, 0, value);
    }
}
