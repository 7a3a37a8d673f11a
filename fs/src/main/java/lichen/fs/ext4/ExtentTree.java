package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;

/**
 * Reading the extent tree of an inode (ext4 disk layout, "Extent Tree"): a
 * 12-byte header (magic 0xF30A, entries, max, depth) then 12-byte index or
 * leaf entries, the root in i_block and lower levels in blocks. Every header
 * is checked against the space it lives in, and depth must fall by one per
 * level, so a corrupt tree ends in -EUCLEAN rather than a loop or an
 * out-of-range access.
 */
final class ExtentTree {
    static final int MAGIC = 0xF30A;
    static final int MAX_DEPTH = 5;
    static final int INIT_MAX_LEN = 32768;

    private ExtentTree() {}

    /** Checks a header at {@code off} in a node of {@code room} bytes; returns its entry count or -EUCLEAN. */
    static int checkHeader(byte[] node, int off, int room, int expectDepth) {
        if (LittleEndian.u16(node, off) != MAGIC) return -Errno.EUCLEAN;
        int entries = LittleEndian.u16(node, off + 2);
        int max = LittleEndian.u16(node, off + 4);
        int depth = LittleEndian.u16(node, off + 6);
        if (entries > max || 12 + 12L * max > room) return -Errno.EUCLEAN;
        if (depth > MAX_DEPTH || (expectDepth >= 0 && depth != expectDepth)) return -Errno.EUCLEAN;
        return entries;
    }

    /**
     * Maps logical block {@code lblk}: the physical block (0 in a hole or an
     * unwritten extent, which reads as zeros) or a negative errno;
     * {@code run[0]} receives how many blocks from lblk share the answer.
     */
    @Async
    static long map(Ext4Fs fs, Ext4Inode in, long lblk, long[] run) {
        byte[] node = in.iblock();
        int base = 0;
        int room = 60;
        int depth = -1;
        long nextStart = 1L << 32;   // first logical block beyond this subtree
        for (int level = 0; level <= MAX_DEPTH; level++) {
            int entries = checkHeader(node, base, room, depth);
            if (entries < 0) return entries;
            int d = LittleEndian.u16(node, base + 6);
            if (d == 0) return mapLeaf(fs, node, base, entries, lblk, nextStart, run);
            int pick = -1;
            for (int i = 0; i < entries; i++) {
                long first = LittleEndian.u32(node, base + 12 + 12 * i);
                if (first <= lblk) pick = i;
                else {
                    nextStart = Math.min(nextStart, first);
                    break;
                }
            }
            if (pick < 0) {
                run[0] = Math.max(1, (entries > 0 ? LittleEndian.u32(node, base + 12) : nextStart) - lblk);
                return 0;
            }
            int e = base + 12 + 12 * pick;
            long child = LittleEndian.u32(node, e + 4) | (long) LittleEndian.u16(node, e + 8) << 32;
            byte[] blk = new byte[fs.bs];
            int r = fs.readBlock(child, blk);
            if (r < 0) return r;
            if (fs.verify && ExtentTree.checkHeader(blk, 0, fs.bs, -1) >= 0) {
                int end = 12 + 12 * LittleEndian.u16(blk, 4);
                if (end <= fs.bs - 4 && Crc32c.update(in.checksumSeed(), blk, 0, end) != LittleEndian.i32(blk, end)) {
                    return -Errno.EFSBADCRC;
                }
            }
            node = blk;
            base = 0;
            room = fs.bs;
            depth = d - 1;
        }
        return -Errno.EUCLEAN;
    }

    private static long mapLeaf(Ext4Fs fs, byte[] node, int base, int entries, long lblk, long nextStart, long[] run) {
        for (int i = 0; i < entries; i++) {
            int e = base + 12 + 12 * i;
            long first = LittleEndian.u32(node, e);
            int rawLen = LittleEndian.u16(node, e + 4);
            boolean unwritten = rawLen > INIT_MAX_LEN;
            int len = unwritten ? rawLen - INIT_MAX_LEN : rawLen;
            long start = LittleEndian.u32(node, e + 8) | (long) LittleEndian.u16(node, e + 6) << 32;
            if (lblk < first) {
                run[0] = first - lblk;
                return 0;
            }
            if (lblk < first + len) {
                if (len == 0 || start < fs.sb.firstDataBlock || start + len > fs.sb.blocksCount) return -Errno.EUCLEAN;
                run[0] = first + len - lblk;
                return unwritten ? 0 : start + (lblk - first);
            }
        }
        run[0] = Math.max(1, nextStart - lblk);
        return 0;
    }
}
