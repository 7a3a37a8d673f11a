package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;

/**
 * Splitting a full hash-tree leaf (ext4 disk layout, "Hash Tree
 * Directories"): the leaf's records and the new one are ordered by hash, the
 * upper half moves to a new block at the end of the directory, and the index
 * node above gets an entry {first hash of the upper half, new block}. Records
 * with equal hashes stay together. When the index node is full the add is
 * -ENOSPC (index nodes are not split).
 */
final class HashTreeSplit {
    private HashTreeSplit() {}

    @Async
    static int split(Ext4Inode dir, Ext4Directory.Slot leaf, String name, long ino, int type) {
        Ext4Fs fs = dir.efs;
        int bs = fs.bs;
        byte[] node = leaf.node;
        int at = leaf.nodeAt;
        int limit = LittleEndian.u16(node, at);
        int count = LittleEndian.u16(node, at + 2);
        if (count >= limit) return -Errno.ENOSPC;
        // The leaf's records plus the new one.
        int max = bs / 12 + 1;
        String[] names = new String[max];
        long[] inos = new long[max];
        int[] types = new int[max];
        int[] hashes = new int[max];
        int n = 0;
        byte[] b = leaf.block;
        for (int off = 0; off < bs && n < max - 1; ) {
            int rec = DirBlock.check(b, off, bs);
            if (rec < 0) return -Errno.EUCLEAN;
            if (DirBlock.inode(b, off) != 0 && !DirBlock.isTail(b, off, bs)) {
                names[n] = DirBlock.name(b, off);
                inos[n] = DirBlock.inode(b, off);
                types[n] = DirBlock.fileType(b, off);
                n++;
            }
            off += rec;
        }
        names[n] = name;
        inos[n] = ino;
        types[n] = type;
        n++;
        for (int i = 0; i < n; i++) {
            byte[] nb = DirBlock.nameBytes(names[i]);
            hashes[i] = DirHash.hash(nb, nb.length, leaf.version, fs.sb.hashSeed);
        }
        // Insertion sort by unsigned hash (a leaf holds at most a few hundred records).
        for (int i = 1; i < n; i++) {
            for (int j = i; j > 0 && Integer.compareUnsigned(hashes[j - 1], hashes[j]) > 0; j--) {
                int h = hashes[j]; hashes[j] = hashes[j - 1]; hashes[j - 1] = h;
                String s = names[j]; names[j] = names[j - 1]; names[j - 1] = s;
                long x = inos[j]; inos[j] = inos[j - 1]; inos[j - 1] = x;
                int t = types[j]; types[j] = types[j - 1]; types[j - 1] = t;
            }
        }
        int m = n / 2;
        while (m < n && hashes[m] == hashes[m - 1]) m++;
        if (m == n) {
            m = n / 2;
            while (m > 0 && hashes[m] == hashes[m - 1]) m--;
        }
        if (m == 0) return -Errno.ENOSPC;
        int usable = fs.sb.metadataCsum() ? bs - DirBlock.TAIL : bs;
        byte[] lower = pack(fs, dir, names, inos, types, 0, m, usable);
        byte[] upper = pack(fs, dir, names, inos, types, m, n, usable);
        if (lower == null || upper == null) return -Errno.ENOSPC;
        long newLblk = Ext4Directory.blockCount(dir);
        long phys = FileBlocks.mapAlloc(dir, newLblk);
        if (phys < 0) return (int) phys;
        dir.size = (newLblk + 1) * bs;
        int r = fs.writeBlock(leaf.phys, lower);
        if (r < 0) return r;
        r = fs.writeBlock(phys, upper);
        if (r < 0) return r;
        int pos = leaf.nodeIndex + 1;
        System.arraycopy(node, at + 8 * pos, node, at + 8 * (pos + 1), 8 * (count - pos));
        LittleEndian.put32(node, at + 8 * pos, hashes[m]);
        LittleEndian.put32(node, at + 8 * pos + 4, newLblk);
        LittleEndian.put16(node, at + 2, count + 1);
        if (fs.sb.metadataCsum()) DirWriter.setDxChecksum(dir, node, at);
        r = fs.writeBlock(leaf.nodePhys, node);
        if (r < 0) return r;
        return dir.store();
    }

    /** Records [from, to) packed into a fresh block, the last stretched to the end; null when they do not fit. */
    private static byte[] pack(Ext4Fs fs, Ext4Inode dir, String[] names, long[] inos, int[] types, int from, int to,
                               int usable) {
        byte[] b = new byte[fs.bs];
        int off = 0;
        for (int i = from; i < to; i++) {
            int need = DirBlock.needed(names[i].length());
            int rec = i == to - 1 ? usable - off : need;
            if (off + need > usable) return null;
            DirBlock.put(b, off, inos[i], rec, names[i], types[i]);
            off += need;
        }
        if (fs.sb.metadataCsum()) DirBlock.setTail(b, fs.bs, dir.checksumSeed());
        return b;
    }
}
