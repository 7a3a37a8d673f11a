package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.tty.PtyMaster;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.pipe.Pipes;
import lichen.kernel.socket.Socket;
import lichen.kernel.socket.SocketFiles;
import lichen.kernel.net.InterfaceIoctls;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * The descriptor table and what a descriptor carries: dup(2), dup3(2),
 * close_range(2), fcntl(2) and ioctl(2).
 */
final class DescriptorCalls {
    /** fcntl commands (asm-generic/fcntl.h). */
    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030, F_GETPIPE_SZ = 1032;
    static final int FD_CLOEXEC = 1;
    /** The status flags F_SETFL may change (fs/fcntl.c SETFL_MASK; O_ASYNC 020000, O_NOATIME 01000000). */
    static final int SETFL_MASK = OpenFlags.O_APPEND | OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT | 020000 | 01000000;
    /** close_range flags (include/uapi/linux/close_range.h). */
    static final int CLOSE_RANGE_UNSHARE = 2, CLOSE_RANGE_CLOEXEC = 4;
    /** Every descriptor table's size (Vfs.newContext: RLIMIT_NOFILE's default of 1024). */
    static final int DESCRIPTOR_LIMIT = 1024;
    /** ioctls on any descriptor (asm-generic/ioctls.h). */
    static final int FIONCLEX = 0x5450, FIOCLEX = 0x5451, FIONREAD = 0x541B;

    private DescriptorCalls() {}

    /** dup(2): the lowest free descriptor for the same open file description. */
    static long sysDup(Process p, int fd) {
        FsContext ctx = p.files();
        return ctx == null ? -Errno.EBADF : ctx.fds.dup(fd);
    }

    /** dup3(2): {@code newfd} (closed first if open) refers to {@code oldfd}'s description; O_CLOEXEC is the only flag. */
    @Async
    static long sysDup3(Process p, int oldfd, int newfd, int flags) {
        if ((flags & ~OpenFlags.O_CLOEXEC) != 0) return -Errno.EINVAL;
        if (oldfd == newfd) return -Errno.EINVAL;
        FsContext ctx = p.files();
        return ctx == null ? -Errno.EBADF : ctx.fds.dupTo(oldfd, newfd, (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    /**
     * close_range(2): closes the open descriptors from {@code first} to
     * {@code last} (unsigned; ~0U for "all above"), or with
     * CLOSE_RANGE_CLOEXEC marks them close-on-exec; CLOSE_RANGE_UNSHARE has
     * nothing to do while a process is one thread with its own table.
     */
    @Async
    static long sysCloseRange(Process p, int first, int last, int flags) {
        if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) != 0) return -Errno.EINVAL;
        long lo = first & 0xFFFF_FFFFL, hi = last & 0xFFFF_FFFFL;
        if (lo > hi) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return 0;
        for (long fd = lo; fd <= Math.min(hi, DESCRIPTOR_LIMIT - 1); fd++) {
            if (ctx.fds.get((int) fd) == null) continue;
            if ((flags & CLOSE_RANGE_CLOEXEC) != 0) ctx.fds.setCloseOnExec((int) fd, true);
            else ctx.fds.close((int) fd);
        }
        return 0;
    }

    /** fcntl(2): descriptor flags, status flags, duplication, record locks (LockCalls), a pipe's size. */
    @Async
    static long sysFcntl(Process p, int fd, int cmd, long arg) {
        OpenFile f = FileCalls.file(p, fd);
        if (f == null) return -Errno.EBADF;
        FsContext ctx = p.files();
        switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> {
                if (arg < 0 || arg > Integer.MAX_VALUE) return -Errno.EINVAL;
                return ctx.fds.dupFrom(fd, (int) arg, cmd == F_DUPFD_CLOEXEC);
            }
            case F_GETFD -> { return ctx.fds.closeOnExec(fd) ? FD_CLOEXEC : 0; }
            case F_SETFD -> { return ctx.fds.setCloseOnExec(fd, (arg & FD_CLOEXEC) != 0); }
            case F_GETFL -> { return statusFlags(f); }
            case F_SETFL -> {
                f.flags = (f.flags & ~SETFL_MASK) | ((int) arg & SETFL_MASK);
                return 0;
            }
            case LockCalls.F_GETLK, LockCalls.F_SETLK, LockCalls.F_SETLKW, LockCalls.F_OFD_GETLK, LockCalls.F_OFD_SETLK,
                    LockCalls.F_OFD_SETLKW -> { return LockCalls.fcntlLock(p, f, cmd, arg); }
            case F_GETPIPE_SZ -> { return Pipes.capacity(f); }
            default -> { return -Errno.EINVAL; }
        }
    }

    /**
     * F_GETFL: the access mode and status flags. The open-time flags
     * (O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC) are not kept (fs/open.c
     * do_dentry_open), and a 64-bit kernel sets O_LARGEFILE on every open.
     */
    static int statusFlags(OpenFile f) {
        int gone = OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_NOCTTY | OpenFlags.O_TRUNC | OpenFlags.O_CLOEXEC;
        return (f.flags & ~gone) | OpenFlags.O_LARGEFILE;
    }

    /**
     * ioctl(2): close-on-exec and FIONREAD on any descriptor, the terminal requests on the console and ptys,
     * the interface and route requests (netdevice(7)) on sockets, ENOTTY otherwise.
     */
    @Async
    static long sysIoctl(Process p, int fd, int cmd, long arg) {
        OpenFile f = FileCalls.file(p, fd);
        if (f == null) return -Errno.EBADF;
        FsContext ctx = p.files();
        if (cmd == FIOCLEX || cmd == FIONCLEX) return ctx.fds.setCloseOnExec(fd, cmd == FIOCLEX);
        boolean terminal = TerminalIoctls.of(f) != null;
        if (cmd == FIONREAD) {
            if (f.device instanceof PtyMaster m) return UserCopy.store32(p.mm(), arg, m.unread());
            if (terminal) return UserCopy.store32(p.mm(), arg, TerminalIoctls.of(f).available());
            Socket socket = SocketFiles.of(f);
            if (socket != null) {
                long queued = socket.unread();
                return queued < 0 ? queued : UserCopy.store32(p.mm(), arg, (int) Math.min(queued, Integer.MAX_VALUE));
            }
            long unread = Pipes.unread(f);
            if (unread >= 0) return UserCopy.store32(p.mm(), arg, (int) unread);
            if (!FileMode.isRegular(f.inode.mode)) return -Errno.ENOTTY;
            return UserCopy.store32(p.mm(), arg, (int) Math.max(0, Math.min(Integer.MAX_VALUE, f.inode.size - f.offset)));
        }
        if (terminal) return TerminalIoctls.ioctl(p, f, cmd, arg);
        if (SocketFiles.of(f) != null && InterfaceIoctls.handles(cmd)) return InterfaceIoctls.ioctl(p, cmd, arg);
        return -Errno.ENOTTY;
    }
}
