package lichen.libkernel.mm;

import java.util.Arrays;
import lichen.libkernel.Errno;

/**
 * The binary buddy allocator over a range of page frames (Knuth, TAOCP vol. 1,
 * 2.5; Linux mm/page_alloc.c): blocks of 2^order pages, order 0..{@link
 * #MAX_ORDER}, aligned to their size in physical address space. Allocation
 * splits the smallest block that fits; freeing merges a block with its buddy
 * (the block at pfn XOR 2^order) while the buddy is free and of equal order.
 *
 * <p>Metadata lives in arrays indexed by frame: the order of a free block's
 * head (or -1), the order of an allocated block's head (or -1), and the links
 * of the per-order free lists. Frames never given to it by {@link
 * #addFreeRange} are neither free nor allocated and never merge.
 */
public final class BuddyAllocator implements FrameAllocator {
    public static final int MAX_ORDER = 10;
    private static final int PAGE_SHIFT = 12;
    private static final int NONE = -1;

    private final long basePfn;
    private final int frames;
    private final byte[] freeOrder;
    private final byte[] allocOrder;
    private final int[] next;
    private final int[] prev;
    private final int[] heads = new int[MAX_ORDER + 1];
    private final int[] counts = new int[MAX_ORDER + 1];
    private long freePages;
    private long managedPages;

    /** Manages frames [basePa, basePa + pages * 4096); none is free until {@link #addFreeRange}. */
    public BuddyAllocator(long basePa, int pages) {
        if ((basePa & 4095) != 0 || pages <= 0) throw new IllegalArgumentException("buddy range must be page-aligned and non-empty");
        this.basePfn = basePa >>> PAGE_SHIFT;
        this.frames = pages;
        this.freeOrder = new byte[pages];
        this.allocOrder = new byte[pages];
        this.next = new int[pages];
        this.prev = new int[pages];
        Arrays.fill(freeOrder, (byte) NONE);
        Arrays.fill(allocOrder, (byte) NONE);
        Arrays.fill(heads, NONE);
    }

    public long basePa() { return basePfn << PAGE_SHIFT; }

    public int frameCount() { return frames; }

    /** Pages free now. */
    public long freePageCount() { return freePages; }

    /** Pages ever handed to the allocator. */
    public long managedPageCount() { return managedPages; }

    /** Free blocks of exactly this order. */
    public int freeBlockCount(int order) { return counts[order]; }

    /** The physical addresses of the free blocks of an order, list order. */
    public long[] freeBlocks(int order) {
        long[] out = new long[counts[order]];
        int i = 0;
        for (int f = heads[order]; f != NONE; f = next[f]) out[i++] = (basePfn + f) << PAGE_SHIFT;
        return out;
    }

    /** True when {@code pa} is the head of a free block of {@code order}. */
    public boolean isFreeBlock(long pa, int order) {
        int f = frameIndex(pa);
        return f >= 0 && freeOrder[f] == order;
    }

    /** The order of the allocated block starting at {@code pa}, or -1. */
    public int allocatedOrder(long pa) {
        int f = frameIndex(pa);
        return f < 0 ? NONE : allocOrder[f];
    }

    private int frameIndex(long pa) {
        if ((pa & 4095) != 0) return NONE;
        long f = (pa >>> PAGE_SHIFT) - basePfn;
        return f < 0 || f >= frames ? NONE : (int) f;
    }

    private void push(int f, int order) {
        freeOrder[f] = (byte) order;
        prev[f] = NONE;
        next[f] = heads[order];
        if (heads[order] != NONE) prev[heads[order]] = f;
        heads[order] = f;
        counts[order]++;
    }

    private void unlink(int f, int order) {
        if (prev[f] == NONE) heads[order] = next[f]; else next[prev[f]] = next[f];
        if (next[f] != NONE) prev[next[f]] = prev[f];
        freeOrder[f] = (byte) NONE;
        counts[order]--;
    }

    /**
     * Gives the page-aligned frames in [startPa, endPa) to the allocator as
     * free, in the largest aligned blocks, merging with free neighbours.
     * Returns the pages added, or -EINVAL for a range outside the managed one
     * or overlapping frames already given.
     */
    public long addFreeRange(long startPa, long endPa) {
        long s = (startPa + 4095) >>> PAGE_SHIFT;
        long e = endPa >>> PAGE_SHIFT;
        if (e <= s) return 0;
        if (s < basePfn || e > basePfn + frames) return -Errno.EINVAL;
        // A block overlapping the range has its head inside it or covers its first frame (blocks are
        // contiguous), so one covered() test and a look at each frame's own marks find every overlap.
        if (covered((int) (s - basePfn))) return -Errno.EINVAL;
        for (long p = s; p < e; p++) {
            int f = (int) (p - basePfn);
            if (freeOrder[f] != NONE || allocOrder[f] != NONE) return -Errno.EINVAL;
        }
        long p = s;
        while (p < e) {
            int order = Math.min(MAX_ORDER, Long.numberOfTrailingZeros(p));
            while (p + (1L << order) > e) order--;
            int f = (int) (p - basePfn);
            allocOrder[f] = (byte) order;
            managedPages += 1L << order;
            freePages(p << PAGE_SHIFT, order);
            p += 1L << order;
        }
        return e - s;
    }

    // A frame inside a larger free or allocated block has no head mark of its own; find the head.
    private boolean covered(int f) {
        for (int order = 1; order <= MAX_ORDER; order++) {
            long head = ((basePfn + f) & -(1L << order)) - basePfn;
            if (head < 0) return false;
            if (freeOrder[(int) head] >= order || allocOrder[(int) head] >= order) return true;
        }
        return false;
    }

    @Override
    public long allocPages(int order) {
        if (order < 0 || order > MAX_ORDER) return -Errno.EINVAL;
        int o = order;
        while (o <= MAX_ORDER && heads[o] == NONE) o++;
        if (o > MAX_ORDER) return -Errno.ENOMEM;
        int f = heads[o];
        unlink(f, o);
        while (o > order) {
            o--;
            push(f + (1 << o), o);
        }
        allocOrder[f] = (byte) order;
        freePages -= 1L << order;
        return (basePfn + f) << PAGE_SHIFT;
    }

    @Override
    public int freePages(long pa, int order) {
        int f = frameIndex(pa);
        if (f < 0 || order < 0 || order > MAX_ORDER || allocOrder[f] != order) return -Errno.EINVAL;
        allocOrder[f] = (byte) NONE;
        freePages += 1L << order;
        long pfn = basePfn + f;
        int o = order;
        while (o < MAX_ORDER) {
            long buddy = pfn ^ (1L << o);
            long bi = buddy - basePfn;
            if (bi < 0 || bi >= frames || freeOrder[(int) bi] != o) break;
            unlink((int) bi, o);
            pfn = Math.min(pfn, buddy);
            o++;
        }
        push((int) (pfn - basePfn), o);
        return 0;
    }

    /** The largest order with a free block, or -1 when nothing is free (fragmentation). */
    public int largestFreeOrder() {
        for (int o = MAX_ORDER; o >= 0; o--) if (heads[o] != NONE) return o;
        return NONE;
    }
}
