package lichen.libkernel.elf;

/** Little-endian reads from a byte array (ELFDATA2LSB); callers check bounds first. */
final class LittleEndian {
    private LittleEndian() {}

    static int u16(byte[] b, int off) { return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8; }

    static int u32(byte[] b, int off) { return u16(b, off) | u16(b, off + 2) << 16; }

    static long u64(byte[] b, int off) { return (u32(b, off) & 0xffffffffL) | (long) u32(b, off + 4) << 32; }
}
