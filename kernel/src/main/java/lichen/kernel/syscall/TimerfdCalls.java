package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.poll.TimerFile;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/** timerfd_create(2), timerfd_settime and timerfd_gettime: timers whose expirations are read from a descriptor. */
final class TimerfdCalls {
    /** TFD_TIMER_ABSTIME, TFD_TIMER_CANCEL_ON_SET; TFD_CLOEXEC and TFD_NONBLOCK are O_CLOEXEC and O_NONBLOCK. */
    static final int TFD_TIMER_ABSTIME = 1, TFD_TIMER_CANCEL_ON_SET = 2;

    private TimerfdCalls() {}

    /** timerfd_create: a disarmed timer on {@code clock}; EINVAL for another clock or unknown flags. */
    @Async
    static long sysTimerfdCreate(Process p, int clock, int flags) {
        if ((flags & ~(OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK)) != 0) return -Errno.EINVAL;
        if (!TimerSpecs.timerClock(clock)) return -Errno.EINVAL;
        TimerFile driver = new TimerFile(clock);
        long fd = AnonymousDescriptors.install(p, driver, flags);
        if (fd >= 0) driver.file = FileCalls.file(p, (int) fd);
        return fd;
    }

    private static TimerFile timer(Process p, int fd, long[] err) {
        OpenFile f = FileCalls.file(p, fd);
        err[0] = f == null ? -Errno.EBADF : -Errno.EINVAL;
        return f != null && f.device instanceof TimerFile t ? t : null;
    }

    /**
     * timerfd_settime: arms (or, with an it_value of 0, disarms) the timer,
     * relative to now or at an absolute time with TFD_TIMER_ABSTIME; the old
     * setting goes to {@code old} when it is not NULL.
     */
    @Async
    static long sysTimerfdSettime(Process p, int fd, int flags, long value, long old) {
        if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) != 0) return -Errno.EINVAL;
        long[] spec = new long[2];
        int rc = TimerSpecs.read(p, value, spec);
        if (rc < 0) return rc;
        long[] err = new long[1];
        TimerFile t = timer(p, fd, err);
        if (t == null) return err[0];
        if (old != 0 && TimerSpecs.write(p, old, t.interval(), t.remaining()) < 0) return -Errno.EFAULT;
        t.set(TimerSpecs.deadline(t.clock, (flags & TFD_TIMER_ABSTIME) != 0, spec[1]), spec[0]);
        return 0;
    }

    /** timerfd_gettime: the time to the next expiration and the interval (zeros when disarmed). */
    @Async
    static long sysTimerfdGettime(Process p, int fd, long value) {
        long[] err = new long[1];
        TimerFile t = timer(p, fd, err);
        if (t == null) return err[0];
        return TimerSpecs.write(p, value, t.interval(), t.remaining());
    }
}
