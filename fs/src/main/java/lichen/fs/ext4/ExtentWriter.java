package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;

/**
 * Changing an extent tree: adding a block mapping (merged into a neighbouring
 * extent when contiguous) and cutting mappings off the end. A full leaf or
 * index block splits in two and its parent indexes the new half; a full root
 * in i_block moves its entries one level down and indexes them, so the tree
 * grows at the top like a B-tree (up to the depth of 5 the layout allows).
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

    /** Writes a leaf or index block with its checksum tail (crc32c of the inode seed over the node); 0 or an errno. */
    @Async
    static int writeNode(Ext4Inode in, long blk, byte[] b) {
        Ext4Fs fs = in.efs;
        if (fs.sb.metadataCsum()) {
            int end = 12 + 12 * max(b);
            LittleEndian.put32(b, end, Crc32c.update(in.checksumSeed(), b, 0, end));
        }
        int r = fs.writeBlock(blk, b);
        return r < 0 ? r : 0;
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
        long[] split = new long[2];
        int r = insertInto(in, in.iblock, -1, lblk, phys, split, 0);
        return r < 0 ? r : 0;
    }

    /** The entry of an index node to descend into for {@code lblk}: the last starting at or before it, else the first. */
    private static int pick(byte[] node, long lblk) {
        int pick = 0;
        for (int i = 0; i < entries(node); i++) if (first(node, i) <= lblk) pick = i;
        return pick;
    }

    @Async
    private static int write(Ext4Inode in, long blk, byte[] node) {
        return blk < 0 ? 0 : writeNode(in, blk, node);
    }

    /**
     * Adds lblk -> phys below {@code node} (the root in i_block when
     * {@code blk} is -1). Returns 0 when done, or 1 when the node split: its
     * upper half went to a new block, {@code split} = {first logical block,
     * new block}, for the caller to index. A full root grows a level instead.
     */
    @Async
    private static int insertInto(Ext4Inode in, byte[] node, long blk, long lblk, long phys, long[] split, int level) {
        Ext4Fs fs = in.efs;
        if (level > ExtentTree.MAX_DEPTH) return -Errno.EUCLEAN;
        if (depth(node) == 0) {
            int r = addToLeaf(node, lblk, phys);
            if (r < 0) return r;
            if (r == 1) return write(in, blk, node);
            if (blk < 0) {
                long[] child = new long[1];
                byte[] leaf = grow(in, child);
                if (leaf == null) return (int) child[0];
                r = addToLeaf(leaf, lblk, phys);
                if (r < 0) return r;
                if (lblk < first(node, 0)) setIndex(node, 0, lblk, child[0]);
                return writeNode(in, child[0], leaf);
            }
            return splitNode(in, node, blk, lblk, phys, true, split);
        }
        int i = pick(node, lblk);
        long childBlk = child(node, i);
        byte[] child = new byte[fs.bs];
        int r = fs.readBlock(childBlk, child);
        if (r < 0) return r;
        if (ExtentTree.checkHeader(child, 0, fs.bs, depth(node) - 1) < 0) return -Errno.EUCLEAN;
        r = insertInto(in, child, childBlk, lblk, phys, split, level + 1);
        if (r < 0) return r;
        boolean changed = false;
        if (lblk < first(node, i)) {
            setIndex(node, i, lblk, childBlk);
            changed = true;
        }
        if (r == 0) return changed ? write(in, blk, node) : 0;
        // The child split: index its new sibling right after it.
        if (entries(node) < max(node)) {
            addIndex(node, i + 1, split[0], split[1]);
            return write(in, blk, node);
        }
        if (blk < 0) {
            long[] moved = new long[1];
            byte[] below = grow(in, moved);
            if (below == null) return (int) moved[0];
            addIndex(below, i + 1, split[0], split[1]);
            return writeNode(in, moved[0], below);
        }
        long[] pending = {split[0], split[1]};
        return splitNode(in, node, blk, pending[0], pending[1], false, split);
    }

    private static void addIndex(byte[] node, int at, long first, long child) {
        int n = entries(node);
        System.arraycopy(node, 12 + 12 * at, node, 12 + 12 * (at + 1), 12 * (n - at));
        setIndex(node, at, first, child);
        LittleEndian.put16(node, 2, n + 1);
    }

    /**
     * Moves the root's entries into a new block one level down and makes the
     * root a single index entry over it; returns that block's bytes (its
     * number in {@code blkOut[0]}), or null with a negative errno there.
     */
    @Async
    private static byte[] grow(Ext4Inode in, long[] blkOut) {
        Ext4Fs fs = in.efs;
        byte[] root = in.iblock;
        int d = depth(root);
        if (d + 1 >= ExtentTree.MAX_DEPTH) {
            blkOut[0] = -Errno.EFBIG;
            return null;
        }
        long blk = fs.alloc.allocBlock(fs.gd.inodeTable((in.ino - 1) / fs.sb.inodesPerGroup));
        if (blk < 0) {
            blkOut[0] = blk;
            return null;
        }
        in.blocks512 += fs.bs / 512;
        byte[] b = new byte[fs.bs];
        int n = entries(root);
        header(b, 0, n, (fs.bs - 12) / 12, d);
        System.arraycopy(root, 12, b, 12, 12 * n);
        for (int i = 12; i < 60; i++) root[i] = 0;
        header(root, 0, 1, 4, d + 1);
        setIndex(root, 0, n > 0 ? first(b, 0) : 0, blk);
        blkOut[0] = blk;
        return b;
    }

    /**
     * Splits a full block node: the upper half of its entries moves to a new
     * block, then the entry (an extent, or an index entry when not a leaf)
     * goes into the half that covers it. Returns 1 with {@code split} set.
     */
    @Async
    private static int splitNode(Ext4Inode in, byte[] node, long blk, long first, long value, boolean leaf, long[] split) {
        Ext4Fs fs = in.efs;
        long newBlk = fs.alloc.allocBlock(blk + 1);
        if (newBlk < 0) return (int) newBlk;
        in.blocks512 += fs.bs / 512;
        int n = entries(node);
        int keep = n / 2;
        byte[] upper = new byte[fs.bs];
        header(upper, 0, n - keep, max(node), depth(node));
        System.arraycopy(node, 12 + 12 * keep, upper, 12, 12 * (n - keep));
        LittleEndian.put16(node, 2, keep);
        byte[] target = first >= first(upper, 0) ? upper : node;
        if (leaf) {
            int r = addToLeaf(target, first, value);
            if (r <= 0) return r < 0 ? r : -Errno.EUCLEAN;
        } else {
            int at = 0;
            while (at < entries(target) && first(target, at) <= first) at++;
            addIndex(target, at, first, value);
        }
        int r = writeNode(in, blk, node);
        if (r < 0) return r;
        r = writeNode(in, newBlk, upper);
        if (r < 0) return r;
        split[0] = first(upper, 0);
        split[1] = newBlk;
        return 1;
    }

    /** Drops every mapping at or beyond logical block {@code keep}, freeing the blocks (and emptied tree blocks). */
    @Async
    static int cut(Ext4Inode in, long keep) {
        byte[] root = in.iblock;
        int r = cutNode(in, root, keep, 0);
        if (r < 0) return r;
        if (entries(root) == 0) initRoot(root);
        return 0;
    }

    /** Cuts below one node (already read); returns 1 when the node changed, 0 when not, or a negative errno. */
    @Async
    private static int cutNode(Ext4Inode in, byte[] node, long keep, int level) {
        Ext4Fs fs = in.efs;
        if (level > ExtentTree.MAX_DEPTH) return -Errno.EUCLEAN;
        if (depth(node) == 0) {
            int before = entries(node);
            int lastLen = before == 0 ? 0 : len(node, before - 1);
            if (lastLen > ExtentTree.INIT_MAX_LEN) lastLen -= ExtentTree.INIT_MAX_LEN;
            long lastEnd = before == 0 ? 0 : first(node, before - 1) + lastLen;
            if (lastEnd <= keep) return 0;
            int r = cutLeaf(in, node, keep);
            return r < 0 ? r : 1;
        }
        boolean changed = false;
        for (int i = entries(node) - 1; i >= 0; i--) {
            long next = i + 1 < entries(node) ? first(node, i + 1) : Long.MAX_VALUE;
            if (next <= keep) break;                              // this child and those before it lie below keep
            long childBlk = child(node, i);
            byte[] child = new byte[fs.bs];
            int r = fs.readBlock(childBlk, child);
            if (r < 0) return r;
            if (ExtentTree.checkHeader(child, 0, fs.bs, depth(node) - 1) < 0) return -Errno.EUCLEAN;
            r = cutNode(in, child, keep, level + 1);
            if (r < 0) return r;
            if (entries(child) == 0) {
                r = fs.alloc.freeBlock(childBlk);
                if (r < 0) return r;
                in.blocks512 -= fs.bs / 512;
                int n = entries(node);
                System.arraycopy(node, 12 + 12 * (i + 1), node, 12 + 12 * i, 12 * (n - i - 1));
                LittleEndian.put16(node, 2, n - 1);
                changed = true;
            } else if (r == 1) {
                r = writeNode(in, childBlk, child);
                if (r < 0) return r;
            }
        }
        return changed ? 1 : 0;
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
