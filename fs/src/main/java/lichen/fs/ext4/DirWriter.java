package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.Result;

/**
 * Changing directory blocks: adding a record where a block has slack (or in
 * a new block at the end), removing one by merging it into its predecessor,
 * and pointing ".." elsewhere. Blocks keep their metadata_csum tails. In a
 * hash-tree directory a name goes into the leaf its hash selects, and a full
 * leaf is split ({@link HashTreeSplit}).
 */
final class DirWriter {
    private DirWriter() {}

    private static boolean csum(Ext4Fs fs) {
        return fs.sb.metadataCsum();
    }

    @Async
    static int writeDirBlock(Ext4Inode dir, long phys, byte[] b) {
        Ext4Fs fs = dir.efs;
        if (csum(fs) && DirBlock.isTail(b, fs.bs - DirBlock.TAIL, fs.bs)) DirBlock.setTail(b, fs.bs, dir.checksumSeed());
        return fs.writeBlock(phys, b);
    }

    /** Puts a record for {@code name} into block b if some record has room; true when done. */
    private static boolean place(byte[] b, int bs, String name, long ino, int type) {
        int need = DirBlock.needed(name.length());
        for (int off = 0; off < bs; ) {
            int rec = DirBlock.check(b, off, bs);
            if (rec < 0) return false;
            if (!DirBlock.isTail(b, off, bs)) {
                long cur = DirBlock.inode(b, off);
                int used = cur != 0 ? DirBlock.needed(DirBlock.nameLen(b, off)) : 0;
                if (rec - used >= need) {
                    if (cur != 0) {
                        LittleEndian.put16(b, off + 4, used);
                        DirBlock.put(b, off + used, ino, rec - used, name, type);
                    } else {
                        DirBlock.put(b, off, ino, rec, name, type);
                    }
                    return true;
                }
            }
            off += rec;
        }
        return false;
    }

    /** Adds the record name -> ino with the ext4 file type code {@code type}. */
    @Async
    static int add(Ext4Inode dir, String name, long ino, int type) {
        Ext4Fs fs = dir.efs;
        int bs = fs.bs;
        if ((dir.flags & Features.INODE_INDEX_FL) != 0 && fs.sb.dirIndex()) {
            Result<Ext4Directory.Slot> leaf = HashTree.find(dir, name, true);
            if (!leaf.ok()) return leaf.error;
            if (!place(leaf.value.block, bs, name, ino, type)) return HashTreeSplit.split(dir, leaf.value, name, ino, type);
            return writeDirBlock(dir, leaf.value.phys, leaf.value.block);
        }
        byte[] b = new byte[bs];
        long n = Ext4Directory.blockCount(dir);
        long[] run = new long[1];
        for (long l = 0; l < n; l++) {
            long phys = Ext4Directory.readBlock(dir, l, b, run);
            if (phys < 0) return (int) phys;
            if (phys == 0) {
                l += run[0] - 1;
                continue;
            }
            if (!Ext4Directory.blockValid(b, bs)) return -Errno.EUCLEAN;
            if (place(b, bs, name, ino, type)) return writeDirBlock(dir, phys, b);
        }
        long phys = FileBlocks.mapAlloc(dir, n);
        if (phys < 0) return (int) phys;
        byte[] nb = new byte[bs];
        int usable = csum(fs) ? bs - DirBlock.TAIL : bs;
        DirBlock.put(nb, 0, ino, usable, name, type);
        if (csum(fs)) DirBlock.setTail(nb, bs, dir.checksumSeed());
        dir.size = (n + 1) * bs;
        return writeDirBlock(dir, phys, nb);
    }

    /** Removes the record of a found slot (merging it into the previous record of its block). */
    @Async
    static int remove(Ext4Inode dir, Ext4Directory.Slot s) {
        byte[] b = s.block;
        int rec = DirBlock.recLen(b, s.off);
        if (s.prev >= 0) {
            LittleEndian.put16(b, s.prev + 4, DirBlock.recLen(b, s.prev) + rec);
        } else {
            LittleEndian.put32(b, s.off, 0);
        }
        return writeDirBlock(dir, s.phys, b);
    }

    /** Changes the inode of a found record in place (rename over an existing name). */
    @Async
    static int retarget(Ext4Inode dir, Ext4Directory.Slot s, long ino, int type) {
        LittleEndian.put32(s.block, s.off, ino);
        if (dir.efs.sb.fileType()) LittleEndian.put8(s.block, s.off + 7, type);
        return writeDirBlock(dir, s.phys, s.block);
    }

    /** Points the ".." record of {@code dir} (the second record of block 0) at {@code parent}. */
    @Async
    static int setParent(Ext4Inode dir, long parent) {
        Ext4Fs fs = dir.efs;
        byte[] b = new byte[fs.bs];
        long phys = Ext4Directory.readBlock(dir, 0, b);
        if (phys <= 0) return phys < 0 ? (int) phys : -Errno.EUCLEAN;
        if (DirBlock.check(b, 0, fs.bs) != 12 || DirBlock.check(b, 12, fs.bs) < 0 || !DirBlock.nameEquals(b, 12, "..")) {
            return -Errno.EUCLEAN;
        }
        LittleEndian.put32(b, 12, parent);
        if ((dir.flags & Features.INODE_INDEX_FL) != 0 && csum(fs)) {
            setDxRootChecksum(dir, b);
            return fs.writeBlock(phys, b);
        }
        return writeDirBlock(dir, phys, b);
    }

    /** dx_tail checksum of a dx_root block: crc32c over the entries in use and the tail with its checksum zeroed. */
    private static void setDxRootChecksum(Ext4Inode dir, byte[] b) {
        setDxChecksum(dir, b, 0x18 + LittleEndian.u8(b, 0x1D));
    }

    /** dx_tail checksum of an index block whose count/limit header is at {@code at}. */
    static void setDxChecksum(Ext4Inode dir, byte[] b, int at) {
        int bs = dir.efs.bs;
        if (at > bs - 8) return;
        int limit = LittleEndian.u16(b, at);
        int count = LittleEndian.u16(b, at + 2);
        int tail = at + 8 * limit;
        if (count > limit || tail > bs - 8) return;
        int c = Crc32c.update(dir.checksumSeed(), b, 0, at + 8 * count);
        c = Crc32c.update(c, b, tail, 4);
        c = Crc32c.updateZeros(c, 4);                      // dt_checksum itself, counted as zero
        LittleEndian.put32(b, tail + 4, c);
    }

    /** The first block of a new directory: "." and ".." (and the checksum tail). */
    static byte[] firstBlock(Ext4Fs fs, long self, long parent, int seed) {
        byte[] b = new byte[fs.bs];
        int usable = csum(fs) ? fs.bs - DirBlock.TAIL : fs.bs;
        DirBlock.put(b, 0, self, 12, ".", 2);
        DirBlock.put(b, 12, parent, usable - 12, "..", 2);
        if (csum(fs)) DirBlock.setTail(b, fs.bs, seed);
        return b;
    }

    /** 1 when the directory holds nothing but "." and "..", 0 when it holds more, or a negative errno. */
    @Async
    static int isEmpty(Ext4Inode dir) {
        boolean[] any = {false};
        int r = Ext4Directory.readdir(dir, 0, (ino, t, name, next) -> {
            any[0] = !name.equals(".") && !name.equals("..");
            return !any[0];
        });
        if (r < 0) return r;
        return any[0] ? 0 : 1;
    }
}
