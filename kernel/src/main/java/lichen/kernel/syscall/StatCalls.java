package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.AttributeOps;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Stat;
import lichen.kernel.exec.ByteStrings;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * What a file is: fstat(2), newfstatat (fstatat(2)), statx(2), statfs(2) and
 * fstatfs, faccessat(2) and faccessat2, readlinkat(2). The layouts are
 * arm64's: struct stat of asm-generic/stat.h (128 bytes), struct statx
 * (256), struct statfs of asm-generic/statfs.h (120), written by fs's {@link Stat}.
 */
final class StatCalls {
    /** AT_NO_AUTOMOUNT and AT_STATX_SYNC_TYPE (include/uapi/linux/fcntl.h): accepted, nothing to do. */
    private static final int AT_NO_AUTOMOUNT = 0x800, AT_STATX_SYNC_TYPE = 0x6000;
    /** faccessat2's AT_EACCESS: check with the effective ids, which are the real ones here. */
    private static final int AT_EACCESS = 0x200;

    private StatCalls() {}

    /** fstat(2): struct stat of the open file. */
    @Async
    static long sysFstat(Process p, int fd, long statbuf) {
        OpenFile f = FileCalls.file(p, fd);
        if (f == null) return -Errno.EBADF;
        return copyStat(p, Stat.of(f.inode), statbuf);
    }

    /** newfstatat: struct stat of the file at {@code path} (AT_SYMLINK_NOFOLLOW: of the link; AT_EMPTY_PATH: of dirfd). */
    @Async
    static long sysNewfstatat(Process p, int dirfd, long path, long statbuf, int flags) {
        if ((flags & ~(OpenFlags.AT_SYMLINK_NOFOLLOW | OpenFlags.AT_EMPTY_PATH | AT_NO_AUTOMOUNT)) != 0) return -Errno.EINVAL;
        Result<Stat> s = statAt(p, dirfd, path, flags);
        return s.ok() ? copyStat(p, s.value, statbuf) : s.error;
    }

    /** statx(2): struct statx; every basic field is filled whatever {@code mask} asks (the mask reports what is). */
    @Async
    static long sysStatx(Process p, int dirfd, long path, int flags, int mask, long statxbuf) {
        int known = OpenFlags.AT_SYMLINK_NOFOLLOW | OpenFlags.AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE;
        if ((flags & ~known) != 0 || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE) return -Errno.EINVAL;
        if ((mask & 0x8000_0000) != 0) return -Errno.EINVAL; // STATX__RESERVED
        Result<Stat> s = statAt(p, dirfd, path, flags);
        if (!s.ok()) return s.error;
        byte[] out = new byte[Stat.STATX_SIZE];
        s.value.encodeStatx(out, 0, mask);
        return UserCopy.copyOut(p.mm(), statxbuf, out, 0, out.length);
    }

    /** statfs(2) of the filesystem holding {@code path}. */
    @Async
    static long sysStatfs(Process p, long path, long buf) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        return copyStatfs(p, ctx, OpenFlags.AT_FDCWD, name.value, buf);
    }

    /** fstatfs: statfs(2) of the filesystem holding the open file. */
    @Async
    static long sysFstatfs(Process p, int fd, long buf) {
        if (FileCalls.file(p, fd) == null) return -Errno.EBADF;
        return copyStatfs(p, p.files(), fd, "", buf);
    }

    /** faccessat(2) (flags 0) and faccessat2 (AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). */
    @Async
    static long sysFaccessat(Process p, int dirfd, long path, int mode, int flags) {
        if ((flags & ~(AT_EACCESS | OpenFlags.AT_SYMLINK_NOFOLLOW | OpenFlags.AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        return FileCalls.vfs().attrs.faccessat(ctx, dirfd, name.value, mode, flags & ~AT_EACCESS);
    }

    /** readlinkat(2): the link's target, not NUL-terminated, cut to {@code bufsiz}; the byte count. */
    @Async
    static long sysReadlinkat(Process p, int dirfd, long path, long buf, int bufsiz) {
        if (bufsiz <= 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        Result<String> target = FileCalls.vfs().readlinkat(ctx, dirfd, name.value);
        if (!target.ok()) return target.error;
        byte[] bytes = ByteStrings.bytes(target.value);
        int n = Math.min(bytes.length, bufsiz);
        return UserCopy.copyOut(p.mm(), buf, bytes, 0, n) < 0 ? -Errno.EFAULT : n;
    }

    @Async
    private static Result<Stat> statAt(Process p, int dirfd, long path, int flags) {
        FsContext ctx = p.files();
        if (ctx == null) return Result.err(-Errno.ENOENT);
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.cast();
        return FileCalls.vfs().fstatat(ctx, dirfd, name.value, flags);
    }

    @Async
    private static long copyStat(Process p, Stat s, long statbuf) {
        byte[] out = new byte[Stat.STAT_SIZE];
        s.encodeStat(out, 0);
        return UserCopy.copyOut(p.mm(), statbuf, out, 0, out.length);
    }

    @Async
    private static long copyStatfs(Process p, FsContext ctx, int fd, String path, long buf) {
        byte[] out = new byte[AttributeOps.STATFS_SIZE];
        int r = path.isEmpty() ? FileCalls.vfs().attrs.fstatfs(ctx.fds.get(fd), out, 0) : FileCalls.vfs().attrs.statfs(ctx, fd, path, out, 0);
        if (r < 0) return r;
        return UserCopy.copyOut(p.mm(), buf, out, 0, out.length);
    }
}
