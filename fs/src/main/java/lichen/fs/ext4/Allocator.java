package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;

/**
 * Block and inode allocation in the group bitmaps (ext4 disk layout, "Block
 * and inode Bitmaps"), keeping the group descriptors' free counts, used
 * directory counts, unused-inode watermark and bitmap checksums, and the
 * superblock totals, in step. BLOCK_UNINIT and INODE_UNINIT groups get
 * their bitmaps built on first use.
 */
final class Allocator {
    private final Ext4Fs fs;

    Allocator(Ext4Fs fs) {
        this.fs = fs;
    }

    private long blocksInGroup(long g) {
        Superblock sb = fs.sb;
        return Math.min(sb.blocksPerGroup, sb.blocksCount - sb.firstDataBlock - g * sb.blocksPerGroup);
    }

    private void blockBitmapChanged(long g, byte[] bitmap) {
        if (fs.sb.metadataCsum()) {
            fs.gd.setBlockBitmapChecksum(g, Crc32c.update(fs.seed, bitmap, 0, (int) (fs.sb.blocksPerGroup / 8)));
        }
        if (fs.sb.metadataCsum()) fs.gd.updateChecksum(g, fs.seed);
    }

    private void inodeBitmapChanged(long g, byte[] bitmap) {
        if (fs.sb.metadataCsum()) {
            fs.gd.setInodeBitmapChecksum(g, Crc32c.update(fs.seed, bitmap, 0, (int) (fs.sb.inodesPerGroup / 8)));
        }
        if (fs.sb.metadataCsum()) fs.gd.updateChecksum(g, fs.seed);
    }

    /**
     * Allocates up to {@code want} contiguous blocks, preferring to start at
     * {@code goal}; returns the first block (count in {@code got[0]}) or a
     * negative errno (-ENOSPC when no usable group has a free block).
     */
    @Async
    long allocBlocks(long goal, int want, int[] got) {
        Superblock sb = fs.sb;
        long groups = sb.groupCount;
        long startGroup = goal >= sb.firstDataBlock && goal < sb.blocksCount ? (goal - sb.firstDataBlock) / sb.blocksPerGroup : 0;
        byte[] bitmap = new byte[fs.bs];
        for (long k = 0; k < groups; k++) {
            long g = (startGroup + k) % groups;
            if (fs.gd.freeBlocks(g) == 0) continue;
            int r;
            if ((fs.gd.flags(g) & GroupDescriptors.BLOCK_UNINIT) != 0) {
                r = initBlockBitmap(g, bitmap);
                if (r == -Errno.EUCLEAN) continue;
            } else {
                r = fs.readBlock(fs.gd.blockBitmap(g), bitmap);
            }
            if (r < 0) return r;
            long n = blocksInGroup(g);
            long first = g == startGroup && goal >= sb.firstDataBlock ? (goal - sb.firstDataBlock) % sb.blocksPerGroup : 0;
            long bit = findClear(bitmap, first, n);
            if (bit < 0 && first > 0) bit = findClear(bitmap, 0, n);
            if (bit < 0) continue;
            int count = 0;
            while (count < want && bit + count < n && (bitmap[(int) ((bit + count) >>> 3)] & (1 << ((bit + count) & 7))) == 0) {
                bitmap[(int) ((bit + count) >>> 3)] |= (byte) (1 << ((bit + count) & 7));
                count++;
            }
            r = fs.writeBlock(fs.gd.blockBitmap(g), bitmap);
            if (r < 0) return r;
            fs.gd.setFreeBlocks(g, fs.gd.freeBlocks(g) - count);
            sb.freeBlocks -= count;
            blockBitmapChanged(g, bitmap);
            got[0] = count;
            return sb.firstDataBlock + g * sb.blocksPerGroup + bit;
        }
        return -Errno.ENOSPC;
    }

    /**
     * Builds the block bitmap of a BLOCK_UNINIT group the way mke2fs would
     * have: the superblock backup and descriptor tables where sparse_super
     * puts them, every group's bitmaps and inode table that lie in this
     * group, and the padding past the last block. The result must agree with
     * the group's free count, else the group is left alone (-EUCLEAN).
     */
    @Async
    private int initBlockBitmap(long g, byte[] bitmap) {
        Superblock sb = fs.sb;
        for (int i = 0; i < bitmap.length; i++) bitmap[i] = 0;
        long start = sb.firstDataBlock + g * sb.blocksPerGroup;
        long n = blocksInGroup(g);
        if (sb.hasSuperblockBackup(g)) {
            long gdtBlocks = (sb.groupCount * sb.descSize + fs.bs - 1) / fs.bs;
            long meta = 1 + gdtBlocks + sb.reservedGdtBlocks;
            for (long b = 0; b < meta && b < n; b++) setBit(bitmap, b);
        }
        long itableBlocks = (sb.inodesPerGroup * sb.inodeSize + fs.bs - 1) / fs.bs;
        for (long h = 0; h < sb.groupCount; h++) {
            markIfInside(bitmap, start, n, fs.gd.blockBitmap(h), 1);
            markIfInside(bitmap, start, n, fs.gd.inodeBitmap(h), 1);
            markIfInside(bitmap, start, n, fs.gd.inodeTable(h), itableBlocks);
        }
        for (long b = n; b < 8L * fs.bs; b++) setBit(bitmap, b);
        long free = 0;
        for (long b = 0; b < n; b++) if ((bitmap[(int) (b >>> 3)] & (1 << (b & 7))) == 0) free++;
        if (free != fs.gd.freeBlocks(g)) return -Errno.EUCLEAN;
        int r = fs.writeBlock(fs.gd.blockBitmap(g), bitmap);
        if (r < 0) return r;
        fs.gd.setFlags(g, fs.gd.flags(g) & ~GroupDescriptors.BLOCK_UNINIT);
        blockBitmapChanged(g, bitmap);
        return 0;
    }

    private static void setBit(byte[] bitmap, long b) {
        bitmap[(int) (b >>> 3)] |= (byte) (1 << (b & 7));
    }

    private static void markIfInside(byte[] bitmap, long start, long n, long first, long count) {
        for (long b = first; b < first + count; b++) if (b >= start && b < start + n) setBit(bitmap, b - start);
    }

    private static long findClear(byte[] bitmap, long from, long n) {
        for (long i = from; i < n; i++) {
            if ((i & 7) == 0 && i + 8 <= n && bitmap[(int) (i >>> 3)] == (byte) 0xFF) {
                i += 7;
                continue;
            }
            if ((bitmap[(int) (i >>> 3)] & (1 << (i & 7))) == 0) return i;
        }
        return -1;
    }

    @Async
    long allocBlock(long goal) {
        int[] got = new int[1];
        return allocBlocks(goal, 1, got);
    }

    /** Frees one block; -EUCLEAN when it is outside the filesystem or already free. */
    @Async
    int freeBlock(long blk) {
        return freeBlocks(blk, 1);
    }

    /**
     * Frees {@code count} blocks from {@code first}, one bitmap update per
     * group touched; -EUCLEAN when a block is outside the filesystem or
     * already free (nothing of that group is then changed).
     */
    @Async
    int freeBlocks(long first, long count) {
        Superblock sb = fs.sb;
        if (count <= 0) return 0;
        if (!fs.validBlock(first) || count > sb.blocksCount - first) return -Errno.EUCLEAN;
        byte[] bitmap = new byte[fs.bs];
        long blk = first;
        long end = first + count;
        while (blk < end) {
            long g = (blk - sb.firstDataBlock) / sb.blocksPerGroup;
            long groupEnd = sb.firstDataBlock + (g + 1) * sb.blocksPerGroup;
            long stop = Math.min(end, groupEnd);
            int r = fs.readBlock(fs.gd.blockBitmap(g), bitmap);
            if (r < 0) return r;
            for (long b = blk; b < stop; b++) {
                long bit = (b - sb.firstDataBlock) % sb.blocksPerGroup;
                if ((bitmap[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) return -Errno.EUCLEAN;
            }
            for (long b = blk; b < stop; b++) {
                long bit = (b - sb.firstDataBlock) % sb.blocksPerGroup;
                bitmap[(int) (bit >>> 3)] &= (byte) ~(1 << (bit & 7));
            }
            r = fs.writeBlock(fs.gd.blockBitmap(g), bitmap);
            if (r < 0) return r;
            fs.gd.setFreeBlocks(g, fs.gd.freeBlocks(g) + (stop - blk));
            sb.freeBlocks += stop - blk;
            blockBitmapChanged(g, bitmap);
            blk = stop;
        }
        return 0;
    }

    /** Allocates an inode number (in the parent's group when it has room); a negative errno on failure. */
    @Async
    long allocInode(boolean directory, long parentIno) {
        Superblock sb = fs.sb;
        long ipg = sb.inodesPerGroup;
        long start = (parentIno - 1) / ipg;
        byte[] bitmap = new byte[fs.bs];
        for (long k = 0; k < sb.groupCount; k++) {
            long g = (start + k) % sb.groupCount;
            if (fs.gd.freeInodes(g) == 0) continue;
            int r;
            if ((fs.gd.flags(g) & GroupDescriptors.INODE_UNINIT) != 0) {
                // No inode of the group is in use yet: an empty bitmap, padding past the group's inodes set.
                for (int i = 0; i < bitmap.length; i++) bitmap[i] = 0;
                for (long b = ipg; b < 8L * fs.bs; b++) bitmap[(int) (b >>> 3)] |= (byte) (1 << (b & 7));
                r = fs.writeBlock(fs.gd.inodeBitmap(g), bitmap);
                if (r < 0) return r;
                fs.gd.setFlags(g, fs.gd.flags(g) & ~GroupDescriptors.INODE_UNINIT);
                inodeBitmapChanged(g, bitmap);
            } else {
                r = fs.readBlock(fs.gd.inodeBitmap(g), bitmap);
            }
            if (r < 0) return r;
            long from = g == 0 ? sb.firstIno - 1 : 0;
            long bit = findClear(bitmap, from, ipg);
            if (bit < 0) continue;
            long ino = g * ipg + bit + 1;
            if (ino > sb.inodesCount) continue;
            bitmap[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            r = fs.writeBlock(fs.gd.inodeBitmap(g), bitmap);
            if (r < 0) return r;
            fs.gd.setFreeInodes(g, fs.gd.freeInodes(g) - 1);
            if (directory) fs.gd.setUsedDirs(g, fs.gd.usedDirs(g) + 1);
            long unused = fs.gd.itableUnused(g);
            if (bit + 1 > ipg - unused) fs.gd.setItableUnused(g, ipg - (bit + 1));
            sb.freeInodes--;
            inodeBitmapChanged(g, bitmap);
            return ino;
        }
        return -Errno.ENOSPC;
    }

    @Async
    int freeInode(long ino, boolean directory) {
        Superblock sb = fs.sb;
        if (ino < 1 || ino > sb.inodesCount) return -Errno.EUCLEAN;
        long g = (ino - 1) / sb.inodesPerGroup;
        long bit = (ino - 1) % sb.inodesPerGroup;
        byte[] bitmap = new byte[fs.bs];
        int r = fs.readBlock(fs.gd.inodeBitmap(g), bitmap);
        if (r < 0) return r;
        bitmap[(int) (bit >>> 3)] &= (byte) ~(1 << (bit & 7));
        r = fs.writeBlock(fs.gd.inodeBitmap(g), bitmap);
        if (r < 0) return r;
        fs.gd.setFreeInodes(g, fs.gd.freeInodes(g) + 1);
        if (directory) fs.gd.setUsedDirs(g, fs.gd.usedDirs(g) - 1);
        sb.freeInodes++;
        inodeBitmapChanged(g, bitmap);
        return 0;
    }
}
