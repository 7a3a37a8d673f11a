package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.signal.PosixTimer;
import lichen.kernel.signal.PosixTimers;
import lichen.kernel.signal.SignalState;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * POSIX per-process timers: timer_create(2), timer_settime(2),
 * timer_gettime, timer_getoverrun(2) and timer_delete(2). glibc's
 * SIGEV_THREAD is its own thread waiting for a SIGEV_THREAD_ID signal, so
 * the kernel sees only SIGEV_SIGNAL, SIGEV_NONE and SIGEV_THREAD_ID.
 */
final class PosixTimerCalls {
    /** sizeof(struct sigevent): sigev_value, sigev_signo, sigev_notify, then the union with the thread id. */
    private static final int SIGEVENT_SIZE = 64;
    static final int TIMER_ABSTIME = 1;

    private PosixTimerCalls() {}

    /**
     * timer_create: a disarmed timer on {@code clock} whose id goes to
     * {@code timerid}. A NULL {@code sevp} means SIGEV_SIGNAL with SIGALRM and
     * the id as the value. EINVAL for another clock, notification or signal,
     * or a SIGEV_THREAD_ID thread not in the process; EFAULT; EAGAIN when no
     * timer is left.
     */
    @Async
    static long sysTimerCreate(Process p, int clock, long sevp, long timerid) {
        if (!TimerSpecs.timerClock(clock)) return -Errno.EINVAL;
        int notify = PosixTimer.SIGEV_SIGNAL, signal = Signals.SIGALRM, tid = 0;
        long value = 0;
        boolean valueIsId = sevp == 0;
        if (sevp != 0) {
            byte[] ev = new byte[SIGEVENT_SIZE];
            if (UserCopy.copyIn(p.mm(), sevp, ev, 0, SIGEVENT_SIZE) < 0) return -Errno.EFAULT;
            value = LittleEndian.u64(ev, 0);
            signal = LittleEndian.u32(ev, 8);
            notify = LittleEndian.u32(ev, 12);
            tid = LittleEndian.u32(ev, 16);
        }
        Process target = null;
        if (notify == PosixTimer.SIGEV_THREAD_ID) {
            target = Processes.byPid(tid);
            if (target == null || target.tgid() != p.tgid() || target.state() != Process.LIVE) return -Errno.EINVAL;
        } else if (notify != PosixTimer.SIGEV_SIGNAL && notify != PosixTimer.SIGEV_NONE) {
            return -Errno.EINVAL;
        }
        if (notify != PosixTimer.SIGEV_NONE && !SignalState.valid(signal)) return -Errno.EINVAL;
        PosixTimer t = PosixTimers.create(p, clock, notify, signal, value, target);
        if (t == null) return -Errno.EAGAIN;
        if (valueIsId) {
            PosixTimers.delete(p, t.id);
            t = PosixTimers.create(p, clock, notify, signal, t.id, target);
        }
        if (UserCopy.store32(p.mm(), timerid, t.id) < 0) {
            PosixTimers.delete(p, t.id);
            return -Errno.EFAULT;
        }
        return 0;
    }

    /** timer_settime: arms (an it_value of 0 disarms), relative or at an absolute time with TIMER_ABSTIME; the old setting to {@code old}. */
    @Async
    static long sysTimerSettime(Process p, int id, int flags, long value, long old) {
        if (value == 0) return -Errno.EINVAL;
        long[] spec = new long[2];
        int rc = TimerSpecs.read(p, value, spec);
        if (rc < 0) return rc;
        PosixTimer t = PosixTimers.of(p, id);
        if (t == null) return -Errno.EINVAL;
        if (old != 0 && TimerSpecs.write(p, old, t.interval(), t.remaining()) < 0) return -Errno.EFAULT;
        t.set(TimerSpecs.deadline(t.clock, (flags & TIMER_ABSTIME) != 0, spec[1]), spec[0]);
        return 0;
    }

    /** timer_gettime: the time to the next expiration and the interval. */
    @Async
    static long sysTimerGettime(Process p, int id, long value) {
        PosixTimer t = PosixTimers.of(p, id);
        if (t == null) return -Errno.EINVAL;
        return TimerSpecs.write(p, value, t.interval(), t.remaining());
    }

    static long sysTimerGetoverrun(Process p, int id) {
        PosixTimer t = PosixTimers.of(p, id);
        return t == null ? -Errno.EINVAL : t.overrun();
    }

    static long sysTimerDelete(Process p, int id) {
        return PosixTimers.delete(p, id) ? 0 : -Errno.EINVAL;
    }
}
