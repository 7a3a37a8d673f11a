package lichen.usertest.sys;

/**
 * Flags for open, fcntl and the *at calls. Generic values from
 * include/uapi/asm-generic/fcntl.h and include/uapi/linux/fcntl.h; AArch64
 * overrides four of them in arch/arm64/include/uapi/asm/fcntl.h
 * (O_DIRECTORY, O_NOFOLLOW, O_DIRECT, O_LARGEFILE), used here.
 */
public final class Fcntl {
    private Fcntl() {}

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_ACCMODE = 3;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    /** arm64: 040000 (the generic value is 0200000). */
    public static final int O_DIRECTORY = 040000;
    /** arm64: 0100000 (the generic value is 0400000). */
    public static final int O_NOFOLLOW = 0100000;
    /** arm64: 0200000. */
    public static final int O_DIRECT = 0200000;
    /** arm64: 0400000; always set on a 64-bit kernel (force_o_largefile). */
    public static final int O_LARGEFILE = 0400000;
    public static final int O_CLOEXEC = 02000000;

    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    /** F_LINUX_SPECIFIC_BASE (1024) + 6. */
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int FD_CLOEXEC = 1;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EMPTY_PATH = 0x1000;

    /** renameat2 flags (include/uapi/linux/fs.h). */
    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 2;

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;

    /** File types in st_mode (include/uapi/linux/stat.h). */
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
}
