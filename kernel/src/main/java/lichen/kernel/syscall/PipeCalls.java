package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.pipe.Pipes;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/** pipe2(2). */
final class PipeCalls {
    private PipeCalls() {}

    /**
     * pipe2(2): two descriptors, the read end in {@code fds[0]} and the write
     * end in {@code fds[1]}; O_CLOEXEC, O_NONBLOCK and O_DIRECT (taken, not
     * packet mode) are the flags, others EINVAL; EMFILE when the table is full;
     * EFAULT for a bad array, with neither descriptor left open.
     */
    @Async
    static long sysPipe2(Process p, long fds, int flags) {
        if ((flags & ~(OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT)) != 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null) return -Errno.EMFILE;
        OpenFile[] ends = new OpenFile[2];
        int rc = Pipes.create(flags & OpenFlags.O_NONBLOCK, ends);
        if (rc < 0) return rc;
        boolean cloexec = (flags & OpenFlags.O_CLOEXEC) != 0;
        int r = ctx.fds.install(ends[0], cloexec);
        if (r < 0) {
            ends[0].close();
            ends[1].close();
            return r;
        }
        int w = ctx.fds.install(ends[1], cloexec);
        if (w < 0) {
            ctx.fds.close(r);
            ends[1].close();
            return w;
        }
        byte[] pair = new byte[8];
        LittleEndian.put32(pair, 0, r);
        LittleEndian.put32(pair, 4, w);
        if (UserCopy.copyOut(p.mm(), fds, pair, 0, 8) < 0) {
            ctx.fds.close(r);
            ctx.fds.close(w);
            return -Errno.EFAULT;
        }
        return 0;
    }
}
