package lichen.rt.lichen.api;

import lichen.api.Unsafe;
import lichen.rt.Intrinsics;

/**
 * lichen.api.AtomicWord in compiled code: the JVM version's VarHandle
 * becomes the compiler's atomic intrinsics (LDAXR/STLXR loops on ARMv8.0).
 * The value is the object's first field, right after the header word.
 */
@Unsafe
public final class TAtomicWord {
    private static final long VALUE_OFFSET = 8;

    private volatile long value;

    public TAtomicWord(long initial) { this.value = initial; }

    public long get() { return value; }

    public void set(long v) { value = v; }

    public boolean compareAndSet(long expect, long update) {
        return Intrinsics.compareAndSwap64(Intrinsics.addressOf(this) + VALUE_OFFSET, expect, update);
    }

    public long getAndAdd(long delta) { return Intrinsics.getAndAdd64(Intrinsics.addressOf(this) + VALUE_OFFSET, delta); }

    public long getAndSet(long v) { return Intrinsics.getAndSet64(Intrinsics.addressOf(this) + VALUE_OFFSET, v); }
}
