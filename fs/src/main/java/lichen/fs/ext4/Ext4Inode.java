package lichen.fs.ext4;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.Result;
import lichen.fs.vfs.DirSink;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.Inode;

/**
 * An ext2/3/4 inode (ext4 disk layout, "Index Nodes"): the raw on-disk bytes
 * and the attributes parsed from them. Data is reached through the extent
 * tree or the block map; directory work is in {@link Ext4Directory}, writes
 * in {@link FileBlocks}.
 */
final class Ext4Inode extends Inode {
    final Ext4Fs efs;
    final byte[] raw;
    final byte[] iblock = new byte[60];
    int flags;
    long fileAcl;
    int generation;
    int extraIsize;

    Ext4Inode(Ext4Fs fs, long ino, byte[] raw) {
        super(fs, ino);
        this.efs = fs;
        this.raw = raw;
        parse();
    }

    private void parse() {
        mode = LittleEndian.u16(raw, 0x0);
        uid = LittleEndian.u16(raw, 0x2) | LittleEndian.u16(raw, 0x78) << 16;
        gid = LittleEndian.u16(raw, 0x18) | LittleEndian.u16(raw, 0x7A) << 16;
        size = LittleEndian.u32(raw, 0x4) | LittleEndian.u32(raw, 0x6C) << 32;
        if (size < 0) size = 0;
        nlink = LittleEndian.u16(raw, 0x1A);
        flags = LittleEndian.i32(raw, 0x20);
        long blocks = LittleEndian.u32(raw, 0x1C);
        if (efs.sb.hugeFile()) blocks |= (long) LittleEndian.u16(raw, 0x74) << 32;
        if ((flags & Features.INODE_HUGE_FILE_FL) != 0) blocks *= efs.bs / 512;
        blocks512 = blocks;
        System.arraycopy(raw, 0x28, iblock, 0, 60);
        generation = LittleEndian.i32(raw, 0x64);
        fileAcl = LittleEndian.u32(raw, 0x68) | (long) LittleEndian.u16(raw, 0x76) << 32;
        extraIsize = raw.length > 128 ? LittleEndian.u16(raw, 0x80) : 0;
        if (extraIsize > raw.length - 128 || (extraIsize & 3) != 0) extraIsize = 0;
        atimeSec = LittleEndian.i32(raw, 0x08);
        ctimeSec = LittleEndian.i32(raw, 0x0C);
        mtimeSec = LittleEndian.i32(raw, 0x10);
        if (hasExtra(0x88)) mtimeNsec = extraTime(0x88, false);
        if (hasExtra(0x88)) mtimeSec += extraEpoch(0x88);
        if (hasExtra(0x8C)) { atimeNsec = extraTime(0x8C, false); atimeSec += extraEpoch(0x8C); }
        if (hasExtra(0x84)) { ctimeNsec = extraTime(0x84, false); ctimeSec += extraEpoch(0x84); }
        if (hasExtra(0x98)) {
            hasBirthTime = true;
            btimeSec = LittleEndian.i32(raw, 0x90) + extraEpoch(0x94);
            btimeNsec = extraTime(0x94, false);
        }
        if (FileMode.isCharDevice(mode) || (mode & FileMode.S_IFMT) == FileMode.S_IFBLK) {
            // Old encoding in i_block[0] (major << 8 | minor), new in i_block[1] (ext4 "Device nodes").
            int old = LittleEndian.i32(iblock, 0);
            int nw = LittleEndian.i32(iblock, 4);
            if (old != 0) rdev = old & 0xFFFF;
            else rdev = nw;
        }
    }

    /** Whether the extra inode area reaches past {@code fieldEnd} (a field at fieldEnd-4). */
    private boolean hasExtra(int fieldEnd) {
        return 128 + extraIsize >= fieldEnd;
    }

    private int extraTime(int off, boolean unused) {
        return (int) (LittleEndian.u32(raw, off) >>> 2);
    }

    private long extraEpoch(int off) {
        return (long) (LittleEndian.i32(raw, off) & 3) << 32;
    }

    byte[] iblock() {
        return iblock;
    }

    boolean usesExtents() {
        return (flags & Features.INODE_EXTENTS_FL) != 0;
    }

    boolean inlineData() {
        return (flags & Features.INODE_INLINE_DATA_FL) != 0;
    }

    /** The physical block of logical block {@code lblk} (0 for a hole) or a negative errno; run[0] as in ExtentTree.map. */
    @Async
    long map(long lblk, long[] run) {
        if (lblk < 0 || lblk >= (1L << 32)) return -Errno.EFBIG;
        return usesExtents() ? ExtentTree.map(efs, this, lblk, run) : IndirectBlocks.map(efs, this, lblk, run);
    }

    /** A fast symlink keeps its target in i_block: no data blocks (besides an xattr block) and under 60 bytes. */
    boolean fastSymlink() {
        long xattrBlocks = fileAcl != 0 ? efs.bs / 512 : 0;
        return FileMode.isSymlink(mode) && !inlineData() && size < 60 && blocks512 - xattrBlocks == 0;
    }

    @Override
    @Async
    public Result<Inode> lookup(String name) {
        if (!isDir()) return Result.err(-Errno.ENOTDIR);
        return Ext4Directory.lookup(this, name);
    }

    @Override
    @Async
    public int readdir(long cookie, DirSink sink) {
        if (!isDir()) return -Errno.ENOTDIR;
        return Ext4Directory.readdir(this, cookie, sink);
    }

    @Override
    public boolean listsDots() {
        return true;
    }

    /** Reads file bytes regardless of type (directories and slow symlinks use it too). */
    @Async
    int readData(long pos, byte[] buf, int off, int len) {
        if (inlineData()) return -Errno.EOPNOTSUPP;
        if (pos >= size || len == 0) return 0;
        int n = (int) Math.min(len, size - pos);
        long[] run = new long[1];
        int done = 0;
        while (done < n) {
            long p = pos + done;
            long lblk = p / efs.bs;
            int within = (int) (p % efs.bs);
            long phys = map(lblk, run);
            if (phys < 0) return done > 0 ? done : (int) phys;
            long avail = Math.min(run[0], 1L << 20) * efs.bs - within;
            int c = (int) Math.min(n - done, avail);
            if (phys == 0) {
                for (int i = 0; i < c; i++) buf[off + done + i] = 0;
            } else {
                int r = efs.dev.read(phys * efs.bs + within, buf, off + done, c);
                if (r < 0) return done > 0 ? done : r;
            }
            done += c;
        }
        return n;
    }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        if (isDir()) return -Errno.EISDIR;
        if (!FileMode.isRegular(mode)) return -Errno.EINVAL;
        return readData(pos, buf, off, len);
    }

    @Override
    @Async
    public Result<String> readlink() {
        if (!FileMode.isSymlink(mode)) return Result.err(-Errno.EINVAL);
        if (size > efs.bs || size > 4096) return Result.err(-Errno.EUCLEAN);
        byte[] t = new byte[(int) size];
        if (fastSymlink()) {
            System.arraycopy(iblock, 0, t, 0, t.length);
        } else {
            int r = readData(0, t, 0, t.length);
            if (r < 0) return Result.err(r);
            if (r != t.length) return Result.err(-Errno.EUCLEAN);
        }
        char[] c = new char[t.length];
        for (int i = 0; i < t.length; i++) c[i] = (char) (t[i] & 0xFF);
        return Result.ok(new String(c));
    }

    @Override
    @Async
    public Result<byte[]> getxattr(String name) {
        return Xattrs.get(this, name);
    }

    @Override
    @Async
    public Result<String[]> listxattr() {
        return Xattrs.list(this);
    }

    // ---- writing -------------------------------------------------------------------------

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) {
        if (isDir()) return -Errno.EISDIR;
        if (!FileMode.isRegular(mode)) return -Errno.EINVAL;
        if (!efs.writable) return -Errno.EROFS;
        int r = FileBlocks.write(this, pos, buf, off, len);
        if (r > 0) touch(true, true, false);
        int s = store();
        return r < 0 ? r : (s < 0 ? s : r);
    }

    @Override
    @Async
    public int truncate(long newSize) {
        if (isDir()) return -Errno.EISDIR;
        if (!FileMode.isRegular(mode)) return -Errno.EINVAL;
        if (!efs.writable) return -Errno.EROFS;
        int r = FileBlocks.truncate(this, newSize);
        if (r < 0) return r;
        return store();
    }

    @Override
    @Async
    public Result<Inode> create(String name, int mode, int uid, int gid, int rdev) {
        return Ext4Namespace.create(this, name, mode, uid, gid, rdev, null);
    }

    @Override
    @Async
    public Result<Inode> symlink(String name, String target, int uid, int gid) {
        return Ext4Namespace.create(this, name, FileMode.S_IFLNK | 0777, uid, gid, 0, target);
    }

    @Override
    @Async
    public int link(String name, Inode target) {
        return Ext4Namespace.link(this, name, target);
    }

    @Override
    @Async
    public int unlink(String name) {
        return Ext4Namespace.remove(this, name, false);
    }

    @Override
    @Async
    public int rmdir(String name) {
        return Ext4Namespace.remove(this, name, true);
    }

    @Override
    @Async
    public int rename(String oldName, Inode newDir, String newName) {
        return Ext4Namespace.rename(this, oldName, newDir, newName);
    }

    @Override
    @Async
    public int writeAttributes() {
        if (!efs.writable) return -Errno.EROFS;
        return store();
    }

    @Override
    @Async
    public int release() {
        if (nlink == 0 && efs.writable) return Ext4Namespace.freeInode(this);
        return 0;
    }

    /** Encodes the attributes into the raw inode, recomputes its checksum and writes it to the inode table. */
    @Async
    int store() {
        LittleEndian.put16(raw, 0x0, mode);
        LittleEndian.put16(raw, 0x2, uid);
        LittleEndian.put16(raw, 0x78, uid >>> 16);
        LittleEndian.put16(raw, 0x18, gid);
        LittleEndian.put16(raw, 0x7A, gid >>> 16);
        LittleEndian.put32(raw, 0x4, size);
        LittleEndian.put32(raw, 0x6C, size >>> 32);
        LittleEndian.put16(raw, 0x1A, nlink);
        LittleEndian.put32(raw, 0x20, flags & ~Features.INODE_HUGE_FILE_FL);
        flags &= ~Features.INODE_HUGE_FILE_FL;
        LittleEndian.put32(raw, 0x1C, blocks512);
        LittleEndian.put16(raw, 0x74, (int) (blocks512 >>> 32));
        System.arraycopy(iblock, 0, raw, 0x28, 60);
        LittleEndian.put32(raw, 0x64, generation);
        LittleEndian.put32(raw, 0x68, fileAcl);
        LittleEndian.put16(raw, 0x76, (int) (fileAcl >>> 32));
        LittleEndian.put32(raw, 0x08, atimeSec);
        LittleEndian.put32(raw, 0x0C, ctimeSec);
        LittleEndian.put32(raw, 0x10, mtimeSec);
        if (hasExtra(0x88)) LittleEndian.put32(raw, 0x88, extra(mtimeSec, mtimeNsec));
        if (hasExtra(0x8C)) LittleEndian.put32(raw, 0x8C, extra(atimeSec, atimeNsec));
        if (hasExtra(0x84)) LittleEndian.put32(raw, 0x84, extra(ctimeSec, ctimeNsec));
        if (hasExtra(0x98) && hasBirthTime) {
            LittleEndian.put32(raw, 0x90, btimeSec);
            LittleEndian.put32(raw, 0x94, extra(btimeSec, btimeNsec));
        }
        if (efs.sb.metadataCsum()) setChecksum();
        return efs.dev.write(efs.inodePosition(ino), raw, 0, raw.length) < 0 ? -Errno.EIO : 0;
    }

    private static long extra(long sec, int nsec) {
        return ((long) nsec << 2) | ((sec - (int) sec) >> 32 & 3);
    }

    /** Seed of this inode's checksums: crc32c(fs seed, inode number, generation). */
    int checksumSeed() {
        int c = Crc32c.updateInt(efs.seed, (int) ino);
        return Crc32c.updateInt(c, generation);
    }

    /** Whether the stored i_checksum_lo/hi match the inode's bytes (only the low half on 128-byte inodes). */
    boolean checksumMatches() {
        boolean hi = hasExtra(0x84);
        int stored = LittleEndian.u16(raw, 0x7C) | (hi ? LittleEndian.u16(raw, 0x82) << 16 : 0);
        byte[] copy = new byte[raw.length];
        System.arraycopy(raw, 0, copy, 0, raw.length);
        LittleEndian.put16(copy, 0x7C, 0);
        if (hi) LittleEndian.put16(copy, 0x82, 0);
        int c = Crc32c.update(checksumSeed(), copy, 0, copy.length);
        return hi ? c == stored : (c & 0xFFFF) == stored;
    }

    /** i_checksum_lo/hi: crc32c over the whole inode with both fields zeroed (ext4 "Checksums"). */
    private void setChecksum() {
        LittleEndian.put16(raw, 0x7C, 0);
        boolean hi = hasExtra(0x84);
        if (hi) LittleEndian.put16(raw, 0x82, 0);
        int c = Crc32c.update(checksumSeed(), raw, 0, raw.length);
        LittleEndian.put16(raw, 0x7C, c & 0xFFFF);
        if (hi) LittleEndian.put16(raw, 0x82, c >>> 16);
    }
}
