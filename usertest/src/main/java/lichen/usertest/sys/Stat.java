package lichen.usertest.sys;

/**
 * struct stat as fstat and newfstatat fill it on AArch64: the generic layout
 * of include/uapi/asm-generic/stat.h, 128 bytes, little-endian.
 */
public record Stat(long dev, long ino, int mode, int nlink, int uid, int gid, long rdev, long size,
                   int blksize, long blocks, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec,
                   long ctimeSec, long ctimeNsec) {

    public static final int SIZE = 128;

    /** Decodes the structure at offset 0 of {@code b} (at least {@link #SIZE} bytes). */
    public static Stat decode(byte[] b) {
        return new Stat(
            LittleEndian.u64(b, 0),     // st_dev
            LittleEndian.u64(b, 8),     // st_ino
            LittleEndian.u32(b, 16),    // st_mode
            LittleEndian.u32(b, 20),    // st_nlink
            LittleEndian.u32(b, 24),    // st_uid
            LittleEndian.u32(b, 28),    // st_gid
            LittleEndian.u64(b, 32),    // st_rdev; __pad1 at 40
            LittleEndian.u64(b, 48),    // st_size
            LittleEndian.u32(b, 56),    // st_blksize; __pad2 at 60
            LittleEndian.u64(b, 64),    // st_blocks
            LittleEndian.u64(b, 72),    // st_atime
            LittleEndian.u64(b, 80),    // st_atime_nsec
            LittleEndian.u64(b, 88),    // st_mtime
            LittleEndian.u64(b, 96),    // st_mtime_nsec
            LittleEndian.u64(b, 104),   // st_ctime
            LittleEndian.u64(b, 112));  // st_ctime_nsec; __unused4/5 at 120
    }

    /** st_mode & S_IFMT. */
    public int type() {
        return mode & Fcntl.S_IFMT;
    }

    public boolean isRegular() {
        return type() == Fcntl.S_IFREG;
    }

    public boolean isDirectory() {
        return type() == Fcntl.S_IFDIR;
    }

    public boolean isSymlink() {
        return type() == Fcntl.S_IFLNK;
    }
}
