package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;

/**
 * The ext2/ext3 block map (ext4 disk layout, "Direct/Indirect Block
 * Addressing"): i_block[0..11] point at data, [12] at a block of pointers,
 * [13] and [14] at two and three levels of them. A zero pointer is a hole
 * covering everything below it.
 */
final class IndirectBlocks {
    static final int DIRECT = 12;

    private IndirectBlocks() {}

    /** The path of {@code lblk} through the map: level count (0 direct .. 3), then the index at each level. */
    static int path(long lblk, int perBlock, int[] idx) {
        if (lblk < DIRECT) {
            idx[0] = (int) lblk;
            return 0;
        }
        long l = lblk - DIRECT;
        long p = perBlock;
        if (l < p) {
            idx[0] = 12;
            idx[1] = (int) l;
            return 1;
        }
        l -= p;
        if (l < p * p) {
            idx[0] = 13;
            idx[1] = (int) (l / p);
            idx[2] = (int) (l % p);
            return 2;
        }
        l -= p * p;
        if (l < p * p * p) {
            idx[0] = 14;
            idx[1] = (int) (l / (p * p));
            idx[2] = (int) ((l / p) % p);
            idx[3] = (int) (l % p);
            return 3;
        }
        return -1;
    }

    /** Blocks covered by one pointer at {@code level} below the top of a path of {@code depth} levels. */
    static long span(int depth, int level, int perBlock) {
        long s = 1;
        for (int i = level; i < depth; i++) s *= perBlock;
        return s;
    }

    @Async
    static long map(Ext4Fs fs, Ext4Inode in, long lblk, long[] run) {
        int per = fs.bs / 4;
        int[] idx = new int[4];
        int depth = path(lblk, per, idx);
        if (depth < 0) return -Errno.EFBIG;
        long ptr = LittleEndian.u32(in.iblock(), 4 * idx[0]);
        byte[] blk = null;
        for (int level = 0; ; level++) {
            if (ptr == 0) {
                // The hole spans the rest of what this pointer would cover.
                long within = 0;
                for (int k = level + 1; k <= depth; k++) within = within * per + idx[k];
                run[0] = level == depth ? 1 : span(depth, level, per) - within;
                return 0;
            }
            if (!fs.validBlock(ptr)) return -Errno.EUCLEAN;
            if (level == depth) {
                run[0] = 1;
                return ptr;
            }
            if (blk == null) blk = new byte[fs.bs];
            int r = fs.readBlock(ptr, blk);
            if (r < 0) return r;
            ptr = LittleEndian.u32(blk, 4 * idx[level + 1]);
        }
    }
}
