package lichen.fs.ext4;

import lichen.fs.Errno;
import lichen.fs.LittleEndian;

/**
 * The ext2/3/4 superblock: 1024 bytes at byte 1024 of the device (ext4 disk
 * layout, "The Super Block"). {@link #parse} validates every field that later
 * code uses as a size, count or divisor.
 */
final class Superblock {
    static final int OFFSET = 1024;
    static final int SIZE = 1024;
    static final int MAGIC = 0xEF53;
    /** s_flags: which char signedness the directory hashes were made with. */
    static final int FLAGS_SIGNED_HASH = 0x1;
    static final int FLAGS_UNSIGNED_HASH = 0x2;

    final byte[] raw;
    long inodesCount;
    long blocksCount;
    long freeBlocks;
    long freeInodes;
    long firstDataBlock;
    int blockSize;
    long blocksPerGroup;
    long inodesPerGroup;
    int inodeSize;
    long firstIno;
    int compat, incompat, roCompat;
    int descSize;
    long groupCount;
    int defHashVersion;
    int flags;
    int[] hashSeed = new int[4];
    int reservedGdtBlocks;
    int wantExtraIsize;

    private Superblock(byte[] raw) {
        this.raw = raw;
    }

    /** The parsed superblock, or null with {@code err[0]} set when the bytes are not a usable ext2/3/4 superblock. */
    static Superblock parse(byte[] raw, long deviceSize, int[] err) {
        Superblock s = new Superblock(raw);
        err[0] = -Errno.EINVAL;
        if (LittleEndian.u16(raw, 0x38) != MAGIC) return null;
        err[0] = -Errno.EUCLEAN;
        s.compat = LittleEndian.i32(raw, 0x5C);
        s.incompat = LittleEndian.i32(raw, 0x60);
        s.roCompat = LittleEndian.i32(raw, 0x64);
        if (s.has64bit()) {
            s.descSize = LittleEndian.u16(raw, 0xFE);
            if (s.descSize < 64 || s.descSize > 1024 || Integer.bitCount(s.descSize) != 1) return null;
        } else {
            s.descSize = 32;
        }
        long logBlock = LittleEndian.u32(raw, 0x18);
        if (logBlock > 6) return null;
        s.blockSize = 1024 << (int) logBlock;
        s.inodesCount = LittleEndian.u32(raw, 0x0);
        s.blocksCount = LittleEndian.u32(raw, 0x4) | (s.has64bit() ? LittleEndian.u32(raw, 0x150) << 32 : 0);
        s.freeBlocks = LittleEndian.u32(raw, 0xC) | (s.has64bit() ? LittleEndian.u32(raw, 0x158) << 32 : 0);
        s.freeInodes = LittleEndian.u32(raw, 0x10);
        s.firstDataBlock = LittleEndian.u32(raw, 0x14);
        s.blocksPerGroup = LittleEndian.u32(raw, 0x20);
        s.inodesPerGroup = LittleEndian.u32(raw, 0x28);
        int rev = LittleEndian.i32(raw, 0x4C);
        s.inodeSize = rev == 0 ? 128 : LittleEndian.u16(raw, 0x58);
        s.firstIno = rev == 0 ? 11 : LittleEndian.u32(raw, 0x54);
        s.reservedGdtBlocks = LittleEndian.u16(raw, 0xCE);
        s.defHashVersion = LittleEndian.u8(raw, 0xFC);
        s.flags = LittleEndian.i32(raw, 0x160);
        s.wantExtraIsize = LittleEndian.u16(raw, 0x15E);
        for (int i = 0; i < 4; i++) s.hashSeed[i] = LittleEndian.i32(raw, 0xEC + 4 * i);
        if (s.inodeSize < 128 || s.inodeSize > s.blockSize || Integer.bitCount(s.inodeSize) != 1) return null;
        long bits = 8L * s.blockSize;
        if (s.blocksPerGroup == 0 || s.blocksPerGroup > bits) return null;
        if (s.inodesPerGroup == 0 || s.inodesPerGroup > bits) return null;
        if (s.firstDataBlock >= s.blocksCount || s.firstDataBlock > 1) return null;
        if (s.blocksCount > deviceSize / s.blockSize) return null;
        if (s.firstIno < 11 || s.firstIno >= s.inodesCount) return null;
        s.groupCount = (s.blocksCount - s.firstDataBlock + s.blocksPerGroup - 1) / s.blocksPerGroup;
        if (s.groupCount == 0 || s.groupCount > (1L << 32)) return null;
        if (s.inodesCount > s.groupCount * s.inodesPerGroup) return null;
        if (s.metadataCsum() && s.checksum() != LittleEndian.i32(raw, 0x3FC)) return null;
        err[0] = 0;
        return s;
    }

    /** s_checksum: crc32c(~0, the superblock up to the checksum field). */
    int checksum() {
        return Crc32c.update(-1, raw, 0, 0x3FC);
    }

    /** INCOMPAT_RECOVER: the journal holds transactions not yet written to their place. */
    boolean needsRecovery() {
        return (incompat & Features.INCOMPAT_RECOVER) != 0;
    }

    /** s_journal_inum: the inode of the internal journal (0 without one). */
    long journalInode() {
        return (compat & Features.COMPAT_HAS_JOURNAL) != 0 ? LittleEndian.u32(raw, 0xE0) : 0;
    }

    boolean has64bit() {
        return (incompat & Features.INCOMPAT_64BIT) != 0;
    }

    boolean metadataCsum() {
        return (roCompat & Features.RO_COMPAT_METADATA_CSUM) != 0;
    }

    boolean extents() {
        return (incompat & Features.INCOMPAT_EXTENTS) != 0;
    }

    boolean fileType() {
        return (incompat & Features.INCOMPAT_FILETYPE) != 0;
    }

    boolean hugeFile() {
        return (roCompat & Features.RO_COMPAT_HUGE_FILE) != 0;
    }

    boolean dirIndex() {
        return (compat & Features.COMPAT_DIR_INDEX) != 0;
    }

    /** The seed of every metadata checksum: s_checksum_seed with csum_seed, else crc32c(~0, uuid). */
    int checksumSeed() {
        if ((incompat & Features.INCOMPAT_CSUM_SEED) != 0) return LittleEndian.i32(raw, 0x270);
        return Crc32c.update(-1, raw, 0x68, 16);
    }

    /** Stores the free counts and recomputes the checksum. */
    void storeCounts() {
        LittleEndian.put32(raw, 0xC, freeBlocks);
        if (has64bit()) LittleEndian.put32(raw, 0x158, freeBlocks >>> 32);
        LittleEndian.put32(raw, 0x10, freeInodes);
        if (metadataCsum()) LittleEndian.put32(raw, 0x3FC, checksum());
    }

    /** Whether group {@code g} holds a backup superblock (sparse_super: groups 0, 1 and powers of 3, 5, 7). */
    boolean hasSuperblockBackup(long g) {
        if ((roCompat & Features.RO_COMPAT_SPARSE_SUPER) == 0 || g <= 1) return true;
        return isPower(g, 3) || isPower(g, 5) || isPower(g, 7);
    }

    private static boolean isPower(long g, int base) {
        long p = base;
        while (p < g) p *= base;
        return p == g;
    }
}
