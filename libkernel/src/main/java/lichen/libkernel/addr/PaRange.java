package lichen.libkernel.addr;

import lichen.api.PA;

/**
 * A half-open range of physical addresses [start, end). Empty when start == end.
 * Bounds are compared unsigned, as addresses are.
 */
public final class PaRange {
    private final long start;
    private final long end;

    private PaRange(long start, long end) { this.start = start; this.end = end; }

    /** The range [start, end); {@code end} below {@code start} is a caller's bug. */
    public static PaRange of(PA start, PA end) {
        if (Long.compareUnsigned(end.raw(), start.raw()) < 0) throw new IllegalArgumentException("range end below start: " + start.toString() + ".." + end.toString());
        return new PaRange(start.raw(), end.raw());
    }

    /** [start, start + length); a length that would wrap the address space is refused with null. */
    public static PaRange sized(PA start, long length) {
        if (length < 0 || Long.compareUnsigned(start.raw() + length, start.raw()) < 0) return null;
        return new PaRange(start.raw(), start.raw() + length);
    }

    public PA start() { return PA.of(start); }

    public PA end() { return PA.of(end); }

    public long length() { return end - start; }

    public boolean isEmpty() { return start == end; }

    public boolean contains(PA va) {
        return Long.compareUnsigned(va.raw(), start) >= 0 && Long.compareUnsigned(va.raw(), end) < 0;
    }

    public boolean containsRange(PaRange other) {
        return Long.compareUnsigned(other.start, start) >= 0 && Long.compareUnsigned(other.end, end) <= 0;
    }

    public boolean overlaps(PaRange other) {
        return Long.compareUnsigned(start, other.end) < 0 && Long.compareUnsigned(other.start, end) < 0;
    }

    /** The common part, empty (at the later start) when they do not overlap. */
    public PaRange intersect(PaRange other) {
        long s = Long.compareUnsigned(start, other.start) >= 0 ? start : other.start;
        long e = Long.compareUnsigned(end, other.end) <= 0 ? end : other.end;
        if (Long.compareUnsigned(e, s) < 0) e = s;
        return new PaRange(s, e);
    }

    /** The smallest page-aligned range that covers this one. */
    public PaRange pageAligned() {
        return new PaRange(start & -PA.PAGE_SIZE, (end + PA.PAGE_SIZE - 1) & -PA.PAGE_SIZE);
    }

    public boolean isPageAligned() { return ((start | end) & (PA.PAGE_SIZE - 1)) == 0; }

    /** Pages the range touches, counting partial ones. */
    public long pageCount() {
        if (isEmpty()) return 0;
        return ((end - 1) >>> PA.PAGE_SHIFT) - (start >>> PA.PAGE_SHIFT) + 1;
    }

    @Override
    public boolean equals(Object o) { return o instanceof PaRange r && r.start == start && r.end == end; }

    @Override
    public int hashCode() { return (int) (start ^ (start >>> 32)) * 31 + (int) (end ^ (end >>> 32)); }

    @Override
    public String toString() { return "[0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")"; }
}
