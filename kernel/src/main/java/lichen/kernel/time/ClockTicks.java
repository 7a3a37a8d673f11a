package lichen.kernel.time;

import lichen.arch.aarch64.Timer;

/**
 * Clock ticks, the unit of times(2), /proc/stat and /proc/PID/stat: USER_HZ
 * of them a second (sysconf(_SC_CLK_TCK) is 100 on arm64 Linux), counted
 * from boot.
 */
public final class ClockTicks {
    public static final long USER_HZ = 100;

    private ClockTicks() {}

    public static long sinceBoot() { return Timer.nanos() / (1_000_000_000L / USER_HZ); }
}
