package lichen.fs.vfs;

/**
 * File type and permission bits of st_mode (Linux include/uapi/linux/stat.h),
 * and the d_type values of getdents64 records (include/linux/fs_types.h).
 */
public final class FileMode {
    private FileMode() {}

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;
    public static final int PERMISSIONS = 07777;

    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    public static boolean isDir(int mode) {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public static boolean isRegular(int mode) {
        return (mode & S_IFMT) == S_IFREG;
    }

    public static boolean isSymlink(int mode) {
        return (mode & S_IFMT) == S_IFLNK;
    }

    public static boolean isSocket(int mode) {
        return (mode & S_IFMT) == S_IFSOCK;
    }

    public static boolean isFifo(int mode) {
        return (mode & S_IFMT) == S_IFIFO;
    }

    public static boolean isCharDevice(int mode) {
        return (mode & S_IFMT) == S_IFCHR;
    }

    /** The getdents64 d_type for a mode: the type bits shifted down, as Linux's S_DT(). */
    public static int dtype(int mode) {
        return (mode & S_IFMT) >>> 12;
    }

    /** The mode type bits for a d_type. */
    public static int typeFromDtype(int dtype) {
        return (dtype & 15) << 12;
    }

    public static int makedev(int major, int minor) {
        return (major << 8) | minor;
    }

    /** The major number of a st_dev value, as glibc's major(3) decodes it (sys/sysmacros.h). */
    public static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    /** The minor number of a st_dev value, as glibc's minor(3) decodes it. */
    public static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }
}
