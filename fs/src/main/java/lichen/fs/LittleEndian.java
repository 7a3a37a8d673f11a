package lichen.fs;

/**
 * Little-endian field access in byte arrays: every on-disk format here (ext4,
 * FAT, Linux's stat and dirent records on AArch64) is little-endian. Callers
 * check that {@code off} plus the width lies in the array.
 */
public final class LittleEndian {
    private LittleEndian() {}

    public static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    /** A 32-bit field as a signed int (the same bits). */
    public static int i32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    /** A 32-bit field as an unsigned value. */
    public static long u32(byte[] b, int off) {
        return i32(b, off) & 0xFFFFFFFFL;
    }

    public static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    public static void put8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    public static void put32(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void put64(byte[] b, int off, long v) {
        put32(b, off, v);
        put32(b, off + 4, v >>> 32);
    }

    /** True when [off, off+len) lies within an array of {@code size} bytes (no overflow). */
    public static boolean inBounds(int size, long off, long len) {
        return off >= 0 && len >= 0 && off <= size && len <= size - off;
    }
}
