package lichen.fs.event;

/**
 * An eventfd's counter (man 2 eventfd): an unsigned 64-bit value that a
 * write adds to and a read takes. A read takes the whole value, or 1 in
 * semaphore mode; it must wait while the value is 0. A write must wait
 * while the sum would pass 0xfffffffffffffffe, the largest value.
 */
public final class EventCounter {
    /** The largest value the counter holds: 0xfffffffffffffffe (ULLONG_MAX - 1). */
    public static final long MAX = -2L;

    private long value;
    private final boolean semaphore;

    public EventCounter(long initial, boolean semaphore) {
        value = initial;
        this.semaphore = semaphore;
    }

    public long value() { return value; }

    /** Whether a read would take something now. */
    public boolean readable() { return value != 0; }

    /** Whether a write of 1 would fit now (poll's POLLOUT). */
    public boolean writable() { return Long.compareUnsigned(value, MAX) < 0; }

    /** What a read takes now (the value, or 1 in semaphore mode), taken; 0 when it must wait. */
    public long take() {
        if (value == 0) return 0;
        long n = semaphore ? 1 : value;
        value -= n;
        return n;
    }

    /** Whether {@code n} can be added now without passing {@link #MAX}. */
    public boolean fits(long n) { return Long.compareUnsigned(n, MAX - value) <= 0; }

    /** Adds {@code n}; the caller has checked that it {@link #fits}. */
    public void add(long n) { value += n; }
}
