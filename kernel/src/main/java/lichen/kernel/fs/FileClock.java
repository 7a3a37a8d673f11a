package lichen.kernel.fs;

import lichen.fs.vfs.Clock;
import lichen.kernel.time.WallClock;

/** File timestamps from the wall clock, so a file touched now and clock_gettime(CLOCK_REALTIME) agree. */
public final class FileClock implements Clock {
    @Override
    public long nowNanos() { return WallClock.nowNanos(); }
}
