package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.poll.AnonymousInodes;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/** A descriptor for a new nameless file (epoll_create1, eventfd2, timerfd_create, signalfd4): anon_inode_getfd. */
final class AnonymousDescriptors {
    private AnonymousDescriptors() {}

    /**
     * Opens a read-write description driven by {@code driver}, O_NONBLOCK when
     * {@code flags} has it, at the lowest free descriptor, close-on-exec when
     * {@code flags} has O_CLOEXEC; the descriptor, -EMFILE, or -ENOMEM.
     */
    @Async
    static long install(Process p, CharDevice driver, int flags) {
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.EMFILE;
        Result<OpenFile> f = AnonymousInodes.open(OpenFlags.O_RDWR | (flags & OpenFlags.O_NONBLOCK), driver);
        if (!f.ok()) return f.error;
        int fd = ctx.fds.install(f.value, (flags & OpenFlags.O_CLOEXEC) != 0);
        if (fd < 0) f.value.close();
        return fd;
    }
}
