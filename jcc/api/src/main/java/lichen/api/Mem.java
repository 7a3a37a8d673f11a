package lichen.api;

/**
 * Raw physical-memory intrinsics: loads, stores, copies and fills at a
 * {@link PA} (or a raw physical address). Allowed only in {@link Unsafe}
 * classes, so the code that touches memory directly is a short list.
 *
 * <p>Compiled by jcc for the kernel target, each call becomes one load or
 * store through the kernel's linear map of physical memory (and the copies a
 * memmove/memset). On the JVM they act on the installed
 * {@link SimulatedMemory}, so page-table and allocator code is tested as it
 * will run. Little-endian; 8- and 16-bit loads zero-extend.
 */
public final class Mem {
    private Mem() {}

    /**
     * Where physical memory is mapped from now on: physical address {@code pa} is reached at
     * {@code linearBase + pa}. The kernel calls it once, when its own tables (with the direct
     * map and no identity map) take over; until then physical addresses are used as they are.
     * Only compiled code has a linear map: on the JVM, memory is simulated and this is refused.
     */
    public static void useLinearMap(long linearBase) {
        throw new UnsupportedOperationException("Mem.useLinearMap: only compiled kernel code has a linear map");
    }

    public static int load8(long pa) { return SimulatedMemory.current().load8(pa); }
    public static int load16(long pa) { return SimulatedMemory.current().load16(pa); }
    public static int load32(long pa) { return SimulatedMemory.current().load32(pa); }
    public static long load64(long pa) { return SimulatedMemory.current().load64(pa); }

    public static void store8(long pa, int v) { SimulatedMemory.current().store8(pa, v); }
    public static void store16(long pa, int v) { SimulatedMemory.current().store16(pa, v); }
    public static void store32(long pa, int v) { SimulatedMemory.current().store32(pa, v); }
    public static void store64(long pa, long v) { SimulatedMemory.current().store64(pa, v); }

    public static int load8(PA pa) { return load8(pa.raw()); }
    public static int load16(PA pa) { return load16(pa.raw()); }
    public static int load32(PA pa) { return load32(pa.raw()); }
    public static long load64(PA pa) { return load64(pa.raw()); }

    public static void store8(PA pa, int v) { store8(pa.raw(), v); }
    public static void store16(PA pa, int v) { store16(pa.raw(), v); }
    public static void store32(PA pa, int v) { store32(pa.raw(), v); }
    public static void store64(PA pa, long v) { store64(pa.raw(), v); }

    /**
     * DMB ISH: every load and store before it is observed before any after it, by other CPUs
     * and by coherent devices (ARM DDI 0487, "Data Memory Barrier"); the ordering a virtqueue
     * needs between its buffers, its ring entries and its index (virtio v1.2 2.7.13). The
     * compiler moves no memory access across it either. On the JVM, where simulated memory
     * has one thread, a full fence.
     */
    public static void barrier() { java.lang.invoke.VarHandle.fullFence(); }

    /** memmove: copies {@code len} bytes from {@code src} to {@code dst}; the ranges may overlap. */
    public static void copy(PA dst, PA src, long len) { SimulatedMemory.current().copy(dst.raw(), src.raw(), len); }

    /** memset to zero. */
    public static void zero(PA dst, long len) { zero(dst.raw(), len); }

    /** memset to zero at a raw physical address (allocates nothing, as the raw loads and stores). */
    public static void zero(long dst, long len) { SimulatedMemory.current().fill(dst, 0, len); }

    /** memset. */
    public static void fill(PA dst, int value, long len) { SimulatedMemory.current().fill(dst.raw(), value, len); }

    /** Copies {@code len} bytes of physical memory at {@code src} into a Java array. */
    public static void copyToArray(PA src, byte[] dst, int off, int len) {
        if (off < 0 || len < 0 || off > dst.length - len) throw new IndexOutOfBoundsException("copyToArray " + off + "+" + len);
        SimulatedMemory.current().readInto(src.raw(), dst, off, len);
    }

    /** Copies {@code len} bytes of a Java array into physical memory at {@code dst}. */
    public static void copyFromArray(byte[] src, int off, PA dst, int len) {
        if (off < 0 || len < 0 || off > src.length - len) throw new IndexOutOfBoundsException("copyFromArray " + off + "+" + len);
        SimulatedMemory.current().writeFrom(dst.raw(), src, off, len);
    }

    /** {@link #copyToArray(PA, byte[], int, int)} from a raw physical address (no word object on the way). */
    public static void copyToArray(long src, byte[] dst, int off, int len) { copyToArray(PA.of(src), dst, off, len); }

    /** {@link #copyFromArray(byte[], int, PA, int)} to a raw physical address. */
    public static void copyFromArray(byte[] src, int off, long dst, int len) { copyFromArray(src, off, PA.of(dst), len); }

    /** {@link #copy(PA, PA, long)} between raw physical addresses. */
    public static void copy(long dst, long src, long len) { SimulatedMemory.current().copy(dst, src, len); }
}
