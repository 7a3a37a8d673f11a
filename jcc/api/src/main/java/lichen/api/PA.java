package lichen.api;

/**
 * A physical address (output address of a translation, up to 48 bits with
 * 4 KiB pages: ARM ARM D8.3). A word type: made by {@link #of}, never by
 * {@code new}. Only {@link Mem} dereferences it, and only in {@link Unsafe}
 * classes.
 */
@Word
public final class PA {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    /** Output-address bits a 4 KiB-granule descriptor can hold without FEAT_LPA. */
    public static final int PA_BITS = 48;

    private final long value;

    private PA(long value) { this.value = value; }

    public static PA of(long value) { return new PA(value); }

    /** The first byte of page frame {@code pfn}. */
    public static PA ofPage(long pfn) { return new PA(pfn << PAGE_SHIFT); }

    public long raw() { return value; }

    public PA add(long bytes) { return new PA(value + bytes); }

    public PA sub(long bytes) { return new PA(value - bytes); }

    public long minus(PA other) { return value - other.value; }

    public PA alignDown(long align) { return new PA(value & -align); }

    public PA alignUp(long align) { return new PA((value + align - 1) & -align); }

    public boolean isAligned(long align) { return (value & (align - 1)) == 0; }

    public boolean isPageAligned() { return isAligned(PAGE_SIZE); }

    public PA pageDown() { return alignDown(PAGE_SIZE); }

    public PA pageUp() { return alignUp(PAGE_SIZE); }

    /** The page frame number. */
    public long pageNumber() { return value >>> PAGE_SHIFT; }

    public long pageOffset() { return value & (PAGE_SIZE - 1); }

    /** Fits the 48-bit output address of a descriptor. */
    public boolean isValid() { return (value >>> PA_BITS) == 0; }

    public int compareTo(PA other) { return Long.compareUnsigned(value, other.value); }

    public boolean lessThan(PA other) { return compareTo(other) < 0; }

    public boolean lessOrEqual(PA other) { return compareTo(other) <= 0; }

    public boolean greaterThan(PA other) { return compareTo(other) > 0; }

    public boolean greaterOrEqual(PA other) { return compareTo(other) >= 0; }

    public boolean sameAs(PA other) { return value == other.value; }

    @Override
    public boolean equals(Object o) { return o instanceof PA p && p.value == value; }

    @Override
    public int hashCode() { return (int) (value ^ (value >>> 32)); }

    @Override
    public String toString() { return "PA(0x" + Long.toHexString(value) + ")"; }
}
