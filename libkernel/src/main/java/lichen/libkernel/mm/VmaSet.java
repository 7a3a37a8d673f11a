package lichen.libkernel.mm;

import lichen.api.Kmem;
import lichen.libkernel.Errno;

/**
 * The areas of one address space, ordered by address, with the semantics of
 * mmap(2), munmap(2) and mprotect(2): MAP_FIXED replaces what it overlaps,
 * munmap splits areas at the range's edges, mprotect needs the whole range
 * mapped (ENOMEM otherwise), and neighbours that become compatible are
 * merged. Lookups are binary searches over a sorted array.
 */
public final class VmaSet {
    /** Linux's default vm.max_map_count. */
    public static final int MAX_MAP_COUNT = 65530;
    public static final long PAGE = 4096;
    /** One past the last user address (TASK_SIZE for 48-bit VAs). */
    public static final long USER_END = 1L << 48;

    private Vma[] areas = new Vma[16];
    private int count;
    private final long mmapMin;
    private final long mmapBase;

    /** Areas that mmap without MAP_FIXED places top-down below {@code mmapBase} and above {@code mmapMin}. */
    public VmaSet(long mmapMin, long mmapBase) {
        this.mmapMin = mmapMin;
        this.mmapBase = mmapBase;
    }

    public int count() { return count; }

    public Vma get(int i) { return areas[i]; }

    /** Bytes mapped in all. */
    public long totalBytes() {
        long n = 0;
        for (int i = 0; i < count; i++) n += areas[i].length();
        return n;
    }

    // Index of the first area whose end is above addr (Linux's find_vma), or count.
    private int firstEndingAbove(long addr) {
        int lo = 0, hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (areas[mid].end <= addr) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The area containing {@code addr}, or null. */
    public Vma find(long addr) {
        int i = firstEndingAbove(addr);
        return i < count && areas[i].start <= addr ? areas[i] : null;
    }

    /** The first area ending above {@code addr} (it may start above addr too), or null: find_vma. */
    public Vma findNext(long addr) {
        int i = firstEndingAbove(addr);
        return i < count ? areas[i] : null;
    }

    /**
     * A stack that grows on demand (Linux's expand_downwards): when the first area above
     * {@code addr} is a GROWSDOWN one, it is extended down to {@code addr}'s page, unless that
     * makes it larger than {@code limit} bytes (RLIMIT_STACK), goes below the mmap minimum, or
     * comes within {@code guardGap} bytes of an accessible area below it (stack_guard_gap).
     * The grown area, or null.
     */
    public Vma growDown(long addr, long limit, long guardGap) {
        int i = firstEndingAbove(addr);
        if (i >= count) return null;
        Vma v = areas[i];
        if (v.start <= addr || (v.flags & Vma.GROWSDOWN) == 0) return null;
        long start = addr & -PAGE;
        if (start < mmapMin || v.end - start > limit) return null;
        if (i > 0) {
            Vma below = areas[i - 1];
            boolean accessible = (below.prot & (Prot.READ | Prot.WRITE | Prot.EXEC)) != 0;
            if ((below.flags & Vma.GROWSDOWN) == 0 && accessible && start - below.end < guardGap) return null;
        }
        v.start = start;
        return v;
    }

    /** True when some area overlaps [start, end). */
    public boolean intersects(long start, long end) {
        int i = firstEndingAbove(start);
        return i < count && areas[i].start < end;
    }

    private void insertAt(int i, Vma v) {
        if (count == areas.length) {
            Vma[] bigger = new Vma[areas.length * 2];
            System.arraycopy(areas, 0, bigger, 0, count);
            areas = bigger;
        }
        System.arraycopy(areas, i, areas, i + 1, count - i);
        areas[i] = v;
        count++;
    }

    private void removeAt(int i) {
        System.arraycopy(areas, i + 1, areas, i, count - i - 1);
        areas[--count] = null;
    }

    /** Adds an area that overlaps nothing: 0, -EEXIST, -EINVAL for an unaligned or empty one, -ENOMEM past the map count. */
    public int insert(Vma v) {
        if (v.start >= v.end || ((v.start | v.end) & (PAGE - 1)) != 0) return -Errno.EINVAL;
        if (intersects(v.start, v.end)) return -Errno.EEXIST;
        if (count >= MAX_MAP_COUNT) return -Errno.ENOMEM;
        insertAt(firstEndingAbove(v.start), v);
        return 0;
    }

    // Splits the area containing addr so that addr is a boundary; returns false when over the map count.
    private boolean splitAt(long addr) {
        int i = firstEndingAbove(addr);
        if (i == count || areas[i].start >= addr) return true;
        if (count >= MAX_MAP_COUNT) return false;
        Vma v = areas[i];
        Vma tail = v.copy();
        tail.start = addr;
        if (v.file != null) tail.pgoff = v.pgoff + ((addr - v.start) >>> 12);
        v.end = addr;
        insertAt(i + 1, tail);
        return true;
    }

    private static long pageLength(long len) { return (len + PAGE - 1) & -PAGE; }

    /**
     * munmap(addr, len): removes every page in the range; areas are split at
     * its edges. 0, or -EINVAL for an unaligned address, a zero length or a
     * range that wraps, -ENOMEM when splitting would pass the map count.
     */
    public int unmap(long addr, long len) {
        if ((addr & (PAGE - 1)) != 0 || len <= 0) return -Errno.EINVAL;
        if (Long.compareUnsigned(addr, USER_END) >= 0 || len > USER_END - addr) return -Errno.EINVAL;
        long end = addr + pageLength(len);
        if (!splitAt(addr) || !splitAt(end)) return -Errno.ENOMEM;
        int i = firstEndingAbove(addr);
        while (i < count && areas[i].start < end) {
            Kmem.free(areas[i]);
            removeAt(i);
        }
        return 0;
    }

    /**
     * mmap with MAP_FIXED: replaces whatever overlaps [v.start, v.end) with
     * {@code v}, then merges it with compatible neighbours (so {@code v} may
     * be freed). 0 or -errno; the set owns {@code v} either way.
     */
    public int mapFixed(Vma v) {
        int rc = v.start >= v.end || ((v.start | v.end) & (PAGE - 1)) != 0 ? -Errno.EINVAL : unmap(v.start, v.end - v.start);
        if (rc == 0) rc = insert(v);
        if (rc < 0) {
            Kmem.free(v);
            return rc;
        }
        mergeAround(v.start, v.end);
        return 0;
    }

    /**
     * mmap without MAP_FIXED: places a {@code len}-byte area at {@code hint}
     * when that range is free, else at the highest free gap below the mmap
     * base (arch_get_unmapped_area_topdown). Returns the address or -ENOMEM.
     */
    public long map(long hint, long len, int prot, int flags) {
        if (len <= 0) return -Errno.EINVAL;
        len = pageLength(len);
        long at = -1;
        hint &= -PAGE;
        if (hint >= mmapMin && hint + len > hint && hint + len <= mmapBase && !intersects(hint, hint + len)) at = hint;
        else at = findGap(len);
        if (at < 0) return at;
        Vma v = new Vma(at, at + len, prot, flags);
        int rc = mapFixed(v);
        return rc < 0 ? rc : at;
    }

    /** The highest address a free gap of {@code len} bytes starts at below the mmap base, or -ENOMEM. */
    public long findGap(long len) {
        if (len <= 0 || len > mmapBase - mmapMin) return -Errno.ENOMEM;
        long gapEnd = mmapBase;
        for (int i = count - 1; i >= -1; i--) {
            if (i >= 0 && areas[i].start >= gapEnd) continue;
            if (i >= 0 && areas[i].end > gapEnd) {
                gapEnd = areas[i].start;
                continue;
            }
            long gapStart = i >= 0 ? Math.max(areas[i].end, mmapMin) : mmapMin;
            if (gapEnd - gapStart >= len) return gapEnd - len;
            if (i < 0) break;
            gapEnd = areas[i].start;
            if (gapEnd <= mmapMin) break;
        }
        return -Errno.ENOMEM;
    }

    /**
     * mprotect(addr, len, prot): every page of the range must be mapped
     * (-ENOMEM otherwise, and nothing changes); areas are split at the edges,
     * given {@code prot}, and merged with compatible neighbours.
     */
    public int protect(long addr, long len, int prot) {
        if ((addr & (PAGE - 1)) != 0 || len < 0) return -Errno.EINVAL;
        if (len == 0) return 0;
        if (Long.compareUnsigned(addr, USER_END) >= 0 || len > USER_END - addr) return -Errno.ENOMEM;
        long end = addr + pageLength(len);
        long covered = addr;
        for (int i = firstEndingAbove(addr); i < count && covered < end; i++) {
            if (areas[i].start > covered) return -Errno.ENOMEM;
            covered = areas[i].end;
        }
        if (covered < end) return -Errno.ENOMEM;
        if (!splitAt(addr) || !splitAt(end)) return -Errno.ENOMEM;
        for (int i = firstEndingAbove(addr); i < count && areas[i].start < end; i++) areas[i].prot = prot;
        mergeAround(addr, end);
        return 0;
    }

    /**
     * Merges compatible neighbours among the areas touching [start, end],
     * including those just outside. As Linux walks a changed range upwards,
     * each changed area meets its lower neighbour as the one that moves, and
     * the last meets the area above it so too.
     */
    private void mergeAround(long start, long end) {
        int i = Math.max(0, firstEndingAbove(start) - 1);
        while (i + 1 < count && areas[i].start <= end) {
            Vma low = areas[i], high = areas[i + 1];
            boolean highChanged = high.start < end;
            boolean anonOk = highChanged ? high.anonMergeableWith(low) : low.anonMergeableWith(high);
            if (low.canMergeWith(high) && anonOk) {
                low.end = high.end;
                if (low.anon == 0) {
                    low.anon = high.anon;
                    low.anonInherited = high.anonInherited;
                }
                removeAt(i + 1);
                Kmem.free(high);
            } else {
                i++;
            }
        }
    }

    /**
     * Records that a private page is being made in {@code v} (a write fault,
     * a copy on write): the area takes an anon identity, a compatible
     * neighbour's when it has one of its own (Linux's anon_vma_prepare).
     */
    public void notePrivatePage(Vma v) {
        if (v.anon != 0) return;
        int i = firstEndingAbove(v.start);
        if (i + 1 < count && v.canReuseAnonOf(areas[i + 1])) v.anon = areas[i + 1].anon;
        else if (i > 0 && v.canReuseAnonOf(areas[i - 1])) v.anon = areas[i - 1].anon;
        else v.anon = ++lastAnon;
    }

    private static long lastAnon;

    /** A deep copy, as fork(2) gives the child (the CoW pages themselves are counted by {@link CowTracker}). */
    public VmaSet fork() {
        VmaSet c = new VmaSet(mmapMin, mmapBase);
        c.areas = new Vma[areas.length];
        for (int i = 0; i < count; i++) c.areas[i] = areas[i].forkCopy(++lastAnon);
        c.count = count;
        return c;
    }

    /** Gives back every area: the address space is going. */
    public void clear() {
        for (int i = 0; i < count; i++) {
            Kmem.free(areas[i]);
            areas[i] = null;
        }
        count = 0;
    }
}
