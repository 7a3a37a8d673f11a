package lichen.fs;

/**
 * Big-endian field access in byte arrays, for the one big-endian format here:
 * the JBD2 journal (Documentation/filesystems/ext4/journal.rst, "all fields
 * are written to disk in big-endian order"). Callers check the bounds.
 */
public final class BigEndian {
    private BigEndian() {}

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    /** A 32-bit field as a signed int (the same bits). */
    public static int i32(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    /** A 32-bit field as an unsigned value. */
    public static long u32(byte[] b, int off) {
        return i32(b, off) & 0xFFFFFFFFL;
    }

    public static void put32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
