package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.LongObjectMap;
import lichen.fs.Result;
import lichen.fs.block.BlockDevice;
import lichen.fs.block.PageCache;
import lichen.fs.vfs.Clock;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.Inode;

/**
 * An ext2, ext3 or ext4 filesystem on a block device (the ext4 disk layout of
 * the Linux kernel documentation). Reads what mke2fs makes by default; writes
 * without a journal, only when the features allow (see docs/fs.md), keeping
 * bitmaps, counts and metadata checksums consistent so e2fsck finds the image
 * clean.
 */
public final class Ext4Fs extends FileSystem {
    public static final long ROOT_INO = 2;

    final PageCache dev;
    final Superblock sb;
    final GroupDescriptors gd;
    final int bs;
    final int seed;
    final boolean writable;
    final Allocator alloc;
    /** Whether inode, directory, hash-tree and extent checksums are verified as they are read (metadata_csum). */
    final boolean verify;
    private final LongObjectMap<Ext4Inode> inodes = new LongObjectMap<>();
    private Ext4Inode root;

    private Ext4Fs(PageCache dev, Superblock sb, GroupDescriptors gd, boolean writable, Clock clock, boolean verify) {
        this.verify = verify && sb.metadataCsum();
        this.dev = dev;
        this.sb = sb;
        this.gd = gd;
        this.bs = sb.blockSize;
        this.seed = sb.checksumSeed();
        this.writable = writable;
        this.clock = clock;
        this.alloc = new Allocator(this);
    }

    /**
     * Mounts the filesystem on {@code device}: -EINVAL when it is not ext2/3/4,
     * -EUCLEAN when its metadata is inconsistent, -EROFS when a read-write
     * mount was asked for features this driver does not write.
     */
    @Async
    public static Result<Ext4Fs> mount(BlockDevice device, boolean readWrite, Clock clock) {
        return mount(device, readWrite, clock, true);
    }

    /** As above; {@code verifyChecksums} false reads past bad metadata checksums (for tests of the parsers). */
    @Async
    public static Result<Ext4Fs> mount(BlockDevice device, boolean readWrite, Clock clock, boolean verifyChecksums) {
        if (device.size() < Superblock.OFFSET + Superblock.SIZE) return Result.err(-Errno.EINVAL);
        PageCache cache = device instanceof PageCache pc ? pc : new PageCache(device, 4096);
        // A journal needing recovery is replayed first, for read-only mounts too, as Linux does
        // (ext4_load_journal); a device that cannot be written cannot be recovered (Linux's
        // "write access unavailable, cannot proceed").
        Result<Ext4Fs> fs = open(cache, false, clock, verifyChecksums);
        if (!fs.ok()) return fs;
        if (fs.value.sb.needsRecovery()) {
            if (device.readOnly()) return Result.err(-Errno.EROFS);
            int r = JournalReplay.replay(fs.value);
            if (r < 0) return Result.err(r);
        } else if (!readWrite) {
            return fs;
        }
        return open(cache, readWrite, clock, verifyChecksums);
    }

    /** What the last journal replay at mount did ("" when none was needed), for the boot log. */
    public static String lastReplay() {
        return JournalReplay.lastReport;
    }

    /** Mounts without looking at the journal: the superblock, descriptors and root are read and checked. */
    @Async
    private static Result<Ext4Fs> open(PageCache cache, boolean readWrite, Clock clock, boolean verifyChecksums) {
        BlockDevice device = cache;
        byte[] raw = new byte[Superblock.SIZE];
        int r = cache.read(Superblock.OFFSET, raw, 0, raw.length);
        if (r < 0) return Result.err(r);
        int[] err = new int[1];
        Superblock sb = Superblock.parse(raw, device.size(), err);
        if (sb == null) return Result.err(err[0]);
        if ((sb.incompat & ~Features.INCOMPAT_READ) != 0) return Result.err(-Errno.EINVAL);
        if (readWrite) {
            if (device.readOnly()) return Result.err(-Errno.EROFS);
            if ((sb.incompat & ~Features.INCOMPAT_WRITE) != 0 || (sb.roCompat & ~Features.RO_COMPAT_WRITE) != 0) {
                return Result.err(-Errno.EROFS);
            }
            if ((sb.roCompat & Features.RO_COMPAT_GDT_CSUM) != 0 && !sb.metadataCsum()) return Result.err(-Errno.EROFS);
        }
        if ((sb.incompat & Features.INCOMPAT_META_BG) != 0) return Result.err(-Errno.EINVAL);
        long gdtBytes = sb.groupCount * sb.descSize;
        if (gdtBytes > Integer.MAX_VALUE / 2) return Result.err(-Errno.EUCLEAN);
        byte[] gdt = new byte[(int) gdtBytes];
        long gdtPos = (sb.firstDataBlock + 1) * (long) sb.blockSize;
        if (gdtPos + gdtBytes > device.size()) return Result.err(-Errno.EUCLEAN);
        r = cache.read(gdtPos, gdt, 0, gdt.length);
        if (r < 0) return Result.err(r);
        GroupDescriptors gd = new GroupDescriptors(gdt, sb);
        long itableBlocks = (sb.inodesPerGroup * sb.inodeSize + sb.blockSize - 1) / sb.blockSize;
        for (long g = 0; g < sb.groupCount; g++) {
            if (gd.blockBitmap(g) >= sb.blocksCount || gd.inodeBitmap(g) >= sb.blocksCount) return Result.err(-Errno.EUCLEAN);
            long it = gd.inodeTable(g);
            if (it == 0 || it >= sb.blocksCount || itableBlocks > sb.blocksCount - it) return Result.err(-Errno.EUCLEAN);
        }
        Ext4Fs fs = new Ext4Fs(cache, sb, gd, readWrite, clock, verifyChecksums);
        Result<Ext4Inode> root = fs.inode(ROOT_INO);
        if (!root.ok()) return root.cast();
        if (!root.value.isDir()) return Result.err(-Errno.EUCLEAN);
        fs.root = root.value;
        return Result.ok(fs);
    }

    @Override
    public Inode root() {
        return root;
    }

    @Override
    public String type() {
        if (sb.extents() || (sb.incompat & Features.INCOMPAT_64BIT) != 0) return "ext4";
        return (sb.compat & Features.COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2";
    }

    @Override
    public boolean readOnly() {
        return !writable;
    }

    @Override
    public int blockSize() {
        return bs;
    }

    @Override
    public long[] statfs() {
        return new long[] {sb.blocksCount, sb.freeBlocks, sb.inodesCount, sb.freeInodes};
    }

    public long blocksCount() {
        return sb.blocksCount;
    }

    /** The in-memory inode {@code ino}, read from the inode table on first use. */
    @Async
    Result<Ext4Inode> inode(long ino) {
        if (ino < 1 || ino > sb.inodesCount) return Result.err(-Errno.EUCLEAN);
        Ext4Inode cached = inodes.get(ino);
        if (cached != null) return Result.ok(cached);
        byte[] raw = new byte[sb.inodeSize];
        int r = dev.read(inodePosition(ino), raw, 0, raw.length);
        if (r < 0) return Result.err(r);
        Ext4Inode in = new Ext4Inode(this, ino, raw);
        if (verify && !in.checksumMatches()) return Result.err(-Errno.EFSBADCRC);
        inodes.put(ino, in);
        return Result.ok(in);
    }

    /** Byte position of inode {@code ino} in its group's inode table. */
    long inodePosition(long ino) {
        long g = (ino - 1) / sb.inodesPerGroup;
        long index = (ino - 1) % sb.inodesPerGroup;
        return gd.inodeTable(g) * bs + index * sb.inodeSize;
    }

    /** Forgets an inode freed on disk. */
    void dropInode(long ino) {
        inodes.remove(ino);
    }

    /** Installs a freshly initialised inode. */
    void cacheInode(Ext4Inode in) {
        inodes.put(in.ino, in);
    }

    boolean validBlock(long blk) {
        return blk >= sb.firstDataBlock && blk < sb.blocksCount;
    }

    /** Reads block {@code blk} into {@code buf} (blockSize bytes); -EUCLEAN outside the filesystem. */
    @Async
    int readBlock(long blk, byte[] buf) {
        if (!validBlock(blk)) return -Errno.EUCLEAN;
        return dev.read(blk * bs, buf, 0, bs);
    }

    @Async
    int writeBlock(long blk, byte[] buf) {
        if (!validBlock(blk)) return -Errno.EUCLEAN;
        if (!writable) return -Errno.EROFS;
        return dev.write(blk * bs, buf, 0, bs);
    }

    /** Writes the superblock and the group descriptor table (with checksums) back. */
    @Async
    int writeSummary() {
        sb.storeCounts();
        LittleEndian.put32(sb.raw, 0x30, Math.floorDiv(clock.nowNanos(), 1_000_000_000L));
        if (sb.metadataCsum()) LittleEndian.put32(sb.raw, 0x3FC, sb.checksum());
        int r = dev.write(Superblock.OFFSET, sb.raw, 0, Superblock.SIZE);
        if (r < 0) return r;
        long gdtPos = (sb.firstDataBlock + 1) * (long) bs;
        return dev.write(gdtPos, gd.raw, 0, gd.raw.length);
    }

    @Override
    @Async
    public int sync() {
        if (!writable) return 0;
        int r = writeSummary();
        if (r < 0) return r;
        return dev.flush();
    }
}
