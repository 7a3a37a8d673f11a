package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.Permission;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * Directories as a process sees them: getdents64(2), getcwd(2), chdir(2),
 * fchdir(2), and umask(2), the mask every create applies.
 */
final class DirectoryCalls {
    private DirectoryCalls() {}

    /**
     * getdents64(2): linux_dirent64 records from the directory's offset, their
     * byte count, 0 at the end; at most one transfer buffer a call (the rest
     * comes with the next call, from the offset kept).
     */
    @Async
    static long sysGetdents64(Process p, int fd, long dirp, long count) {
        OpenFile f = FileCalls.file(p, fd);
        if (f == null) return -Errno.EBADF;
        if (count < 0) return -Errno.EINVAL;
        byte[] buf = TransferBuffers.take();
        try {
            int n = FileCalls.vfs().getdents64(p.files(), f, buf, 0, (int) Math.min(count, TransferBuffers.SIZE));
            if (n <= 0) return n;
            return UserCopy.copyOut(p.mm(), dirp, buf, 0, n) < 0 ? -Errno.EFAULT : n;
        } finally {
            TransferBuffers.give(buf);
        }
    }

    /**
     * getcwd(2): the absolute path of the working directory with its NUL;
     * the raw call returns the length including the NUL, ERANGE when
     * {@code size} is too small.
     */
    @Async
    static long sysGetcwd(Process p, long buf, long size) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        String cwd = FileCalls.vfs().getcwd(ctx);
        if (size < cwd.length() + 1) return -Errno.ERANGE;
        byte[] out = new byte[cwd.length() + 1];
        for (int i = 0; i < cwd.length(); i++) out[i] = (byte) cwd.charAt(i);
        return UserCopy.copyOut(p.mm(), buf, out, 0, out.length) < 0 ? -Errno.EFAULT : out.length;
    }

    /** chdir(2). */
    @Async
    static long sysChdir(Process p, long path) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        return FileCalls.vfs().chdir(ctx, name.value);
    }

    /** chroot(2): the directory at {@code path} becomes the caller's root. */
    @Async
    static long sysChroot(Process p, long path) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        return FileCalls.vfs().chroot(ctx, name.value);
    }

    /** fchdir(2): the open directory becomes the working directory (search permission needed, as for chdir). */
    static long sysFchdir(Process p, int fd) {
        OpenFile f = FileCalls.file(p, fd);
        if (f == null) return -Errno.EBADF;
        if (!f.inode.isDir()) return -Errno.ENOTDIR;
        FsContext ctx = p.files();
        int r = Permission.check(ctx.cred, f.inode, Permission.MAY_EXEC);
        if (r < 0) return r;
        ctx.cwd = f.path;
        return 0;
    }

    /** umask(2): sets the mask to {@code mask & 0777} and returns the one before. */
    static long sysUmask(Process p, int mask) {
        FsContext ctx = p.files();
        if (ctx == null) return 022;
        int old = ctx.umask;
        ctx.umask = mask & 0777;
        return old;
    }
}
