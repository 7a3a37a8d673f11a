package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.arch.aarch64.Timer;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
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
    /** Nanoseconds since the epoch at boot (no RTC read yet). */
    private static long wallAtBoot;

    private TimeCalls() {}

    private static boolean known(int clock) { return clock >= 0 && clock <= CLOCK_BOOTTIME; }

    private static long now(int clock) {
        long t = Timer.nanos();
        return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE ? wallAtBoot + t : t;
    }

    @Async
    static long sysClockGettime(Process p, int clock, long tp) {
        if (!known(clock)) return -Errno.EINVAL;
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
        if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME) return -Errno.EINVAL;
        long[] ns = new long[1];
        int rc = readTimespec(p, req, ns);
        if (rc < 0) return rc;
        long wait = (flags & TIMER_ABSTIME) != 0 ? ns[0] - now(clock) : ns[0];
        if (wait > 0) Processes.executor().sleep(wait, false);
        return 0;
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
}
