package lichen.libkernel.fdt;

/** Big-endian reads from a byte array; callers check bounds first. */
final class BigEndian {
    private BigEndian() {}

    static int u32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    static long u64(byte[] b, int off) { return (long) u32(b, off) << 32 | (u32(b, off + 4) & 0xffffffffL); }

    /** Characters [off, off + len) as a String, one char per byte (device-tree names and strings are ASCII). */
    static String ascii(byte[] b, int off, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) c[i] = (char) (b[off + i] & 0xff);
        return new String(c);
    }

    /** Index of the first NUL in [off, limit), or -1. */
    static int nul(byte[] b, int off, int limit) {
        for (int i = off; i < limit; i++) if (b[i] == 0) return i;
        return -1;
    }
}
