package lichen.libkernel.mm;

import lichen.api.Mem;
import lichen.api.Unsafe;

/**
 * The TLB maintenance of one {@link PageTable} operation (Linux's mmu_gather):
 * a range of at most {@link #MAX_TLBI_PAGES} pages is invalidated page by
 * page as each descriptor changes, a larger one by one {@link
 * TlbMaintenance#invalidateAll} when the operation ends, which under TCG and
 * on hardware alike costs less than thousands of broadcast TLBIs (Linux's
 * arm64 __flush_tlb_range makes the same choice).
 *
 * <p>While a flush is deferred, whatever a stale entry could still reach
 * waits for it (ARM ARM D8.13, "TLB maintenance"): table pages taken out of
 * the tree, which walk caches may point into, are chained through their first
 * word (a table address, so an invalid descriptor to a walker that still
 * reads it) and frames for {@link ReleasedFrames} are queued in a page taken
 * from the allocator; when that page fills, the flush comes early. Without a
 * page for the queue the operation falls back to page by page.
 */
@Unsafe
final class TlbGather {
    /** Linux's MAX_TLBI_OPS for 4 KiB pages (PTRS_PER_PTE): above it a range is flushed whole. */
    static final long MAX_TLBI_PAGES = 512;
    private static final int QUEUE_ENTRIES = 512;

    private final FrameAllocator frames;
    private final TlbMaintenance tlb;
    private boolean deferred;
    private ReleasedFrames released;
    /** The queue page for frames waiting for the flush (0: none), and how many it holds. */
    private long queue;
    private int queued;
    /** The last table page waiting for the flush, which links to the one before (0: none). */
    private long tables;
    /** Whether a descriptor changed since the last flush. */
    private boolean changed;

    TlbGather(FrameAllocator frames, TlbMaintenance tlb) {
        this.frames = frames;
        this.tlb = tlb;
    }

    /** Starts an operation on {@code bytes} of address space; {@code released} (or null) takes the frames it unmaps. */
    void begin(long bytes, ReleasedFrames released) {
        this.released = released;
        deferred = (bytes >>> 12) > MAX_TLBI_PAGES;
        if (deferred && released != null) {
            queue = frames.allocPages(0);
            if (queue < 0) {
                queue = 0;
                deferred = false;
            }
        }
    }

    /**
     * The leaf at {@code va} was cleared or given new permissions; {@code pa}
     * and {@code size} are what it mapped, handed to the operation's {@link
     * ReleasedFrames} when {@code unmapped}.
     */
    void leafChanged(long va, long pa, long size, boolean unmapped) {
        if (!deferred) {
            tlb.invalidate(va);
            if (unmapped && released != null) for (long off = 0; off < size; off += 4096) released.release(pa + off);
            return;
        }
        changed = true;
        if (!unmapped || released == null) return;
        for (long off = 0; off < size; off += 4096) {
            if (queued == QUEUE_ENTRIES) flush();
            Mem.store64(queue + 8L * queued++, pa + off);
        }
    }

    /** The table page {@code table}, which mapped {@code va}, was taken out of the tree: it is freed once no walk cache holds it. */
    void tableRemoved(long va, long table) {
        if (!deferred) {
            tlb.invalidate(va);
            frames.freePages(table, 0);
            return;
        }
        changed = true;
        Mem.store64(table, tables);
        tables = table;
    }

    /** Ends the operation: the deferred flush, then what waited for it. */
    void end() {
        if (deferred) flush();
        if (queue != 0) frames.freePages(queue, 0);
        queue = 0;
        released = null;
        deferred = false;
    }

    private void flush() {
        if (changed) tlb.invalidateAll();
        changed = false;
        for (int i = 0; i < queued; i++) released.release(Mem.load64(queue + 8L * i));
        queued = 0;
        while (tables != 0) {
            long t = tables;
            tables = Mem.load64(t);
            frames.freePages(t, 0);
        }
    }
}
