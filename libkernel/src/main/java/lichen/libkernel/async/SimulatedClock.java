package lichen.libkernel.async;

/** A clock that moves only when told to, or when the executor is idle: runs are reproducible to the nanosecond. */
public final class SimulatedClock implements Clock {
    private long now;

    @Override
    public long now() { return now; }

    /** Moves time forward (never back). */
    public void advance(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("time runs forward");
        now += nanos;
    }

    @Override
    public boolean idleUntil(long deadline) {
        if (deadline > now) now = deadline;
        return true;
    }
}
