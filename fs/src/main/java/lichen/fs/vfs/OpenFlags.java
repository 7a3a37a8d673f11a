package lichen.fs.vfs;

/**
 * open(2) flags as AArch64 Linux numbers them (asm-generic/fcntl.h, with the
 * arm64 values of O_DIRECTORY, O_NOFOLLOW, O_DIRECT, O_LARGEFILE), and the
 * *at() flags (include/uapi/linux/fcntl.h).
 */
public final class OpenFlags {
    private OpenFlags() {}

    public static final int O_ACCMODE = 3;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 040000;
    public static final int O_NOFOLLOW = 0100000;
    public static final int O_DIRECT = 0200000;
    public static final int O_LARGEFILE = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_EMPTY_PATH = 0x1000;

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;

    /** renameat2 flags. */
    public static final int RENAME_NOREPLACE = 1;

    public static boolean canRead(int flags) {
        int acc = flags & O_ACCMODE;
        return (flags & O_PATH) == 0 && (acc == O_RDONLY || acc == O_RDWR);
    }

    public static boolean canWrite(int flags) {
        int acc = flags & O_ACCMODE;
        return (flags & O_PATH) == 0 && (acc == O_WRONLY || acc == O_RDWR);
    }
}
