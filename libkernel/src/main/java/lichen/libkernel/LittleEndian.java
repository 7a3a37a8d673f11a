package lichen.libkernel;

/**
 * Little-endian reads and writes in a byte array: the byte order of every
 * structure AArch64 Linux shares with user space (struct stat, timespec,
 * rlimit) and of ELFDATA2LSB files. Callers check bounds first.
 */
public final class LittleEndian {
    private LittleEndian() {}

    public static int u16(byte[] b, int off) { return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8; }

    public static int u32(byte[] b, int off) { return u16(b, off) | u16(b, off + 2) << 16; }

    public static long u64(byte[] b, int off) { return (u32(b, off) & 0xffffffffL) | (long) u32(b, off + 4) << 32; }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    public static void put32(byte[] b, int off, int v) {
        put16(b, off, v);
        put16(b, off + 2, v >>> 16);
    }

    public static void put64(byte[] b, int off, long v) {
        put32(b, off, (int) v);
        put32(b, off + 4, (int) (v >>> 32));
    }
}
