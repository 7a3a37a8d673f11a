package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.time.WallClock;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * struct itimerspec (it_interval, then it_value, each a struct timespec) as
 * timerfd_settime(2) and timer_settime(2) take and give it, and the clocks
 * those timers count on. Deadlines are kept on the monotonic clock the
 * scheduler sleeps by; a CLOCK_REALTIME time is moved onto it when set.
 */
final class TimerSpecs {
    static final int SIZE = 32;
    private static final long NANOS = 1_000_000_000L;
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9;

    private TimerSpecs() {}

    /** The clocks a timer may count on (timerfd_create(2), timer_create(2)). */
    static boolean timerClock(int clock) {
        return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC || clock == CLOCK_BOOTTIME || clock == CLOCK_REALTIME_ALARM
                || clock == CLOCK_BOOTTIME_ALARM;
    }

    private static boolean realtime(int clock) { return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_ALARM; }

    /** Reads the itimerspec at {@code at} into {@code out}: interval, value in ns; 0, -EFAULT, or -EINVAL for a bad timespec. */
    @Async
    static int read(Process p, long at, long[] out) {
        byte[] b = new byte[SIZE];
        if (UserCopy.copyIn(p.mm(), at, b, 0, SIZE) < 0) return -Errno.EFAULT;
        for (int i = 0; i < 2; i++) {
            long sec = LittleEndian.u64(b, 16 * i), nsec = LittleEndian.u64(b, 16 * i + 8);
            if (sec < 0 || nsec < 0 || nsec >= NANOS) return -Errno.EINVAL;
            out[i] = sec > Long.MAX_VALUE / NANOS - 1 ? Long.MAX_VALUE / 2 : sec * NANOS + nsec;
        }
        return 0;
    }

    @Async
    static int write(Process p, long at, long interval, long value) {
        byte[] b = new byte[SIZE];
        LittleEndian.put64(b, 0, interval / NANOS);
        LittleEndian.put64(b, 8, interval % NANOS);
        LittleEndian.put64(b, 16, value / NANOS);
        LittleEndian.put64(b, 24, value % NANOS);
        return UserCopy.copyOut(p.mm(), at, b, 0, SIZE) < 0 ? -Errno.EFAULT : 0;
    }

    /**
     * The monotonic deadline for an it_value of {@code value} on {@code clock},
     * absolute when {@code absolute}; 0 for a value of 0 (disarm). An absolute
     * time already past is a deadline now: the timer fires at once.
     */
    static long deadline(int clock, boolean absolute, long value) {
        if (value == 0) return 0;
        long now = Processes.executor().now();
        if (!absolute) return now + Math.min(value, Long.MAX_VALUE / 2);
        long mono = realtime(clock) ? value - (WallClock.nowNanos() - now) : value;
        return Math.max(mono, 1);
    }
}
