package lichen.fs.vfs;

/** Wall-clock time for timestamps, as nanoseconds since the Unix epoch; the kernel supplies its clock. */
public interface Clock {
    long nowNanos();

    /** A clock stopped at the epoch, for filesystems mounted without one. */
    Clock EPOCH = new EpochClock();
}
