package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.vfs.DirSink;
import lichen.fs.vfs.FileMode;

/**
 * Listing a hashed directory in hash order, as Linux does. On a filesystem
 * with dir_index, Linux treats a directory as hashed when it has the index
 * flag or is exactly one block long (fs/ext4/dir.c, is_dx_dir), and lists it
 * sorted by (major hash, minor hash). A one-block directory without an index
 * has every record of its block hashed with the filesystem's default hash,
 * "." and ".." included; an indexed one lists "." and ".." first (as hashes
 * 0 and 2) and then its leaves in index order, each leaf (with the leaves
 * that continue a hash collision into it) sorted by hash.
 *
 * A position is the entry's hash as a 64-bit caller sees it, (major >> 1)
 * << 32 | minor, and {@link #END} ends the directory; each entry goes out
 * with the position of the entry after it (see {@link DeferredEntry}), so a
 * seek to any d_off resumes from that hash. Nothing is kept between calls:
 * every call lists what now lies at or after its position.
 */
final class HashOrder {
    /** The position after the last entry (EXT4_HTREE_EOF_64BIT). */
    static final long END = 0x7FFFFFFFFFFFFFFFL;

    private HashOrder() {}

    /** Whether Linux lists {@code dir} in hash order (is_dx_dir): dir_index, and the index flag or a size of one block. */
    static boolean applies(Ext4Inode dir) {
        Ext4Fs fs = dir.efs;
        return fs.sb.dirIndex() && ((dir.flags & Features.INODE_INDEX_FL) != 0 || dir.size / fs.bs == 1);
    }

    /** The position of the major and minor hash {@link DirHash#hashes} returns (hash2pos: the major's low bit is always clear). */
    static long position(long hashes) {
        return ((hashes >>> 33) << 32) | (hashes & 0xFFFFFFFFL);
    }

    /**
     * Entries at or after position {@code cookie}: 0, or a negative errno. An
     * index root that cannot be used is listed as a linear directory, as
     * Linux falls back for ERR_BAD_DX_DIR (ext4_readdir).
     */
    @Async
    static int readdir(Ext4Inode dir, long cookie, DirSink sink) {
        if (cookie >= END) return 0;
        Ext4Fs fs = dir.efs;
        byte[] b = new byte[fs.bs];
        long phys = Ext4Directory.readBlock(dir, 0, b);
        if (phys < 0) return (int) phys;
        if (phys == 0) return -Errno.EUCLEAN;
        DeferredEntry out = new DeferredEntry(sink);
        Batch batch = new Batch(fs.bs / 12 + 2);
        int r;
        if ((dir.flags & Features.INODE_INDEX_FL) == 0) {
            r = batch.addBlock(dir, b, DirHash.variant(fs.sb.defHashVersion, fs.sb.flags), cookie);
            if (r == 0) r = batch.flush(out);
        } else {
            int infoLen = LittleEndian.u8(b, 0x1D);
            int levels = LittleEndian.u8(b, 0x1E);
            int maxLevels = (fs.sb.incompat & Features.INCOMPAT_LARGEDIR) != 0 ? 3 : 2;
            int version = DirHash.variant(LittleEndian.u8(b, 0x1C), fs.sb.flags);
            boolean rootUsable = DirBlock.recLen(b, 0) == 12 && DirBlock.recLen(b, 12) == fs.bs - 12
                    && infoLen == 8 && levels < maxLevels && version <= DirHash.TEA_UNSIGNED;
            if (!rootUsable) return Ext4Directory.readLinear(dir, cookie, sink);
            // "." and ".." come from the root block and stand at hashes 0 and 2 (ext4_htree_fill_tree).
            r = batch.addDot(fs, b, 0, 0, cookie);
            if (r == 0) r = batch.addDot(fs, b, 12, 1L << 32, cookie);
            if (r == 0) r = walk(dir, b, 0x18 + infoLen, 0, 0, levels, version, cookie, true, batch, out);
            if (r == 0) r = batch.flush(out);
        }
        if (r < 0) return r;
        if (r == 0) out.finish(END);
        return 0;
    }

    /**
     * The leaves under an index node from the one holding {@code cookie}'s
     * hash ({@code first}) or from its start. A leaf whose index hash has the
     * low bit set continues a collision from the leaf before, so the batch is
     * sorted and sent only before a leaf without it. 0 to go on, 1 when the
     * sink is full, or a negative errno.
     */
    @Async
    private static int walk(Ext4Inode dir, byte[] node, int at, int nodeHash, int level, int levels, int version,
                            long cookie, boolean first, Batch batch, DeferredEntry out) {
        Ext4Fs fs = dir.efs;
        int count = HashTree.entries(node, at, fs.bs);
        if (count < 0) return -Errno.EUCLEAN;
        int from = first ? HashTree.pick(node, at, count, (int) ((cookie >>> 32) << 1)) : 0;
        for (int k = from; k < count; k++) {
            int hash = k == 0 ? nodeHash : LittleEndian.i32(node, at + 8 * k);
            long lblk = HashTree.blockOf(node, at, k);
            byte[] b = new byte[fs.bs];
            long phys = Ext4Directory.readBlock(dir, lblk, b);
            if (phys < 0) return (int) phys;
            if (phys == 0) return -Errno.EUCLEAN;
            int r;
            if (level < levels) {
                if (DirBlock.inode(b, 0) != 0 || DirBlock.recLen(b, 0) != fs.bs) return -Errno.EUCLEAN;
                r = walk(dir, b, 8, hash, level + 1, levels, version, cookie, first && k == from, batch, out);
            } else {
                // As ext4_htree_fill_tree: a fill ends after a leaf when it holds entries and the next leaf starts a new hash.
                r = (hash & 1) == 0 && batch.leafRead ? batch.flush(out) : 0;
                if (r == 0) r = batch.addBlock(dir, b, version, cookie);
            }
            if (r != 0) return r;
        }
        return 0;
    }

    /** Entries gathered for sorting, in the order their blocks were read. */
    private static final class Batch {
        long[] pos;
        long[] inos;
        int[] types;
        String[] names;
        int n;
        /** Whether a leaf has been read since the last flush ("." and ".." always go out with the first leaf). */
        boolean leafRead;

        Batch(int capacity) {
            pos = new long[capacity];
            inos = new long[capacity];
            types = new int[capacity];
            names = new String[capacity];
        }

        void add(long p, long ino, int type, String name) {
            if (n == pos.length) {
                int c = 2 * n;
                long[] np = new long[c];
                long[] ni = new long[c];
                int[] nt = new int[c];
                String[] nn = new String[c];
                System.arraycopy(pos, 0, np, 0, n);
                System.arraycopy(inos, 0, ni, 0, n);
                System.arraycopy(types, 0, nt, 0, n);
                System.arraycopy(names, 0, nn, 0, n);
                pos = np;
                inos = ni;
                types = nt;
                names = nn;
            }
            pos[n] = p;
            inos[n] = ino;
            types[n] = type;
            names[n] = name;
            n++;
        }

        /** The "." or ".." record at {@code off} of an index root, at position {@code p}. */
        int addDot(Ext4Fs fs, byte[] root, int off, long p, long cookie) {
            long ino = DirBlock.inode(root, off);
            if (ino > fs.sb.inodesCount) return -Errno.EUCLEAN;
            if (p >= cookie && ino != 0) add(p, ino, type(fs, root, off), DirBlock.name(root, off));
            return 0;
        }

        /** Every record of a leaf (or of a lone block) whose hash lies at or after {@code cookie}. */
        int addBlock(Ext4Inode dir, byte[] b, int version, long cookie) {
            Ext4Fs fs = dir.efs;
            int bs = fs.bs;
            if (!Ext4Directory.blockValid(b, bs)) return -Errno.EUCLEAN;
            leafRead = true;
            for (int off = 0; off < bs; off += DirBlock.recLen(b, off)) {
                long ino = DirBlock.inode(b, off);
                if (ino == 0 || DirBlock.isTail(b, off, bs)) continue;
                String name = DirBlock.name(b, off);
                if (name.isEmpty()) continue;
                if (ino > fs.sb.inodesCount) return -Errno.EUCLEAN;
                byte[] nb = DirBlock.nameBytes(name);
                long p = position(DirHash.hashes(nb, nb.length, version, fs.sb.hashSeed));
                if (p >= cookie) add(p, ino, type(fs, b, off), name);
            }
            return 0;
        }

        private static int type(Ext4Fs fs, byte[] b, int off) {
            return fs.sb.fileType() ? Ext4Directory.dtype(DirBlock.fileType(b, off)) : FileMode.DT_UNKNOWN;
        }

        /** Sends the batch in hash order and empties it: 0, or 1 when the sink is full. */
        int flush(DeferredEntry out) {
            int[] order = sortedByPosition();
            int stopped = 0;
            for (int i = 0; i < n && stopped == 0; i++) {
                int e = order[i];
                if (!out.offer(inos[e], types[e], names[e], pos[e])) stopped = 1;
            }
            n = 0;
            leafRead = false;
            return stopped;
        }

        /**
         * Indices in position order. Equal positions (a full 64-bit hash
         * collision) come as Linux's rb-tree chains them: the first one read,
         * then the others newest first (ext4_htree_store_dirent puts each new
         * one right after the first).
         */
        private int[] sortedByPosition() {
            int[] a = new int[n];
            int[] tmp = new int[n];
            for (int i = 0; i < n; i++) a[i] = i;
            // Bottom-up merge sort: stable, so equal positions stay in reading order.
            for (int width = 1; width < n; width *= 2) {
                for (int lo = 0; lo < n - width; lo += 2 * width) {
                    int mid = lo + width, hi = Math.min(lo + 2 * width, n);
                    int i = lo, j = mid, k = lo;
                    while (i < mid && j < hi) tmp[k++] = pos[a[j]] < pos[a[i]] ? a[j++] : a[i++];
                    while (i < mid) tmp[k++] = a[i++];
                    while (j < hi) tmp[k++] = a[j++];
                    System.arraycopy(tmp, lo, a, lo, hi - lo);
                }
            }
            for (int s = 0; s < n; ) {
                int e = s + 1;
                while (e < n && pos[a[e]] == pos[a[s]]) e++;
                for (int i = s + 1, j = e - 1; i < j; i++, j--) {
                    int t = a[i]; a[i] = a[j]; a[j] = t;
                }
                s = e;
            }
            return a;
        }
    }
}
