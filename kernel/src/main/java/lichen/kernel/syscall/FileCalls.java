package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.LittleEndian;
import lichen.fs.Result;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Vfs;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.pipe.Fifos;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * Opening, closing, reading and writing files: openat(2), close(2), read(2),
 * write(2), readv(2)/writev(2), pread64/pwrite64 (pread(2)), preadv(2)/pwritev(2)
 * and their "2" forms, lseek(2),
 * truncate(2)/ftruncate(2), fadvise64. Data moves between the file and user memory
 * through a kernel buffer of {@link TransferBuffers#SIZE} bytes at a time; a
 * transfer that stops early (end of file, a device's short count, a bad
 * user page after some bytes) returns what was done, as Linux does.
 */
final class FileCalls {
    /** UIO_MAXIOV (include/uapi/linux/uio.h). */
    private static final int IOV_MAX = 1024;
    /** MAX_RW_COUNT (include/linux/fs.h): one call moves at most this much. */
    static final long MAX_RW_COUNT = 0x7FFF_F000L;

    private FileCalls() {}

    /** The namespace every process shares (one mount namespace). */
    static Vfs vfs() { return RootFilesystem.vfs(); }

    /** The process's filesystem context, or null (no namespace). */
    static FsContext context(Process p) { return p.files(); }

    /** The open file description behind {@code fd}, or null when the descriptor is not open. */
    static OpenFile file(Process p, int fd) {
        FsContext ctx = p.files();
        return ctx == null ? null : ctx.fds.get(fd);
    }

    /** openat(2): a new descriptor, the lowest free, for the file at {@code path} relative to {@code dirfd}. */
    @Async
    static long sysOpenat(Process p, int dirfd, long path, int flags, int mode) {
        FsContext ctx = context(p);
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        Result<OpenFile> f = vfs().open(ctx, dirfd, name.value, flags, mode);
        if (!f.ok()) return f.error;
        int waited = Fifos.awaitPartner(f.value); // a FIFO's open waits for its other side
        if (waited < 0) {
            f.value.close();
            return waited;
        }
        return vfs().install(ctx, f.value, flags);
    }

    /** close(2). */
    @Async
    static long sysClose(Process p, int fd) {
        FsContext ctx = context(p);
        return ctx == null ? -Errno.EBADF : ctx.fds.close(fd);
    }

    /** read(2): up to {@code count} bytes at the file offset into user {@code buf}. */
    @Async
    static long sysRead(Process p, int fd, long buf, long count) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        return transferIn(p, f, buf, count, -1);
    }

    /** write(2): up to {@code count} bytes of user {@code buf} at the file offset (at the end with O_APPEND). */
    @Async
    static long sysWrite(Process p, int fd, long buf, long count) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        return transferOut(p, f, buf, count, -1);
    }

    /** pread64: as read(2) at {@code pos}, leaving the file offset alone; ESPIPE on a device that cannot seek. */
    @Async
    static long sysPread64(Process p, int fd, long buf, long count, long pos) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        if (unseekable(f)) return -Errno.ESPIPE;
        if (pos < 0) return -Errno.EINVAL;
        return transferIn(p, f, buf, count, pos);
    }

    /** pwrite64: as write(2) at {@code pos}, leaving the file offset alone. */
    @Async
    static long sysPwrite64(Process p, int fd, long buf, long count, long pos) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        if (unseekable(f)) return -Errno.ESPIPE;
        if (pos < 0) return -Errno.EINVAL;
        return transferOut(p, f, buf, count, pos);
    }

    /** readv(2): the iovecs filled in turn; a short read ends the call. */
    @Async
    static long sysReadv(Process p, int fd, long iov, int iovcnt) {
        return vector(p, fd, iov, iovcnt, -1, false);
    }

    /** writev(2): the iovecs written in turn; a short write ends the call. */
    @Async
    static long sysWritev(Process p, int fd, long iov, int iovcnt) {
        return vector(p, fd, iov, iovcnt, -1, true);
    }

    /**
     * preadv(2) and pwritev(2): as readv and writev at {@code pos}, leaving
     * the file offset alone. A 64-bit kernel takes the whole offset from
     * pos_l (Linux's pos_from_hilo shifts pos_h out); ESPIPE where the file
     * cannot seek, EINVAL for a negative offset.
     */
    @Async
    static long sysPreadv(Process p, int fd, long iov, int iovcnt, long pos) { return positioned(p, fd, iov, iovcnt, pos, false); }

    @Async
    static long sysPwritev(Process p, int fd, long iov, int iovcnt, long pos) { return positioned(p, fd, iov, iovcnt, pos, true); }

    @Async
    private static long positioned(Process p, int fd, long iov, int iovcnt, long pos, boolean write) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        if (unseekable(f)) return -Errno.ESPIPE;
        if (pos < 0) return -Errno.EINVAL;
        return vector(p, fd, iov, iovcnt, pos, write);
    }

    /** preadv2/pwritev2 flags that this kernel honours: RWF_HIPRI, RWF_DSYNC, RWF_SYNC, RWF_NOWAIT, RWF_APPEND (include/uapi/linux/fs.h). */
    private static final int RWF_KNOWN = 0x1 | 0x2 | 0x4 | 0x8 | 0x10;

    /**
     * preadv2(2) and pwritev2(2): preadv and pwritev, or readv and writev at
     * the file offset when {@code pos} is -1, with per-call flags. Every
     * write here reaches the page cache at once and a cached read never
     * waits for a disk, so RWF_HIPRI, RWF_DSYNC, RWF_SYNC and RWF_NOWAIT
     * change nothing; RWF_APPEND writes at the end as O_APPEND does; an
     * unknown flag is EOPNOTSUPP.
     */
    @Async
    static long sysPreadv2(Process p, int fd, long iov, int iovcnt, long pos, int flags) {
        return withFlags(p, fd, iov, iovcnt, pos, flags, false);
    }

    @Async
    static long sysPwritev2(Process p, int fd, long iov, int iovcnt, long pos, int flags) {
        return withFlags(p, fd, iov, iovcnt, pos, flags, true);
    }

    @Async
    private static long withFlags(Process p, int fd, long iov, int iovcnt, long pos, int flags, boolean write) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        if ((flags & ~RWF_KNOWN) != 0) return -Errno.EOPNOTSUPP;
        if (write && (flags & 0x10) != 0) {
            // RWF_APPEND: this one call writes as if the description had O_APPEND, at the end whatever pos says.
            int saved = f.flags;
            f.flags |= OpenFlags.O_APPEND;
            long r = vector(p, fd, iov, iovcnt, -1, true);
            f.flags = saved;
            return r;
        }
        if (pos == -1) return vector(p, fd, iov, iovcnt, -1, write);
        return positioned(p, fd, iov, iovcnt, pos, write);
    }

    /** Whether {@code f} has no position to read or write at (a pipe, FIFO or socket, or a device that cannot seek). */
    private static boolean unseekable(OpenFile f) {
        int fmt = f.inode.mode & FileMode.S_IFMT;
        return fmt == FileMode.S_IFIFO || fmt == FileMode.S_IFSOCK || (f.device != null && !f.device.seekable());
    }

    /** lseek(2): SEEK_SET, SEEK_CUR or SEEK_END; the new offset. ESPIPE on a pipe. */
    static long sysLseek(Process p, int fd, long offset, int whence) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        if ((f.inode.mode & FileMode.S_IFMT) == FileMode.S_IFIFO) return -Errno.ESPIPE;
        return f.lseek(offset, whence);
    }

    /**
     * fadvise64 (posix_fadvise(2)): advice about the access pattern, which
     * this kernel takes and needs not follow; EBADF, ESPIPE on a FIFO, EINVAL
     * for advice outside POSIX_FADV_NORMAL..POSIX_FADV_NOREUSE (0..5).
     */
    static long sysFadvise64(Process p, int fd, long offset, long len, int advice) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        if ((f.inode.mode & FileMode.S_IFMT) == FileMode.S_IFIFO) return -Errno.ESPIPE;
        return advice < 0 || advice > 5 || len < 0 ? -Errno.EINVAL : 0;
    }

    /** ftruncate(2): the file open for writing becomes {@code length} bytes long. */
    @Async
    static long sysFtruncate(Process p, int fd, long length) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        return vfs().ftruncate(f, length);
    }

    /** truncate(2): the file at {@code path} becomes {@code length} bytes long. */
    @Async
    static long sysTruncate(Process p, long path, long length) {
        FsContext ctx = context(p);
        if (ctx == null) return -Errno.ENOENT;
        Result<String> name = UserPaths.read(p, path);
        if (!name.ok()) return name.error;
        return vfs().truncate(ctx, OpenFlags.AT_FDCWD, name.value, length);
    }

    /**
     * The iovec array {@code iov} ({void *iov_base; size_t iov_len}, 16 bytes
     * each, man 2 readv): at most IOV_MAX entries, a total that fits ssize_t.
     */
    @Async
    private static long vector(Process p, int fd, long iov, int iovcnt, long pos, boolean write) {
        OpenFile f = file(p, fd);
        if (f == null) return -Errno.EBADF;
        if (iovcnt < 0 || iovcnt > IOV_MAX) return -Errno.EINVAL;
        byte[] v = new byte[16 * iovcnt];
        if (UserCopy.copyIn(p.mm(), iov, v, 0, v.length) < 0) return -Errno.EFAULT;
        long sum = 0;
        for (int i = 0; i < iovcnt; i++) {
            long len = LittleEndian.u64(v, 16 * i + 8);
            if (len < 0 || sum + len < 0) return -Errno.EINVAL;
            sum += len;
        }
        long total = 0;
        for (int i = 0; i < iovcnt; i++) {
            long base = LittleEndian.u64(v, 16 * i), len = LittleEndian.u64(v, 16 * i + 8);
            if (len == 0) continue;
            long at = pos < 0 ? -1 : pos + total;
            long n = write ? transferOut(p, f, base, len, at) : transferIn(p, f, base, len, at);
            if (n < 0) return total > 0 ? total : n;
            total += n;
            if (n < len) break;
        }
        return total;
    }

    /** From the file (at its offset when {@code pos} < 0) to user memory. */
    @Async
    private static long transferIn(Process p, OpenFile f, long buf, long count, long pos) {
        if (count < 0) return -Errno.EINVAL;
        count = Math.min(count, MAX_RW_COUNT);
        if (!UserCopy.inUserHalf(buf, count)) return -Errno.EFAULT;
        byte[] chunk = TransferBuffers.take();
        try {
            long done = 0;
            while (done < count || count == 0) {
                int want = (int) Math.min(chunk.length, count - done);
                int n = pos < 0 ? f.read(chunk, 0, want) : f.pread(chunk, 0, want, pos + done);
                if (n < 0) return done > 0 ? done : n;
                if (n > 0 && UserCopy.copyOut(p.mm(), buf + done, chunk, 0, n) < 0) return done > 0 ? done : -Errno.EFAULT;
                done += n;
                if (n < want || count == 0) break;
            }
            return done;
        } finally {
            TransferBuffers.give(chunk);
        }
    }

    /** From user memory to the file (at its offset when {@code pos} < 0). */
    @Async
    private static long transferOut(Process p, OpenFile f, long buf, long count, long pos) {
        if (count < 0) return -Errno.EINVAL;
        count = Math.min(count, MAX_RW_COUNT);
        if (!UserCopy.inUserHalf(buf, count)) return -Errno.EFAULT;
        byte[] chunk = TransferBuffers.take();
        try {
            long done = 0;
            while (done < count || count == 0) {
                int want = (int) Math.min(chunk.length, count - done);
                if (UserCopy.copyIn(p.mm(), buf + done, chunk, 0, want) < 0) return done > 0 ? done : -Errno.EFAULT;
                int n = pos < 0 ? f.write(chunk, 0, want) : f.pwrite(chunk, 0, want, pos + done);
                if (n < 0) return done > 0 ? done : n;
                done += n;
                if (n < want || count == 0) break;
            }
            return done;
        } finally {
            TransferBuffers.give(chunk);
        }
    }
}
