package lichen.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A 64-bit cell with atomic operations, sequentially consistent (AArch64:
 * LDAXR/STLXR loops, or LSE CASAL/LDADDAL when the CPU has them). Its
 * methods are intrinsics, allowed only in {@link Unsafe} classes; spinlocks,
 * reference counts and lock-free counters are built on it.
 *
 * <p>On the JVM it is backed by a VarHandle, so it is atomic there too.
 */
public final class AtomicWord {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(AtomicWord.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long value;

    public AtomicWord(long initial) { this.value = initial; }

    public long get() { return value; }

    public void set(long v) { value = v; }

    /** Stores {@code update} if the value is {@code expect}; returns whether it did. */
    public boolean compareAndSet(long expect, long update) { return VALUE.compareAndSet(this, expect, update); }

    /** Adds and returns the previous value. */
    public long getAndAdd(long delta) { return (long) VALUE.getAndAdd(this, delta); }

    /** Stores and returns the previous value. */
    public long getAndSet(long v) { return (long) VALUE.getAndSet(this, v); }
}
