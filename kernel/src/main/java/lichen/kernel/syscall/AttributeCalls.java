package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.LittleEndian;
import lichen.fs.Result;
import lichen.fs.vfs.AttributeOps;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * Changing a file's attributes and making changes durable: fchmodat(2),
 * fchmod(2), fchownat(2), fchown(2), utimensat(2), sync(2), fsync(2) and
 * fdatasync(2). A descriptor-based call is the path-based one on the
 * descriptor with AT_EMPTY_PATH, as Linux's own helpers do.
 */
final class AttributeCalls {
    private AttributeCalls() {}

    /** fchmodat(2) (the system call has no flags: links are followed). */
    @Async
    static long sysFchmodat(Process p, int dirfd, long path, int mode) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        return FileCalls.vfs().fchmodat(ctx, dirfd, name.value, mode, 0);
    }

    /** fchmod(2). */
    @Async
    static long sysFchmod(Process p, int fd, int mode) {
        if (FileCalls.file(p, fd) == null) return -Errno.EBADF;
        return FileCalls.vfs().fchmodat(p.files(), fd, "", mode, OpenFlags.AT_EMPTY_PATH);
    }

    /** fchownat(2): -1 keeps an id. */
    @Async
    static long sysFchownat(Process p, int dirfd, long path, int uid, int gid, int flags) {
        if ((flags & ~(OpenFlags.AT_SYMLINK_NOFOLLOW | OpenFlags.AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        return FileCalls.vfs().fchownat(ctx, dirfd, name.value, uid, gid, flags);
    }

    /** fchown(2). */
    @Async
    static long sysFchown(Process p, int fd, int uid, int gid) {
        if (FileCalls.file(p, fd) == null) return -Errno.EBADF;
        return FileCalls.vfs().fchownat(p.files(), fd, "", uid, gid, OpenFlags.AT_EMPTY_PATH);
    }

    /**
     * utimensat(2): {@code times} is two struct timespec (access, then
     * modification; 16 bytes each) or NULL for "now" twice; a NULL
     * {@code path} means the file {@code dirfd} itself (futimens).
     */
    @Async
    static long sysUtimensat(Process p, int dirfd, long path, long times, int flags) {
        if ((flags & ~(OpenFlags.AT_SYMLINK_NOFOLLOW | OpenFlags.AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        long[] t = {0, AttributeOps.UTIME_NOW, 0, AttributeOps.UTIME_NOW};
        if (times != 0) {
            byte[] raw = new byte[32];
            if (UserCopy.copyIn(p.mm(), times, raw, 0, 32) < 0) return -Errno.EFAULT;
            for (int i = 0; i < 4; i++) t[i] = LittleEndian.u64(raw, 8 * i);
        }
        String name = "";
        if (path == 0) {
            if (FileCalls.file(p, dirfd) == null) return -Errno.EBADF;
            flags |= OpenFlags.AT_EMPTY_PATH;
        } else {
            Result<String> r = UserPaths.read(p, path);
            if (!r.ok()) return r.error;
            name = r.value;
        }
        return FileCalls.vfs().attrs.utimensat(ctx, dirfd, name, t[0], t[1], t[2], t[3], flags);
    }

    /** sync(2): every mounted filesystem's dirty pages written back (to the ramdisk's RAM). */
    @Async
    static long sysSync() {
        if (FileCalls.vfs() != null) FileCalls.vfs().sync();
        return 0;
    }

    /** fsync(2) and fdatasync(2): the file's dirty cached pages are written back, then its filesystem is synced whole. */
    @Async
    static long sysFsync(Process p, int fd) {
        OpenFile f = FileCalls.file(p, fd);
        if (f == null) return -Errno.EBADF;
        return FileCalls.vfs().fsync(f);
    }
}
