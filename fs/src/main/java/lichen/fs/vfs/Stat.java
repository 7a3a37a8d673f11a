package lichen.fs.vfs;

import lichen.fs.LittleEndian;

/**
 * The attributes stat(2) and statx(2) return, and their AArch64 Linux byte
 * layouts: struct stat of asm-generic/stat.h (128 bytes) and struct statx of
 * include/uapi/linux/stat.h (256 bytes).
 */
public final class Stat {
    public static final int STAT_SIZE = 128;
    public static final int STATX_SIZE = 256;
    /** STATX_BASIC_STATS: type, mode, nlink, uid, gid, atime, mtime, ctime, ino, size, blocks. */
    public static final int STATX_BASIC_STATS = 0x7ff;
    public static final int STATX_BTIME = 0x800;

    public long dev;
    public long ino;
    public int mode;
    public int nlink;
    public int uid;
    public int gid;
    public long rdev;
    public long size;
    public int blksize;
    public long blocks;
    public long atimeSec, mtimeSec, ctimeSec, btimeSec;
    public int atimeNsec, mtimeNsec, ctimeNsec, btimeNsec;
    public int statxMask;

    public static Stat of(Inode i) {
        Stat s = new Stat();
        s.dev = i.fs.deviceId;
        s.ino = i.ino;
        s.mode = i.mode;
        s.nlink = i.nlink;
        s.uid = i.uid;
        s.gid = i.gid;
        s.rdev = i.rdev & 0xFFFFFFFFL;
        s.size = i.size;
        s.blksize = i.fs.blockSize();
        s.blocks = i.blocks512;
        s.atimeSec = i.atimeSec; s.atimeNsec = i.atimeNsec;
        s.mtimeSec = i.mtimeSec; s.mtimeNsec = i.mtimeNsec;
        s.ctimeSec = i.ctimeSec; s.ctimeNsec = i.ctimeNsec;
        s.btimeSec = i.btimeSec; s.btimeNsec = i.btimeNsec;
        s.statxMask = STATX_BASIC_STATS | (i.hasBirthTime ? STATX_BTIME : 0);
        return s;
    }

    private static int major(long dev) {
        return (int) ((dev >>> 8) & 0xFFF);
    }

    private static int minor(long dev) {
        return (int) ((dev & 0xFF) | ((dev >>> 12) & 0xFFF00));
    }

    /** Writes struct stat (AArch64, asm-generic layout) at {@code off}; needs 128 bytes. */
    public void encodeStat(byte[] b, int off) {
        for (int i = 0; i < STAT_SIZE; i++) b[off + i] = 0;
        LittleEndian.put64(b, off, dev);
        LittleEndian.put64(b, off + 8, ino);
        LittleEndian.put32(b, off + 16, mode);
        LittleEndian.put32(b, off + 20, nlink);
        LittleEndian.put32(b, off + 24, uid);
        LittleEndian.put32(b, off + 28, gid);
        LittleEndian.put64(b, off + 32, rdev);
        LittleEndian.put64(b, off + 48, size);
        LittleEndian.put32(b, off + 56, blksize);
        LittleEndian.put64(b, off + 64, blocks);
        LittleEndian.put64(b, off + 72, atimeSec);
        LittleEndian.put64(b, off + 80, atimeNsec);
        LittleEndian.put64(b, off + 88, mtimeSec);
        LittleEndian.put64(b, off + 96, mtimeNsec);
        LittleEndian.put64(b, off + 104, ctimeSec);
        LittleEndian.put64(b, off + 112, ctimeNsec);
    }

    /** Writes struct statx at {@code off}; needs 256 bytes. */
    public void encodeStatx(byte[] b, int off, int requestedMask) {
        for (int i = 0; i < STATX_SIZE; i++) b[off + i] = 0;
        LittleEndian.put32(b, off, statxMask);
        LittleEndian.put32(b, off + 0x04, blksize);
        LittleEndian.put32(b, off + 0x10, nlink);
        LittleEndian.put32(b, off + 0x14, uid);
        LittleEndian.put32(b, off + 0x18, gid);
        LittleEndian.put16(b, off + 0x1C, mode);
        LittleEndian.put64(b, off + 0x20, ino);
        LittleEndian.put64(b, off + 0x28, size);
        LittleEndian.put64(b, off + 0x30, blocks);
        putTime(b, off + 0x40, atimeSec, atimeNsec);
        if ((statxMask & STATX_BTIME) != 0) putTime(b, off + 0x50, btimeSec, btimeNsec);
        putTime(b, off + 0x60, ctimeSec, ctimeNsec);
        putTime(b, off + 0x70, mtimeSec, mtimeNsec);
        LittleEndian.put32(b, off + 0x80, major(rdev));
        LittleEndian.put32(b, off + 0x84, minor(rdev));
        LittleEndian.put32(b, off + 0x88, major(dev));
        LittleEndian.put32(b, off + 0x8C, minor(dev));
    }

    private static void putTime(byte[] b, int off, long sec, int nsec) {
        LittleEndian.put64(b, off, sec);
        LittleEndian.put32(b, off + 8, nsec);
    }
}
