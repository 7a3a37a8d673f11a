package lichen.rt.lichen.api;

import lichen.api.PA;
import lichen.api.Unsafe;
import lichen.rt.Intrinsics;

/**
 * lichen.api.Mem in compiled code: the loads and stores that act on the
 * simulated physical memory on the JVM act on memory itself, through the
 * kernel's linear map once it has one ({@link #useLinearMap}). Byte, halfword
 * and word loads are zero-extended, as Mem's JVM version returns them.
 */
@Unsafe
public final class TMem {
    private TMem() {}

    /** Added to every physical address: 0 while physical memory is reached as it is. */
    private static long linearBase;

    public static void useLinearMap(long base) { linearBase = base; }

    private static long at(long pa) { return linearBase + pa; }

    public static int load8(long pa) { return Intrinsics.load8(at(pa)) & 0xFF; }
    public static int load16(long pa) { return Intrinsics.load16(at(pa)); }
    public static int load32(long pa) { return Intrinsics.load32(at(pa)); }
    public static long load64(long pa) { return Intrinsics.load64(at(pa)); }

    public static void store8(long pa, int v) { Intrinsics.store8(at(pa), (byte) v); }
    public static void store16(long pa, int v) { Intrinsics.store16(at(pa), v); }
    public static void store32(long pa, int v) { Intrinsics.store32(at(pa), v); }
    public static void store64(long pa, long v) { Intrinsics.store64(at(pa), v); }

    public static int load8(PA pa) { return load8(pa.raw()); }
    public static int load16(PA pa) { return load16(pa.raw()); }
    public static int load32(PA pa) { return load32(pa.raw()); }
    public static long load64(PA pa) { return load64(pa.raw()); }

    public static void store8(PA pa, int v) { store8(pa.raw(), v); }
    public static void store16(PA pa, int v) { store16(pa.raw(), v); }
    public static void store32(PA pa, int v) { store32(pa.raw(), v); }
    public static void store64(PA pa, long v) { store64(pa.raw(), v); }

    public static void barrier() { Intrinsics.memoryBarrier(); }

    public static void copy(PA dst, PA src, long len) { Intrinsics.copyMemory(at(dst.raw()), at(src.raw()), len); }

    public static void zero(PA dst, long len) { zero(dst.raw(), len); }

    public static void zero(long dst, long len) { Intrinsics.zeroMemory(at(dst), len); }

    public static void fill(PA dst, int value, long len) { Intrinsics.fillMemory(at(dst.raw()), value, len); }

    public static void copyToArray(PA src, byte[] dst, int off, int len) {
        if (off < 0 || len < 0 || off > dst.length - len) throw new IndexOutOfBoundsException("copyToArray " + off + "+" + len);
        Intrinsics.copyMemory(Intrinsics.arrayData(dst) + off, at(src.raw()), len);
    }

    public static void copyFromArray(byte[] src, int off, PA dst, int len) {
        if (off < 0 || len < 0 || off > src.length - len) throw new IndexOutOfBoundsException("copyFromArray " + off + "+" + len);
        Intrinsics.copyMemory(at(dst.raw()), Intrinsics.arrayData(src) + off, len);
    }

    public static void copyToArray(long src, byte[] dst, int off, int len) {
        if (off < 0 || len < 0 || off > dst.length - len) throw new IndexOutOfBoundsException("copyToArray " + off + "+" + len);
        Intrinsics.copyMemory(Intrinsics.arrayData(dst) + off, at(src), len);
    }

    public static void copyFromArray(byte[] src, int off, long dst, int len) {
        if (off < 0 || len < 0 || off > src.length - len) throw new IndexOutOfBoundsException("copyFromArray " + off + "+" + len);
        Intrinsics.copyMemory(at(dst), Intrinsics.arrayData(src) + off, len);
    }

    public static void copy(long dst, long src, long len) { Intrinsics.copyMemory(at(dst), at(src), len); }
}
