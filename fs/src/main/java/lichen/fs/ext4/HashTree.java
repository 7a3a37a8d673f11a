package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.Result;

/**
 * Hash-tree (dir_index) lookup (ext4 disk layout, "Hash Tree Directories"):
 * block 0 holds dx_root ("." and ".." records, dx_root_info, then a sorted
 * array of {hash, block} entries), interior blocks dx_node, and leaves are
 * ordinary directory blocks. The name's hash picks one path down, so a lookup
 * reads depth + 1 blocks instead of the whole directory.
 */
final class HashTree {
    private HashTree() {}

    /** Checks a dx count/limit header at {@code at}; returns the count or -1. */
    static int entries(byte[] b, int at, int bs) {
        if (at < 0 || at > bs - 8) return -1;
        int limit = LittleEndian.u16(b, at);
        int count = LittleEndian.u16(b, at + 2);
        if (count == 0 || count > limit || at + 8L * limit > bs) return -1;
        return count;
    }

    /** The index of the last entry whose hash is at most {@code hash} (entry 0 stands for hash 0). */
    static int pick(byte[] b, int at, int count, int hash) {
        int lo = 1, hi = count - 1, found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int h = LittleEndian.i32(b, at + 8 * mid);
            if (Integer.compareUnsigned(h, hash) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    static long blockOf(byte[] b, int at, int i) {
        return LittleEndian.u32(b, at + 8 * i + 4) & 0x0FFFFFFFL;
    }

    @Async
    static Result<Ext4Directory.Slot> find(Ext4Inode dir, String name) {
        return find(dir, name, false);
    }

    /** With {@code leafOnly}, the leaf block where {@code name} belongs (read into the slot), found or not. */
    @Async
    static Result<Ext4Directory.Slot> find(Ext4Inode dir, String name, boolean leafOnly) {
        Ext4Fs fs = dir.efs;
        int bs = fs.bs;
        byte[] b = new byte[bs];
        long phys = Ext4Directory.readBlock(dir, 0, b);
        if (phys < 0) return Result.err((int) phys);
        if (phys == 0) return Result.err(-Errno.EUCLEAN);
        if (DirBlock.recLen(b, 0) != 12 || DirBlock.recLen(b, 12) != bs - 12) return Result.err(-Errno.EUCLEAN);
        int version = LittleEndian.u8(b, 0x1C);
        int infoLen = LittleEndian.u8(b, 0x1D);
        int levels = LittleEndian.u8(b, 0x1E);
        int maxLevels = (fs.sb.incompat & Features.INCOMPAT_LARGEDIR) != 0 ? 3 : 2;
        if (infoLen != 8 || levels >= maxLevels) return Result.err(-Errno.EUCLEAN);
        version = DirHash.variant(version, fs.sb.flags);
        byte[] nameBytes = DirBlock.nameBytes(name);
        int hash = DirHash.hash(nameBytes, nameBytes.length, version, fs.sb.hashSeed);
        if (hash == -1 && version > DirHash.TEA_UNSIGNED) return Result.err(-Errno.EUCLEAN);
        int at = 0x18 + infoLen;
        long nodePhys = phys;
        for (int level = 0; ; level++) {
            int count = entries(b, at, bs);
            if (count < 0) return Result.err(-Errno.EUCLEAN);
            int i = pick(b, at, count, hash);
            if (level == levels) {
                Result<Ext4Directory.Slot> r = searchLeaves(dir, b, at, count, i, hash, name, leafOnly);
                if (r.ok() && leafOnly) {
                    r.value.node = b;
                    r.value.nodePhys = nodePhys;
                    r.value.nodeAt = at;
                    r.value.nodeIndex = i;
                    r.value.version = version;
                }
                return r;
            }
            long next = blockOf(b, at, i);
            byte[] nb = new byte[bs];
            long p = Ext4Directory.readBlock(dir, next, nb);
            if (p <= 0) return Result.err(p < 0 ? (int) p : -Errno.EUCLEAN);
            if (DirBlock.inode(nb, 0) != 0 || DirBlock.recLen(nb, 0) != bs) return Result.err(-Errno.EUCLEAN);
            b = nb;
            at = 8;
            nodePhys = p;
        }
    }

    /** Looks in the leaf of entry i and, while the next entry continues a hash collision, in the following leaves. */
    @Async
    private static Result<Ext4Directory.Slot> searchLeaves(Ext4Inode dir, byte[] node, int at, int count, int i,
                                                           int hash, String name, boolean leafOnly) {
        Ext4Fs fs = dir.efs;
        for (int k = i; k < count; k++) {
            if (k > i) {
                int h = LittleEndian.i32(node, at + 8 * k);
                if ((h & 1) == 0 || (h & ~1) != hash) break;
            }
            long lblk = blockOf(node, at, k);
            byte[] leaf = new byte[fs.bs];
            long phys = Ext4Directory.readBlock(dir, lblk, leaf);
            if (phys < 0) return Result.err((int) phys);
            if (phys == 0 || !Ext4Directory.blockValid(leaf, fs.bs)) return Result.err(-Errno.EUCLEAN);
            Ext4Directory.Slot s = new Ext4Directory.Slot();
            if (leafOnly) {
                s.lblk = lblk;
                s.phys = phys;
                s.block = leaf;
                return Result.ok(s);
            }
            if (Ext4Directory.findInBlock(leaf, fs.bs, name, s)) {
                if (s.ino > fs.sb.inodesCount) return Result.err(-Errno.EUCLEAN);
                s.lblk = lblk;
                s.phys = phys;
                s.block = leaf;
                return Result.ok(s);
            }
        }
        return Result.err(-Errno.ENOENT);
    }
}
