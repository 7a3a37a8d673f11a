package lichen.rt;

import lichen.api.Syscall;
import lichen.api.Unsafe;

/**
 * Where {@code new} gets memory in programs compiled for Linux: a bump
 * pointer in chunks from mmap(2) (anonymous, private, so zero-filled). There
 * is no collector; nothing is freed. Chunks start at 1 MiB and double up to
 * 64 MiB, so big programs make few system calls; a request larger than an
 * eighth of the next chunk gets a mapping of its own, so the current chunk's
 * free tail is not thrown away. This class must not allocate objects: it is
 * what allocation calls.
 */
@Unsafe
public final class Heap {
    private Heap() {}

    private static final long SYS_MMAP = 222;
    private static final long SYS_MUNMAP = 215;
    private static final long PROT_READ_WRITE = 0x1 | 0x2;
    private static final long MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final long MIN_CHUNK = 1L << 20;
    private static final long MAX_CHUNK = 64L << 20;
    private static final long PAGE = 4096;

    private static long cursor;
    private static long limit;
    private static long nextChunk;
    private static long allocated;

    /** The address of {@code bytes} zeroed bytes, aligned to 16. */
    /**
     * What {@code new} calls: memory in the current region (lichen.api.Region), or in
     * long-lived memory when the current region is the root.
     */
    public static long allocate(long bytes) {
        return lichen.rt.lichen.api.TRegion.allocateInCurrent(bytes);
    }

    /** Memory that no region owns: the root region's, slab objects', Kmem's arrays. Never unmapped. */
    public static long allocateLongLived(long bytes) {
        if (bytes < 0 || bytes > (1L << 46)) {
            Panic.outOfMemory();
        }
        long size = (bytes + 15) & ~15L;
        allocated += size;
        if (size <= limit - cursor) {
            long address = cursor;
            cursor += size;
            return address;
        }
        if (nextChunk == 0) {
            nextChunk = MIN_CHUNK;
        }
        if (size > nextChunk / 8) {
            return map((size + PAGE - 1) & ~(PAGE - 1));
        }
        long chunk = map(nextChunk);
        cursor = chunk + size;
        limit = chunk + nextChunk;
        nextChunk = Math.min(nextChunk * 2, MAX_CHUNK);
        return chunk;
    }

    /** A fresh zeroed chunk of {@code bytes} (a multiple of the page size) for a region. */
    public static long mapChunk(long bytes) {
        return map(bytes);
    }

    /** Gives a region's chunk back. */
    public static void unmapChunk(long address, long bytes) {
        Syscall.invoke(SYS_MUNMAP, address, bytes);
    }

    private static long map(long bytes) {
        long address = Syscall.invoke(SYS_MMAP, 0, bytes, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
        if (address < 0 && address > -4096) {
            Panic.outOfMemory();
        }
        return address;
    }

    /** Bytes handed out so far (after rounding each request up to 16). */
    public static long allocatedBytes() {
        return allocated;
    }
}
