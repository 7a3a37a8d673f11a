package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;

/**
 * Writing file data: allocating blocks for logical blocks that have none
 * (through the extent tree on ext4, the block map on ext2/3), writing bytes,
 * and truncating. New blocks are zeroed before use, so a partly written block
 * never shows stale data; a shrinking truncate zeroes the rest of the last
 * block, so a later extension reads zeros.
 */
final class FileBlocks {
    private FileBlocks() {}

    /** Largest logical block a file may use: 2^32 - 1 with extents, the block map's reach otherwise. */
    static long maxBlocks(Ext4Inode in) {
        if (in.usesExtents()) return (1L << 32) - 1;
        long per = in.efs.bs / 4;
        return IndirectBlocks.DIRECT + per + per * per + per * per * per;
    }

    /** The physical block of {@code lblk}, allocated (zero-filled) when missing. */
    @Async
    static long mapAlloc(Ext4Inode in, long lblk) {
        long[] run = new long[1];
        long phys = in.map(lblk, run);
        if (phys != 0) return phys;
        Ext4Fs fs = in.efs;
        long goal = 0;
        if (lblk > 0) {
            long prev = in.map(lblk - 1, run);
            if (prev > 0) goal = prev + 1;
        }
        if (goal == 0) goal = fs.gd.inodeTable((in.ino - 1) / fs.sb.inodesPerGroup);
        if (in.usesExtents()) {
            long blk = fs.alloc.allocBlock(goal);
            if (blk < 0) return blk;
            int r = zero(fs, blk);
            if (r >= 0) r = ExtentWriter.insert(in, lblk, blk);
            if (r < 0) {
                fs.alloc.freeBlock(blk);
                return r;
            }
            in.blocks512 += fs.bs / 512;
            return blk;
        }
        return allocIndirect(in, lblk, goal);
    }

    @Async
    private static int zero(Ext4Fs fs, long blk) {
        return fs.writeBlock(blk, new byte[fs.bs]);
    }

    /** Fills the block-map path to {@code lblk}, allocating pointer blocks and the data block. */
    @Async
    private static long allocIndirect(Ext4Inode in, long lblk, long goal) {
        Ext4Fs fs = in.efs;
        int per = fs.bs / 4;
        int[] idx = new int[4];
        int depth = IndirectBlocks.path(lblk, per, idx);
        if (depth < 0) return -Errno.EFBIG;
        long ptr = LittleEndian.u32(in.iblock, 4 * idx[0]);
        if (ptr == 0) {
            long blk = fs.alloc.allocBlock(goal);
            if (blk < 0) return blk;
            int r = zero(fs, blk);
            if (r < 0) return r;
            in.blocks512 += fs.bs / 512;
            LittleEndian.put32(in.iblock, 4 * idx[0], blk);
            ptr = blk;
        }
        byte[] b = new byte[fs.bs];
        for (int level = 1; level <= depth; level++) {
            if (!fs.validBlock(ptr)) return -Errno.EUCLEAN;
            int r = fs.readBlock(ptr, b);
            if (r < 0) return r;
            long next = LittleEndian.u32(b, 4 * idx[level]);
            if (next == 0) {
                long blk = fs.alloc.allocBlock(ptr + 1);
                if (blk < 0) return blk;
                r = zero(fs, blk);
                if (r < 0) return r;
                in.blocks512 += fs.bs / 512;
                LittleEndian.put32(b, 4 * idx[level], blk);
                r = fs.writeBlock(ptr, b);
                if (r < 0) return r;
                next = blk;
            }
            ptr = next;
        }
        return ptr;
    }

    @Async
    static int write(Ext4Inode in, long pos, byte[] buf, int off, int len) {
        Ext4Fs fs = in.efs;
        if (in.inlineData()) return -Errno.EOPNOTSUPP;
        if (len == 0) return 0;
        long end = pos + len;
        if (end < pos || (end - 1) / fs.bs > maxBlocks(in)) return -Errno.EFBIG;
        long[] run = new long[1];
        int done = 0;
        while (done < len) {
            long p = pos + done;
            long lblk = p / fs.bs;
            int within = (int) (p % fs.bs);
            long phys = in.map(lblk, run);
            long avail;
            if (phys == 0 && in.usesExtents()) {
                phys = allocRun(in, lblk, within, len - done, run[0], run);
                avail = run[0] * fs.bs - within;
            } else if (phys == 0) {
                phys = mapAlloc(in, lblk);
                avail = fs.bs - within;
            } else {
                avail = Math.min(run[0], 1L << 16) * fs.bs - within;
            }
            if (phys < 0) {
                if (done > 0) break;
                return (int) phys;
            }
            int c = (int) Math.min(len - done, avail);
            int r = fs.dev.write(phys * fs.bs + within, buf, off + done, c);
            if (r < 0) return done > 0 ? done : r;
            done += c;
        }
        if (pos + done > in.size) in.size = pos + done;
        return done;
    }

    /**
     * Allocates contiguous blocks for a write of {@code remaining} bytes that
     * starts {@code within} bytes into hole block {@code lblk} (at most the
     * hole's {@code holeRun} blocks), maps them, and zeroes the first and last
     * when the write covers them only in part. Returns the first block and
     * the count in {@code run[0]}, or a negative errno.
     */
    @Async
    private static long allocRun(Ext4Inode in, long lblk, int within, int remaining, long holeRun, long[] run) {
        Ext4Fs fs = in.efs;
        long want = Math.min(Math.min(holeRun, 2048), (within + (long) remaining + fs.bs - 1) / fs.bs);
        long goal = 0;
        if (lblk > 0) {
            long prev = in.map(lblk - 1, run);
            if (prev > 0) goal = prev + 1;
        }
        if (goal == 0) goal = fs.gd.inodeTable((in.ino - 1) / fs.sb.inodesPerGroup);
        int[] got = new int[1];
        long start = fs.alloc.allocBlocks(goal, (int) Math.max(1, want), got);
        if (start < 0) return start;
        for (int k = 0; k < got[0]; k++) {
            int r = ExtentWriter.insert(in, lblk + k, start + k);
            if (r < 0) {
                fs.alloc.freeBlocks(start + k, got[0] - k);
                if (k == 0) return r;
                got[0] = k;
                break;
            }
            in.blocks512 += fs.bs / 512;
        }
        long endByte = within + (long) remaining;
        if (within != 0 || endByte < fs.bs) {
            int r = zero(fs, start);
            if (r < 0) return r;
        }
        if (got[0] > 1 && endByte < (long) got[0] * fs.bs) {
            int r = zero(fs, start + got[0] - 1);
            if (r < 0) return r;
        }
        run[0] = got[0];
        return start;
    }

    @Async
    static int truncate(Ext4Inode in, long newSize) {
        Ext4Fs fs = in.efs;
        if (in.inlineData()) return -Errno.EOPNOTSUPP;
        if (newSize > (maxBlocks(in) + 1) * fs.bs) return -Errno.EFBIG;
        if (newSize >= in.size) {
            in.size = newSize;
            return 0;
        }
        long keep = (newSize + fs.bs - 1) / fs.bs;
        int r = in.usesExtents() ? ExtentWriter.cut(in, keep) : cutIndirect(in, keep);
        if (r < 0) return r;
        int tail = (int) (newSize % fs.bs);
        if (tail != 0) {
            long[] run = new long[1];
            long phys = in.map(newSize / fs.bs, run);
            if (phys > 0) {
                byte[] zeros = new byte[fs.bs - tail];
                r = fs.dev.write(phys * fs.bs + tail, zeros, 0, zeros.length);
                if (r < 0) return r;
            }
        }
        in.size = newSize;
        return 0;
    }

    /** Frees the block map from logical block {@code keep} on, pointer blocks included once empty. */
    @Async
    private static int cutIndirect(Ext4Inode in, long keep) {
        long per = in.efs.bs / 4;
        boolean[] empty = new boolean[1];
        for (int i = 0; i < 15; i++) {
            long ptr = LittleEndian.u32(in.iblock, 4 * i);
            if (ptr == 0) continue;
            int levels;
            long base;
            if (i < 12) { levels = 0; base = i; }
            else if (i == 12) { levels = 1; base = 12; }
            else if (i == 13) { levels = 2; base = 12 + per; }
            else { levels = 3; base = 12 + per + per * per; }
            int r = cutTree(in, ptr, levels, base, keep, empty);
            if (r < 0) return r;
            if (empty[0]) LittleEndian.put32(in.iblock, 4 * i, 0);
        }
        return 0;
    }

    @Async
    private static int cutTree(Ext4Inode in, long ptr, int levels, long base, long keep, boolean[] empty) {
        Ext4Fs fs = in.efs;
        int per = fs.bs / 4;
        long span = 1;
        for (int k = 0; k < levels; k++) span *= per;
        empty[0] = false;
        if (base + span <= keep) return 0;
        if (levels == 0) {
            int r = fs.alloc.freeBlock(ptr);
            if (r < 0) return r;
            in.blocks512 -= fs.bs / 512;
            empty[0] = true;
            return 0;
        }
        byte[] b = new byte[fs.bs];
        int r = fs.readBlock(ptr, b);
        if (r < 0) return r;
        long childSpan = span / per;
        boolean all = true, changed = false;
        for (int i = 0; i < per; i++) {
            long child = LittleEndian.u32(b, 4 * i);
            if (child == 0) continue;
            r = cutTree(in, child, levels - 1, base + i * childSpan, keep, empty);
            if (r < 0) return r;
            if (empty[0]) {
                LittleEndian.put32(b, 4 * i, 0);
                changed = true;
            } else {
                all = false;
            }
        }
        if (all) {
            r = fs.alloc.freeBlock(ptr);
            if (r < 0) return r;
            in.blocks512 -= fs.bs / 512;
            empty[0] = true;
            return 0;
        }
        empty[0] = false;
        return changed ? fs.writeBlock(ptr, b) : 0;
    }
}
