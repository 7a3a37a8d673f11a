package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;

/**
 * Changing an extent tree: adding a block mapping (merged into a neighbouring
 * extent when contiguous) and cutting mappings off the end. Trees of depth 0
 * (up to four extents in i_block) and depth 1 (an index in i_block over leaf
 * blocks) are written; a full depth-0 root grows into depth 1 and a full
 * leaf splits in two. Deeper trees are read but not written (-EOPNOTSUPP).
 */
final class ExtentWriter {
    private ExtentWriter() {}

    static void initRoot(byte[] iblock) {
        for (int i = 0; i < 60; i++) iblock[i] = 0;
        header(iblock, 0, 0, 4, 0);
    }

    private static void header(byte[] b, int off, int entries, int max, int depth) {
        LittleEndian.put16(b, off, ExtentTree.MAGIC);
        LittleEndian.put16(b, off + 2, entries);
        LittleEndian.put16(b, off + 4, max);
        LittleEndian.put16(b, off + 6, depth);
    }

    static int entries(byte[] b) { return LittleEndian.u16(b, 2); }
    static int max(byte[] b) { return LittleEndian.u16(b, 4); }
    static int depth(byte[] b) { return LittleEndian.u16(b, 6); }

    static long first(byte[] b, int i) { return LittleEndian.u32(b, 12 + 12 * i); }
    static int len(byte[] b, int i) { return LittleEndian.u16(b, 12 + 12 * i + 4); }
    static long start(byte[] b, int i) {
        return LittleEndian.u32(b, 12 + 12 * i + 8) | (long) LittleEndian.u16(b, 12 + 12 * i + 6) << 32;
    }
    static long child(byte[] b, int i) {
        return LittleEndian.u32(b, 12 + 12 * i + 4) | (long) LittleEndian.u16(b, 12 + 12 * i + 8) << 32;
    }

    static void setExtent(byte[] b, int i, long first, int len, long start) {
        int e = 12 + 12 * i;
        LittleEndian.put32(b, e, first);
        LittleEndian.put16(b, e + 4, len);
        LittleEndian.put16(b, e + 6, (int) (start >>> 32));
        LittleEndian.put32(b, e + 8, start);
    }

    static void setIndex(byte[] b, int i, long first, long child) {
        int e = 12 + 12 * i;
        LittleEndian.put32(b, e, first);
        LittleEndian.put32(b, e + 4, child);
        LittleEndian.put16(b, e + 8, (int) (child >>> 32));
        LittleEndian.put16(b, e + 10, 0);
    }

    /** Writes a leaf or index block with its checksum tail (crc32c of the inode seed over the node). */
    @Async
    static int writeNode(Ext4Inode in, long blk, byte[] b) {
        Ext4Fs fs = in.efs;
        if (fs.sb.metadataCsum()) {
            int end = 12 + 12 * max(b);
            LittleEndian.put32(b, end, Crc32c.update(in.checksumSeed(), b, 0, end));
        }
        return fs.writeBlock(blk, b);
    }

    /**
     * Adds the mapping lblk -> phys to a node (root or leaf) with room or a
     * mergeable neighbour; returns 1 when done, 0 when the node is full, or a
     * negative errno (the block is already mapped, which an unwritten
     * extent causes).
     */
    static int addToLeaf(byte[] b, long lblk, long phys) {
        int n = entries(b);
        int pos = n;
        for (int i = 0; i < n; i++) {
            long f = first(b, i);
            int l = len(b, i);
            if (l > ExtentTree.INIT_MAX_LEN) return -Errno.EOPNOTSUPP;
            if (lblk >= f && lblk < f + l) return -Errno.EEXIST;
            if (f + l == lblk && start(b, i) + l == phys && l < ExtentTree.INIT_MAX_LEN
                    && (i + 1 >= n || first(b, i + 1) > lblk)) {
                setExtent(b, i, f, l + 1, start(b, i));
                return 1;
            }
            if (f == lblk + 1 && start(b, i) == phys + 1 && l < ExtentTree.INIT_MAX_LEN) {
                setExtent(b, i, lblk, l + 1, phys);
                return 1;
            }
            if (f > lblk && pos == n) pos = i;
        }
        if (n >= max(b)) return 0;
        System.arraycopy(b, 12 + 12 * pos, b, 12 + 12 * (pos + 1), 12 * (n - pos));
        setExtent(b, pos, lblk, 1, phys);
        LittleEndian.put16(b, 2, n + 1);
        return 1;
    }

    /** Maps logical block {@code lblk} of {@code in} to the new block {@code phys}. */
    @Async
    static int insert(Ext4Inode in, long lblk, long phys) {
        Ext4Fs fs = in.efs;
        byte[] root = in.iblock;
        if (depth(root) == 0) {
            int r = addToLeaf(root, lblk, phys);
            if (r != 0) return r < 0 ? r : 0;
            int g = grow(in);
            if (g < 0) return g;
        }
        if (depth(root) != 1) return -Errno.EOPNOTSUPP;
        for (int attempt = 0; attempt < 2; attempt++) {
            int n = entries(root);
            if (n == 0) return -Errno.EUCLEAN;
            int pick = 0;
            for (int i = 0; i < n; i++) if (first(root, i) <= lblk) pick = i;
            long leafBlk = child(root, pick);
            byte[] leaf = new byte[fs.bs];
            int r = fs.readBlock(leafBlk, leaf);
            if (r < 0) return r;
            if (ExtentTree.checkHeader(leaf, 0, fs.bs, 0) < 0) return -Errno.EUCLEAN;
            r = addToLeaf(leaf, lblk, phys);
            if (r < 0) return r;
            if (r == 1) {
                if (lblk < first(root, pick)) setIndex(root, pick, lblk, leafBlk);
                return writeNode(in, leafBlk, leaf);
            }
            r = split(in, pick, leafBlk, leaf);
            if (r < 0) return r;
        }
        return -Errno.ENOSPC;
    }

    /** Moves the root's extents into a new leaf block and makes the root an index of depth 1. */
    @Async
    private static int grow(Ext4Inode in) {
        Ext4Fs fs = in.efs;
        byte[] root = in.iblock;
        long blk = fs.alloc.allocBlock(in.efs.sb.firstDataBlock);
        if (blk < 0) return (int) blk;
        in.blocks512 += fs.bs / 512;
        byte[] leaf = new byte[fs.bs];
        int n = entries(root);
        header(leaf, 0, n, (fs.bs - 12) / 12, 0);
        System.arraycopy(root, 12, leaf, 12, 12 * n);
        int r = writeNode(in, blk, leaf);
        if (r < 0) return r;
        for (int i = 12; i < 60; i++) root[i] = 0;
        header(root, 0, 1, 4, 1);
        setIndex(root, 0, n > 0 ? first(leaf, 0) : 0, blk);
        return 0;
    }

    /** Splits a full leaf: its upper half moves to a new leaf indexed right after it. */
    @Async
    private static int split(Ext4Inode in, int pick, long leafBlk, byte[] leaf) {
        Ext4Fs fs = in.efs;
        byte[] root = in.iblock;
        int rn = entries(root);
        if (rn >= max(root)) return -Errno.EFBIG;
        long blk = fs.alloc.allocBlock(leafBlk + 1);
        if (blk < 0) return (int) blk;
        in.blocks512 += fs.bs / 512;
        int n = entries(leaf);
        int keep = n / 2;
        byte[] upper = new byte[fs.bs];
        header(upper, 0, n - keep, max(leaf), 0);
        System.arraycopy(leaf, 12 + 12 * keep, upper, 12, 12 * (n - keep));
        LittleEndian.put16(leaf, 2, keep);
        int r = writeNode(in, leafBlk, leaf);
        if (r < 0) return r;
        r = writeNode(in, blk, upper);
        if (r < 0) return r;
        System.arraycopy(root, 12 + 12 * (pick + 1), root, 12 + 12 * (pick + 2), 12 * (rn - pick - 1));
        setIndex(root, pick + 1, first(upper, 0), blk);
        LittleEndian.put16(root, 2, rn + 1);
        return 0;
    }

    /** Drops every mapping at or beyond logical block {@code keep}, freeing the blocks (and emptied leaves). */
    @Async
    static int cut(Ext4Inode in, long keep) {
        Ext4Fs fs = in.efs;
        byte[] root = in.iblock;
        int d = depth(root);
        if (d == 0) return cutLeaf(in, root, keep);
        if (d != 1) return -Errno.EOPNOTSUPP;
        int n = entries(root);
        for (int i = n - 1; i >= 0; i--) {
            long leafBlk = child(root, i);
            byte[] leaf = new byte[fs.bs];
            int r = fs.readBlock(leafBlk, leaf);
            if (r < 0) return r;
            if (ExtentTree.checkHeader(leaf, 0, fs.bs, 0) < 0) return -Errno.EUCLEAN;
            r = cutLeaf(in, leaf, keep);
            if (r < 0) return r;
            if (entries(leaf) == 0) {
                r = fs.alloc.freeBlock(leafBlk);
                if (r < 0) return r;
                in.blocks512 -= fs.bs / 512;
                int rn = entries(root);
                System.arraycopy(root, 12 + 12 * (i + 1), root, 12 + 12 * i, 12 * (rn - i - 1));
                LittleEndian.put16(root, 2, rn - 1);
            } else {
                r = writeNode(in, leafBlk, leaf);
                if (r < 0) return r;
            }
        }
        if (entries(root) == 0) initRoot(root);
        return 0;
    }

    @Async
    private static int cutLeaf(Ext4Inode in, byte[] b, long keep) {
        Ext4Fs fs = in.efs;
        for (int i = entries(b) - 1; i >= 0; i--) {
            long f = first(b, i);
            int l = len(b, i);
            if (l > ExtentTree.INIT_MAX_LEN) l -= ExtentTree.INIT_MAX_LEN;
            long s = start(b, i);
            if (f + l <= keep) continue;
            long from = Math.max(f, keep);
            int r = fs.alloc.freeBlocks(s + (from - f), f + l - from);
            if (r < 0) return r;
            in.blocks512 -= (f + l - from) * (fs.bs / 512);
            if (from == f) {
                int n = entries(b);
                System.arraycopy(b, 12 + 12 * (i + 1), b, 12 + 12 * i, 12 * (n - i - 1));
                LittleEndian.put16(b, 2, n - 1);
            } else {
                int raw = len(b, i);
                int newLen = (int) (from - f) + (raw > ExtentTree.INIT_MAX_LEN ? ExtentTree.INIT_MAX_LEN : 0);
                setExtent(b, i, f, newLen, s);
            }
        }
        return 0;
    }
}
