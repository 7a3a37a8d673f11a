package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * Names in directories: mkdirat(2), unlinkat(2), renameat(2)/renameat2,
 * symlinkat(2), linkat(2). Paths are relative to a directory descriptor or
 * AT_FDCWD; the VFS applies the rules of each man page.
 */
final class NameCalls {
    /** renameat2's RENAME_EXCHANGE and RENAME_WHITEOUT: not supported by the VFS. */
    private static final int RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

    private NameCalls() {}

    /** mkdirat(2): a directory with {@code mode} less the umask. */
    @Async
    static long sysMkdirat(Process p, int dirfd, long path, int mode) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        return FileCalls.vfs().mkdirat(ctx, dirfd, name.value, mode);
    }

    /**
     * mknodat(2): a regular file, FIFO, socket or device node (mode's file
     * type; 0 is a regular file), EPERM for a directory, EINVAL for any
     * other type. {@code dev} is the device number as the kernel encodes it
     * (new_encode_dev), which for numbers below 2^32 is makedev(3)'s.
     */
    @Async
    static long sysMknodat(Process p, int dirfd, long path, int mode, int dev) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        int type = mode & FileMode.S_IFMT;
        if (type == FileMode.S_IFDIR) return -Errno.EPERM;
        if (type != 0 && type != FileMode.S_IFREG && type != FileMode.S_IFIFO && type != FileMode.S_IFSOCK
                && type != FileMode.S_IFCHR && type != FileMode.S_IFBLK) return -Errno.EINVAL;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        boolean device = type == FileMode.S_IFCHR || type == FileMode.S_IFBLK;
        return FileCalls.vfs().mknodat(ctx, dirfd, name.value, mode, device ? dev : 0);
    }

    /** unlinkat(2): removes a name, or with AT_REMOVEDIR an empty directory. */
    @Async
    static long sysUnlinkat(Process p, int dirfd, long path, int flags) {
        if ((flags & ~OpenFlags.AT_REMOVEDIR) != 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        return FileCalls.vfs().unlinkat(ctx, dirfd, name.value, flags);
    }

    /** renameat2(2); renameat(2) is this with no flags. RENAME_NOREPLACE is kept; EXCHANGE and WHITEOUT are EINVAL. */
    @Async
    static long sysRenameat2(Process p, int olddirfd, long oldpath, int newdirfd, long newpath, int flags) {
        if ((flags & ~(OpenFlags.RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0) return -Errno.EINVAL;
        if ((flags & (RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> from = UserPaths.read(p, oldpath);
        if (!from.ok()) return from.error;
        Result<String> to = UserPaths.read(p, newpath);
        if (!to.ok()) return to.error;
        return FileCalls.vfs().renameat2(ctx, olddirfd, from.value, newdirfd, to.value, flags);
    }

    /** symlinkat(2): a link at {@code linkpath} holding {@code target} as given. */
    @Async
    static long sysSymlinkat(Process p, long target, int newdirfd, long linkpath) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> t = UserPaths.read(p, target);
        if (!t.ok()) return t.error;
        Result<String> name = UserPaths.read(p, linkpath);
        if (!name.ok()) return name.error;
        return FileCalls.vfs().symlinkat(ctx, t.value, newdirfd, name.value);
    }

    /** linkat(2): another name for a file (AT_SYMLINK_FOLLOW, AT_EMPTY_PATH). */
    @Async
    static long sysLinkat(Process p, int olddirfd, long oldpath, int newdirfd, long newpath, int flags) {
        if ((flags & ~(OpenFlags.AT_SYMLINK_FOLLOW | OpenFlags.AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> from = UserPaths.read(p, oldpath);
        if (!from.ok()) return from.error;
        Result<String> to = UserPaths.read(p, newpath);
        if (!to.ok()) return to.error;
        return FileCalls.vfs().linkat(ctx, olddirfd, from.value, newdirfd, to.value, flags);
    }
}
