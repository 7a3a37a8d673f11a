package lichen.kernel.fs;

import lichen.arch.aarch64.Timer;
import lichen.fs.vfs.Clock;

/**
 * File timestamps from the generic timer: nanoseconds since boot, which is
 * what CLOCK_REALTIME answers too until the kernel reads a real-time clock
 * (TimeCalls), so a file touched now and clock_gettime agree.
 */
public final class FileClock implements Clock {
    @Override
    public long nowNanos() { return Timer.nanos(); }
}
