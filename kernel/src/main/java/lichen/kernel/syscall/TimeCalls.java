package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.arch.aarch64.Timer;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.CpuTimes;
import lichen.kernel.proc.Process;
import lichen.kernel.signal.CpuTimer;
import lichen.kernel.signal.RealTimer;
import lichen.kernel.time.WallClock;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * The clocks and sleeps (man 2 clock_gettime, nanosleep, clock_nanosleep,
 * gettimeofday). Every clock counts from the generic timer; CLOCK_REALTIME is
 * that count since boot plus the wall time at boot, which stays 0 (1970) until
 * the kernel reads the RTC (the devices issue).
 */
final class TimeCalls {
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
            CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;
    static final int TIMER_ABSTIME = 1;
    private static final long NANOS = 1_000_000_000L;

    private TimeCalls() {}

    private static boolean known(int clock) { return clock >= 0 && clock <= CLOCK_BOOTTIME; }

    private static long now(int clock) {
        return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE ? WallClock.nowNanos() : Timer.nanos();
    }

    /** clock_gettime(2); the CPU-time clocks read the process's or the thread's CPU time (proc.CpuTimes). */
    @Async
    static long sysClockGettime(Process p, int clock, long tp) {
        if (!known(clock)) return -Errno.EINVAL;
        if (clock == CLOCK_PROCESS_CPUTIME_ID) return writeTimespec(p, tp, CpuTimes.groupTotal(p));
        if (clock == CLOCK_THREAD_CPUTIME_ID) return writeTimespec(p, tp, CpuTimes.threadTotal(p));
        return writeTimespec(p, tp, now(clock));
    }

    /** The generic timer's resolution, rounded up to a nanosecond (62.5 MHz on QEMU virt: 16 ns). */
    @Async
    static long sysClockGetres(Process p, int clock, long res) {
        if (!known(clock)) return -Errno.EINVAL;
        if (res == 0) return 0;
        long hz = Timer.frequency();
        return writeTimespec(p, res, (NANOS + hz - 1) / hz);
    }

    @Async
    static long sysGettimeofday(Process p, long tv, long tz) {
        if (tv != 0) {
            long t = now(CLOCK_REALTIME);
            byte[] b = new byte[16];
            LittleEndian.put64(b, 0, t / NANOS);
            LittleEndian.put64(b, 8, t % NANOS / 1000);
            if (UserCopy.copyOut(p.mm(), tv, b, 0, 16) < 0) return -Errno.EFAULT;
        }
        if (tz != 0 && UserCopy.clear(p.mm(), tz, 8) < 0) return -Errno.EFAULT;
        return 0;
    }

    @Async
    static long sysNanosleep(Process p, long req, long rem) { return sysClockNanosleep(p, CLOCK_MONOTONIC, 0, req, rem); }

    /** Sleeps until the time asked has passed on {@code clock}; EINVAL for a bad timespec or clock. */
    @Async
    static long sysClockNanosleep(Process p, int clock, int flags, long req, long rem) {
        if (clock == CLOCK_THREAD_CPUTIME_ID) return -Errno.EOPNOTSUPP; // Linux cannot sleep on a thread's CPU clock
        if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME) return -Errno.EINVAL;
        long[] ns = new long[1];
        int rc = readTimespec(p, req, ns);
        if (rc < 0) return rc;
        long wait = (flags & TIMER_ABSTIME) != 0 ? ns[0] - now(clock) : ns[0];
        if (wait <= 0) return 0;
        if ((flags & TIMER_ABSTIME) != 0) {
            // An absolute sleep is restarted as it was asked when no handler runs (Linux's ERESTARTNOHAND).
            return Processes.executor().sleep(wait, true) < 0 ? -Errno.ERESTARTNOHAND : 0;
        }
        return sleepUntil(p, Processes.executor().now() + wait, rem);
    }

    /**
     * A relative sleep until executor time {@code deadline}. A signal ends it
     * with what was left in {@code rem} (nanosleep(2)); the call is then EINTR
     * when a handler runs, else restart_syscall(2) sleeps on to the same end,
     * as Linux's hrtimer_nanosleep_restart does.
     */
    @Async
    private static long sleepUntil(Process p, long deadline, long rem) {
        long wait = deadline - Processes.executor().now();
        if (wait <= 0) return 0;
        if (Processes.executor().sleep(wait, true) >= 0) return 0;
        if (rem != 0 && writeTimespec(p, rem, Math.max(0, deadline - Processes.executor().now())) < 0) return -Errno.EFAULT;
        p.setRestart(deadline, rem);
        return -Errno.ERESTART_RESTARTBLOCK;
    }

    /** restart_syscall(2): the interrupted sleep goes on; EINTR when there is none to restart. */
    @Async
    static long sysRestartSyscall(Process p) {
        long deadline = p.restartDeadline();
        if (deadline == 0) return -Errno.EINTR;
        p.setRestart(0, 0);
        return sleepUntil(p, deadline, p.restartRem());
    }

    /** A struct timespec at user {@code at} as nanoseconds: 0, -EFAULT, or -EINVAL when tv_nsec is outside [0, 1e9) or tv_sec is negative. */
    @Async
    static int readTimespec(Process p, long at, long[] out) {
        byte[] b = new byte[16];
        if (UserCopy.copyIn(p.mm(), at, b, 0, 16) < 0) return -Errno.EFAULT;
        long sec = LittleEndian.u64(b, 0), nsec = LittleEndian.u64(b, 8);
        if (sec < 0 || nsec < 0 || nsec >= NANOS) return -Errno.EINVAL;
        out[0] = sec > Long.MAX_VALUE / NANOS - 1 ? Long.MAX_VALUE : sec * NANOS + nsec;
        return 0;
    }

    @Async
    static long writeTimespec(Process p, long at, long nanos) {
        byte[] b = new byte[16];
        LittleEndian.put64(b, 0, nanos / NANOS);
        LittleEndian.put64(b, 8, nanos % NANOS);
        return UserCopy.copyOut(p.mm(), at, b, 0, 16);
    }

    /** setitimer(2) and getitimer(2)'s timers: wall time (SIGALRM), user CPU time (SIGVTALRM), all CPU time (SIGPROF). */
    static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;

    /**
     * setitimer(2): the process's timer {@code which} fires after it_value and
     * then every it_interval (a zero it_value disarms it); the old setting goes
     * to {@code oldValue} first. EINVAL for another {@code which} or a
     * timeval out of range, EFAULT for a bad pointer.
     */
    @Async
    static long sysSetitimer(Process p, int which, long value, long oldValue) {
        if (which < ITIMER_REAL || which > ITIMER_PROF) return -Errno.EINVAL;
        byte[] b = new byte[32];
        if (value != 0 && UserCopy.copyIn(p.mm(), value, b, 0, 32) < 0) return -Errno.EFAULT;
        long every = timeval(b, 0), first = timeval(b, 16);
        if (every < 0 || first < 0) return -Errno.EINVAL;
        if (oldValue != 0) {
            long rc = sysGetitimer(p, which, oldValue);
            if (rc < 0) return rc;
        }
        if (which == ITIMER_REAL) RealTimer.of(p).set(first, every);
        else CpuTimer.of(p, which == ITIMER_PROF).set(p, first, every);
        return 0;
    }

    /** getitimer(2): the interval and the time left of timer {@code which}, as struct itimerval. */
    @Async
    static long sysGetitimer(Process p, int which, long value) {
        if (which < ITIMER_REAL || which > ITIMER_PROF) return -Errno.EINVAL;
        if (which == ITIMER_REAL) {
            RealTimer t = RealTimer.of(p);
            return writeItimer(p, value, t.interval(), t.remaining());
        }
        CpuTimer t = CpuTimer.of(p, which == ITIMER_PROF);
        return writeItimer(p, value, t.interval(), t.remaining(p));
    }

    @Async
    private static long writeItimer(Process p, long at, long every, long left) {
        byte[] b = new byte[32];
        LittleEndian.put64(b, 0, every / NANOS);
        LittleEndian.put64(b, 8, every % NANOS / 1000);
        LittleEndian.put64(b, 16, left / NANOS);
        LittleEndian.put64(b, 24, (left % NANOS + 999) / 1000);
        return UserCopy.copyOut(p.mm(), at, b, 0, 32) < 0 ? -Errno.EFAULT : 0;
    }

    /** A struct timeval at {@code off} in nanoseconds, or -1 when tv_usec is outside [0, 1e6) or tv_sec negative. */
    private static long timeval(byte[] b, int off) {
        long sec = LittleEndian.u64(b, off), usec = LittleEndian.u64(b, off + 8);
        if (sec < 0 || usec < 0 || usec >= 1_000_000) return -1;
        return sec > Long.MAX_VALUE / NANOS - 1 ? Long.MAX_VALUE / 2 : sec * NANOS + usec * 1000;
    }
}
