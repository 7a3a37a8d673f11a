package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.Result;
import lichen.fs.vfs.DirSink;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.Inode;

/**
 * Reading directories: linear scans and hash-tree (dir_index) lookups (ext4
 * disk layout, "Hash Tree Directories"). A directory's blocks are walked
 * only up to its size; every record is checked before use.
 */
final class Ext4Directory {
    private Ext4Directory() {}

    /** Where a name was found: the logical block, the record offset and the previous record's offset (-1 at the start). */
    static final class Slot {
        long lblk;
        long phys;
        int off;
        int prev;
        long ino;
        byte[] block;
        // For a hash-tree leaf located by HashTree.find(dir, name, true): the index node above it.
        byte[] node;
        long nodePhys;
        int nodeAt;
        int nodeIndex;
        int version;
    }

    /** Blocks to visit: the size in blocks, capped at 2 GiB (4 GiB with largedir) as Linux caps directories. */
    static long blockCount(Ext4Inode dir) {
        long cap = (dir.efs.sb.incompat & Features.INCOMPAT_LARGEDIR) != 0 ? 1L << 32 : 1L << 31;
        return (Math.min(dir.size, cap) + dir.efs.bs - 1) / dir.efs.bs;
    }

    /** Reads logical block {@code lblk} of {@code dir} into buf; returns the physical block, 0 for a hole, or a negative errno. */
    @Async
    static long readBlock(Ext4Inode dir, long lblk, byte[] buf) {
        return readBlock(dir, lblk, buf, new long[1]);
    }

    /** As above; in a hole, {@code run[0]} is how many blocks the hole spans, so callers skip it at once. */
    @Async
    static long readBlock(Ext4Inode dir, long lblk, byte[] buf, long[] run) {
        long phys = dir.map(lblk, run);
        if (phys <= 0) return phys;
        int r = dir.efs.readBlock(phys, buf);
        if (r < 0) return r;
        return tailMatches(dir, buf) ? phys : -Errno.EFSBADCRC;
    }

    /** A leaf block with a checksum tail must match it (blocks without a tail are hash-tree nodes, checked there). */
    static boolean tailMatches(Ext4Inode dir, byte[] b) {
        Ext4Fs fs = dir.efs;
        if (!fs.verify || !DirBlock.isTail(b, fs.bs - DirBlock.TAIL, fs.bs)) return true;
        return Crc32c.update(dir.checksumSeed(), b, 0, fs.bs - DirBlock.TAIL) == LittleEndian.i32(b, fs.bs - 4);
    }

    @Async
    static Result<Inode> lookup(Ext4Inode dir, String name) {
        Ext4Fs fs = dir.efs;
        Slot s;
        if (name.equals(".")) return Result.ok(dir);
        if ((dir.flags & Features.INODE_INDEX_FL) != 0 && fs.sb.dirIndex() && !name.equals("..")) {
            Result<Slot> r = HashTree.find(dir, name);
            if (!r.ok()) return r.cast();
            s = r.value;
        } else {
            Result<Slot> r = findLinear(dir, name);
            if (!r.ok()) return r.cast();
            s = r.value;
        }
        Result<Ext4Inode> in = fs.inode(s.ino);
        if (!in.ok()) return in.cast();
        if (in.value.nlink == 0 && in.value.mode == 0) return Result.err(-Errno.EUCLEAN);
        return Result.ok(in.value);
    }

    /** Finds {@code name} in logical block lblk (already read into slot.block). */
    static boolean findInBlock(byte[] b, int bs, String name, Slot slot) {
        int prev = -1;
        for (int off = 0; off < bs; ) {
            int rec = DirBlock.check(b, off, bs);
            if (rec < 0) return false;
            if (DirBlock.inode(b, off) != 0 && DirBlock.nameEquals(b, off, name)) {
                slot.off = off;
                slot.prev = prev;
                slot.ino = DirBlock.inode(b, off);
                return true;
            }
            prev = off;
            off += rec;
        }
        return false;
    }

    /** Checks a whole block's record chain: true when it is intact. */
    static boolean blockValid(byte[] b, int bs) {
        int count = 0;
        for (int off = 0; off < bs; count++) {
            int rec = DirBlock.check(b, off, bs);
            if (rec < 0 || count > bs / 8) return false;
            off += rec;
        }
        return true;
    }

    @Async
    static Result<Slot> findLinear(Ext4Inode dir, String name) {
        Ext4Fs fs = dir.efs;
        byte[] b = new byte[fs.bs];
        long n = blockCount(dir);
        long[] run = new long[1];
        for (long l = 0; l < n; l++) {
            long phys = readBlock(dir, l, b, run);
            if (phys < 0) return Result.err((int) phys);
            if (phys == 0) {
                l += run[0] - 1;
                continue;
            }
            if (!blockValid(b, fs.bs)) return Result.err(-Errno.EUCLEAN);
            Slot s = new Slot();
            if (findInBlock(b, fs.bs, name, s)) {
                if (s.ino > fs.sb.inodesCount) return Result.err(-Errno.EUCLEAN);
                s.lblk = l;
                s.phys = phys;
                s.block = b;
                return Result.ok(s);
            }
        }
        return Result.err(-Errno.ENOENT);
    }

    /**
     * Entries from position {@code cookie}, "." and ".." included (Linux
     * reads them from the directory too): in hash order where Linux lists
     * in hash order ({@link HashOrder}), else in block order.
     */
    @Async
    static int readdir(Ext4Inode dir, long cookie, DirSink sink) {
        if (HashOrder.applies(dir)) return HashOrder.readdir(dir, cookie, sink);
        return readLinear(dir, cookie, sink);
    }

    /**
     * Entries in block order from byte position {@code cookie}: an entry's
     * position is its byte offset in the directory (block * size + offset),
     * so it stays valid while other entries come and go; the walk ends at
     * the end of the last block.
     */
    @Async
    static int readLinear(Ext4Inode dir, long cookie, DirSink sink) {
        Ext4Fs fs = dir.efs;
        int bs = fs.bs;
        byte[] b = new byte[bs];
        long n = blockCount(dir);
        long[] run = new long[1];
        DeferredEntry out = new DeferredEntry(sink);
        for (long l = Math.max(0, cookie / bs); l < n; l++) {
            long phys = dir.map(l, run);
            if (phys < 0) return (int) phys;
            if (phys == 0) {
                l += run[0] - 1;
                continue;
            }
            int r = fs.readBlock(phys, b);
            if (r < 0) return r;
            if (!tailMatches(dir, b)) return -Errno.EFSBADCRC;
            if (!blockValid(b, bs)) return -Errno.EUCLEAN;
            for (int off = 0; off < bs; off += DirBlock.recLen(b, off)) {
                long pos = l * bs + off;
                long ino = DirBlock.inode(b, off);
                if (pos < cookie || ino == 0 || DirBlock.isTail(b, off, bs)) continue;
                String name = DirBlock.name(b, off);
                if (name.isEmpty()) continue;
                if (ino > fs.sb.inodesCount) return -Errno.EUCLEAN;
                int type = fs.sb.fileType() ? dtype(DirBlock.fileType(b, off)) : FileMode.DT_UNKNOWN;
                if (!out.offer(ino, type, name, pos)) return 0;
            }
        }
        out.finish(Math.max(cookie, n * bs));
        return 0;
    }

    /** ext4 file_type codes (1 regular .. 7 symlink) to getdents d_type. */
    static int dtype(int ft) {
        return switch (ft) {
            case 1 -> FileMode.DT_REG;
            case 2 -> FileMode.DT_DIR;
            case 3 -> FileMode.DT_CHR;
            case 4 -> FileMode.DT_BLK;
            case 5 -> FileMode.DT_FIFO;
            case 6 -> FileMode.DT_SOCK;
            case 7 -> FileMode.DT_LNK;
            default -> FileMode.DT_UNKNOWN;
        };
    }

    /** The ext4 file_type code of a mode. */
    static int fileType(int mode) {
        return switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFREG -> 1;
            case FileMode.S_IFDIR -> 2;
            case FileMode.S_IFCHR -> 3;
            case FileMode.S_IFBLK -> 4;
            case FileMode.S_IFIFO -> 5;
            case FileMode.S_IFSOCK -> 6;
            case FileMode.S_IFLNK -> 7;
            default -> 0;
        };
    }

    /** Reads a u32 safely, or -1 when out of the block. */
    static long u32(byte[] b, int off) {
        return off < 0 || off > b.length - 4 ? -1 : LittleEndian.u32(b, off);
    }
}
