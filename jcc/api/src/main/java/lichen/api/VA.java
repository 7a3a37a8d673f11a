package lichen.api;

/**
 * A kernel or user virtual address as the MMU sees it (AArch64, 48-bit VA,
 * 4 KiB granule: ARM ARM D8.1). A word type: made by {@link #of}, never by
 * {@code new}; every operation returns a new word. Comparisons are unsigned,
 * because kernel addresses (TTBR1, top 16 bits set) sort above user ones.
 */
@Word
public final class VA {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    /** Bits of virtual address that translation uses (TCR_ELx.TxSZ = 16). */
    public static final int VA_BITS = 48;

    private final long value;

    private VA(long value) { this.value = value; }

    public static VA of(long value) { return new VA(value); }

    public static VA zero() { return new VA(0); }

    public long raw() { return value; }

    public VA add(long bytes) { return new VA(value + bytes); }

    public VA sub(long bytes) { return new VA(value - bytes); }

    /** Bytes from {@code other} up to this address. */
    public long minus(VA other) { return value - other.value; }

    /** Rounds down to a power-of-two {@code align}. */
    public VA alignDown(long align) { return new VA(value & -align); }

    /** Rounds up to a power-of-two {@code align} (wraps at the top of the space, as C's would). */
    public VA alignUp(long align) { return new VA((value + align - 1) & -align); }

    public boolean isAligned(long align) { return (value & (align - 1)) == 0; }

    public boolean isPageAligned() { return isAligned(PAGE_SIZE); }

    public VA pageDown() { return alignDown(PAGE_SIZE); }

    public VA pageUp() { return alignUp(PAGE_SIZE); }

    public long pageNumber() { return value >>> PAGE_SHIFT; }

    public long pageOffset() { return value & (PAGE_SIZE - 1); }

    /**
     * The 9-bit table index that translation level {@code level} (0..3) takes
     * from this address: bits [47:39], [38:30], [29:21], [20:12] (ARM ARM D8.2.7).
     */
    public int tableIndex(int level) { return (int) ((value >>> (39 - 9 * level)) & 511); }

    /** Canonical for TTBR0 (user half): bits [63:48] all zero. */
    public boolean isLowHalf() { return (value >>> VA_BITS) == 0; }

    /** Canonical for TTBR1 (kernel half): bits [63:48] all one. */
    public boolean isHighHalf() { return (value >> VA_BITS) == -1L; }

    public boolean isCanonical() { return isLowHalf() || isHighHalf(); }

    public int compareTo(VA other) { return Long.compareUnsigned(value, other.value); }

    public boolean lessThan(VA other) { return compareTo(other) < 0; }

    public boolean lessOrEqual(VA other) { return compareTo(other) <= 0; }

    public boolean greaterThan(VA other) { return compareTo(other) > 0; }

    public boolean greaterOrEqual(VA other) { return compareTo(other) >= 0; }

    public boolean sameAs(VA other) { return value == other.value; }

    @Override
    public boolean equals(Object o) { return o instanceof VA v && v.value == value; }

    @Override
    public int hashCode() { return (int) (value ^ (value >>> 32)); }

    @Override
    public String toString() { return "VA(0x" + Long.toHexString(value) + ")"; }
}
