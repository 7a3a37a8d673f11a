package lichen.rt.lichen.api;

import lichen.api.Unsafe;
import lichen.rt.Heap;
import lichen.rt.Intrinsics;

/**
 * lichen.api.Region in compiled code: a bump arena over chunks of fresh
 * memory, freed as a whole. The root region (current == null) is the
 * long-lived heap and is never freed. The region objects themselves and
 * their scopes live in the root region, so freeing a region never frees the
 * object that describes it.
 */
@Unsafe
public final class TRegion {
    private static final long CHUNK = 64 * 1024;
    private static final long PAGE = 4096;
    /** Each chunk starts with [previous chunk, chunk size]. */
    private static final long CHUNK_HEADER = 16;

    private static TRegion current;
    private static TRegion root;

    private final String name;
    private long cursor;
    private long limit;
    private long chunks;
    private boolean freed;

    private TRegion(String name) { this.name = name; }

    public static TRegion create(String name) {
        TRegion saved = current;
        current = null;
        TRegion r = new TRegion(name);
        current = saved;
        return r;
    }

    public static TRegion current() {
        return current != null ? current : rootRegion();
    }

    /** The region of long-lived memory. */
    public static TRegion rootRegion() {
        if (root == null) root = create("root");
        return root;
    }

    public static Scope use(TRegion r) {
        if (r.freed) throw new IllegalStateException("region " + r.name + " used after free");
        TRegion saved = current;
        current = null;
        Scope s = new Scope(saved);
        current = r == root ? null : r;
        return s;
    }

    public void free() {
        if (this == root) throw new IllegalStateException("the root region is never freed");
        if (freed) throw new IllegalStateException("region " + name + " freed twice");
        if (this == current) throw new IllegalStateException("region " + name + " freed while current");
        freed = true;
        long c = chunks;
        while (c != 0) {
            long previous = Intrinsics.load64(c);
            Heap.unmapChunk(c, Intrinsics.load64(c + 8));
            c = previous;
        }
        chunks = 0;
        cursor = 0;
        limit = 0;
    }

    public boolean isFreed() { return freed; }

    public String name() { return name; }

    /** Heap.allocate's answer: the current region's memory, or long-lived memory in the root region. */
    public static long allocateInCurrent(long bytes) {
        TRegion r = current;
        if (r == null) return Heap.allocateLongLived(bytes);
        long size = (bytes + 15) & ~15L;
        if (size > r.limit - r.cursor) r.grow(size);
        long at = r.cursor;
        r.cursor += size;
        return at;
    }

    private void grow(long size) {
        long bytes = Math.max(CHUNK, (size + CHUNK_HEADER + PAGE - 1) & ~(PAGE - 1));
        long chunk = Heap.mapChunk(bytes);
        Intrinsics.store64(chunk, chunks);
        Intrinsics.store64(chunk + 8, bytes);
        chunks = chunk;
        cursor = chunk + CHUNK_HEADER;
        limit = chunk + bytes;
    }

    /** Restores the previous current region when closed. */
    public static final class Scope implements AutoCloseable {
        private final TRegion previous;

        private Scope(TRegion previous) { this.previous = previous; }

        @Override
        public void close() { current = previous; }
    }
}
