package lichen.usertest.sys;

/** Clock and interval-timer ids (include/uapi/linux/time.h). */
public final class Clocks {
    private Clocks() {}

    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    public static final int CLOCK_THREAD_CPUTIME_ID = 3;

    public static final int CLOCK_BOOTTIME = 7;

    /** clock_nanosleep's flag: the time is absolute, not an interval. */
    public static final int TIMER_ABSTIME = 1;

    public static final int ITIMER_REAL = 0;
    public static final int ITIMER_VIRTUAL = 1;
    public static final int ITIMER_PROF = 2;
}
