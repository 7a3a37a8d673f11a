package lichen.libkernel.mm;

import lichen.libkernel.Errno;

/**
 * A sorted list of disjoint physical ranges [base, end) in fixed arrays;
 * adding a range that touches or overlaps others merges them, as memblock's
 * regions do.
 */
public final class RegionList {
    private final long[] bases;
    private final long[] ends;
    private int count;

    public RegionList(int capacity) {
        bases = new long[capacity];
        ends = new long[capacity];
    }

    public int count() { return count; }

    public long base(int i) { return bases[i]; }

    public long end(int i) { return ends[i]; }

    public long size(int i) { return ends[i] - bases[i]; }

    public long totalSize() {
        long n = 0;
        for (int i = 0; i < count; i++) n += ends[i] - bases[i];
        return n;
    }

    /** True when [base, base + size) lies wholly in one region. */
    public boolean covers(long base, long size) {
        for (int i = 0; i < count; i++) if (base >= bases[i] && base + size <= ends[i]) return true;
        return false;
    }

    /** True when any byte of [base, base + size) is in a region. */
    public boolean intersects(long base, long size) {
        for (int i = 0; i < count; i++) if (base < ends[i] && base + size > bases[i]) return true;
        return false;
    }

    /** Adds [base, base + size); 0, -EINVAL for a negative or wrapping range, -ENOSPC when full. */
    public int add(long base, long size) {
        if (size < 0 || base < 0 || base + size < base) return -Errno.EINVAL;
        if (size == 0) return 0;
        long end = base + size;
        int i = 0;
        while (i < count && ends[i] < base) i++;
        int j = i;
        while (j < count && bases[j] <= end) {
            base = Math.min(base, bases[j]);
            end = Math.max(end, ends[j]);
            j++;
        }
        int removed = j - i;
        if (removed == 0 && count == bases.length) return -Errno.ENOSPC;
        int delta = 1 - removed;
        System.arraycopy(bases, j, bases, j + delta, count - j);
        System.arraycopy(ends, j, ends, j + delta, count - j);
        bases[i] = base;
        ends[i] = end;
        count += delta;
        return 0;
    }
}
