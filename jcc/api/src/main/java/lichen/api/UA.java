package lichen.api;

/**
 * A user-space address, as a system call receives it. A word type that kernel
 * code can compute with but never dereference: {@link Mem} takes no UA, and
 * the only way to its bytes is the fault-handling user-copy functions, so a
 * bad pointer is EFAULT, never a kernel crash (moss's UA rule).
 */
@Word
public final class UA {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    /** One past the highest user address: TTBR0 covers [0, 2^48). */
    public static final long USER_END = 1L << 48;

    private final long value;

    private UA(long value) { this.value = value; }

    public static UA of(long value) { return new UA(value); }

    public static UA nil() { return new UA(0); }

    public long raw() { return value; }

    public boolean isNull() { return value == 0; }

    public UA add(long bytes) { return new UA(value + bytes); }

    public UA sub(long bytes) { return new UA(value - bytes); }

    public long minus(UA other) { return value - other.value; }

    public UA alignDown(long align) { return new UA(value & -align); }

    public UA alignUp(long align) { return new UA((value + align - 1) & -align); }

    public boolean isAligned(long align) { return (value & (align - 1)) == 0; }

    public boolean isPageAligned() { return isAligned(PAGE_SIZE); }

    public UA pageDown() { return alignDown(PAGE_SIZE); }

    public UA pageUp() { return alignUp(PAGE_SIZE); }

    public long pageNumber() { return value >>> PAGE_SHIFT; }

    public long pageOffset() { return value & (PAGE_SIZE - 1); }

    /**
     * True when [this, this + length) lies wholly in user space without
     * wrapping: Linux's access_ok() before any user copy.
     */
    public boolean rangeOk(long length) {
        if (length < 0) return false;
        return Long.compareUnsigned(value, USER_END) <= 0 && Long.compareUnsigned(length, USER_END - value) <= 0;
    }

    /** The user address as the MMU sees it, for page-table walks (not for dereferencing). */
    public VA toVA() { return VA.of(value); }

    public int compareTo(UA other) { return Long.compareUnsigned(value, other.value); }

    public boolean lessThan(UA other) { return compareTo(other) < 0; }

    public boolean lessOrEqual(UA other) { return compareTo(other) <= 0; }

    public boolean greaterThan(UA other) { return compareTo(other) > 0; }

    public boolean greaterOrEqual(UA other) { return compareTo(other) >= 0; }

    public boolean sameAs(UA other) { return value == other.value; }

    @Override
    public boolean equals(Object o) { return o instanceof UA u && u.value == value; }

    @Override
    public int hashCode() { return (int) (value ^ (value >>> 32)); }

    @Override
    public String toString() { return "UA(0x" + Long.toHexString(value) + ")"; }
}
