package lichen.kernel.time;

import lichen.arch.aarch64.Pl031;
import lichen.arch.aarch64.Timer;
import lichen.libkernel.fdt.MachineDescription;

/**
 * CLOCK_REALTIME: the real-time clock's reading at boot plus the generic
 * timer's count since. Without an RTC in the device tree the epoch is the
 * boot, as on a Linux machine with no RTC driver.
 */
public final class WallClock {
    private static final long NANOS = 1_000_000_000L;
    /** Nanoseconds since the epoch when the counter read 0. */
    private static long atCounterZero;

    private WallClock() {}

    /** Reads the PL031 once at boot; says what it found. */
    public static void start(MachineDescription m) {
        if (m == null || m.rtcBase() < 0) {
            System.out.println("time: no real-time clock; the wall clock starts at the epoch");
            return;
        }
        long seconds = Pl031.seconds(m.rtcBase());
        atCounterZero = seconds * NANOS - Timer.nanos();
        System.out.println("time: PL031 at 0x" + Long.toHexString(m.rtcBase()) + " reads " + seconds + " s since the epoch");
    }

    public static long nowNanos() { return atCounterZero + Timer.nanos(); }

    /** settimeofday(2) and clock_settime(2) move it. */
    public static void set(long nanos) { atCounterZero = nanos - Timer.nanos(); }
}
