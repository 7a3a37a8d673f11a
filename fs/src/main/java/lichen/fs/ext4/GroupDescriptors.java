package lichen.fs.ext4;

import lichen.fs.LittleEndian;

/**
 * The block group descriptor table (ext4 disk layout, "Block Group
 * Descriptors"): 32-byte descriptors, or s_desc_size with 64bit, in the
 * blocks after the superblock. Kept in memory; written back when changed.
 */
final class GroupDescriptors {
    static final int BLOCK_UNINIT = 0x2;
    static final int INODE_UNINIT = 0x1;

    final byte[] raw;
    private final Superblock sb;

    GroupDescriptors(byte[] raw, Superblock sb) {
        this.raw = raw;
        this.sb = sb;
    }

    private int at(long g) {
        return (int) (g * sb.descSize);
    }

    private long lohi(long g, int lo, int hi, boolean wide) {
        long v = LittleEndian.u32(raw, at(g) + lo);
        if (sb.descSize >= 64) v |= (wide ? LittleEndian.u32(raw, at(g) + hi) : LittleEndian.u16(raw, at(g) + hi)) << 32;
        return v;
    }

    private long lohi16(long g, int lo, int hi) {
        long v = LittleEndian.u16(raw, at(g) + lo);
        if (sb.descSize >= 64) v |= (long) LittleEndian.u16(raw, at(g) + hi) << 16;
        return v;
    }

    private void put16(long g, int lo, int hi, long v) {
        LittleEndian.put16(raw, at(g) + lo, (int) v);
        if (sb.descSize >= 64) LittleEndian.put16(raw, at(g) + hi, (int) (v >>> 16));
    }

    long blockBitmap(long g) { return lohi(g, 0x0, 0x20, true); }
    long inodeBitmap(long g) { return lohi(g, 0x4, 0x24, true); }
    long inodeTable(long g) { return lohi(g, 0x8, 0x28, true); }
    long freeBlocks(long g) { return lohi16(g, 0xC, 0x2C); }
    long freeInodes(long g) { return lohi16(g, 0xE, 0x2E); }
    long usedDirs(long g) { return lohi16(g, 0x10, 0x30); }
    int flags(long g) { return LittleEndian.u16(raw, at(g) + 0x12); }
    long itableUnused(long g) { return lohi16(g, 0x1C, 0x32); }

    void setFreeBlocks(long g, long v) { put16(g, 0xC, 0x2C, v); }
    void setFreeInodes(long g, long v) { put16(g, 0xE, 0x2E, v); }
    void setUsedDirs(long g, long v) { put16(g, 0x10, 0x30, v); }
    void setFlags(long g, int v) { LittleEndian.put16(raw, at(g) + 0x12, v); }
    void setItableUnused(long g, long v) { put16(g, 0x1C, 0x32, v); }

    void setBlockBitmapChecksum(long g, int c) {
        LittleEndian.put16(raw, at(g) + 0x18, c);
        if (sb.descSize >= 64) LittleEndian.put16(raw, at(g) + 0x38, c >>> 16);
    }

    void setInodeBitmapChecksum(long g, int c) {
        LittleEndian.put16(raw, at(g) + 0x1A, c);
        if (sb.descSize >= 64) LittleEndian.put16(raw, at(g) + 0x3A, c >>> 16);
    }

    /** bg_checksum with metadata_csum: crc32c(seed, group number, descriptor with the field zeroed), low 16 bits. */
    void updateChecksum(long g, int seed) {
        int off = at(g);
        int c = Crc32c.updateInt(seed, (int) g);
        c = Crc32c.update(c, raw, off, 0x1E);
        c = Crc32c.updateZeros(c, 2);
        if (sb.descSize > 0x20) c = Crc32c.update(c, raw, off + 0x20, sb.descSize - 0x20);
        LittleEndian.put16(raw, off + 0x1E, c & 0xFFFF);
    }
}
