package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.LittleEndian;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.boot.MemorySetup;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;

/** pipe2(2): a pipe's read end and write end as the two lowest free descriptors. */
final class PipeCalls {
    private PipeCalls() {}

    /** {@code pipefd[0]} reads, {@code pipefd[1]} writes; O_CLOEXEC, O_NONBLOCK and O_DIRECT are the flags. */
    @Async
    static long sysPipe2(Process p, long pipefd, int flags) {
        if ((flags & ~(OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT)) != 0) return -Errno.EINVAL;
        FsContext ctx = p.files();
        if (ctx == null || RootFilesystem.pipes() == null) return -Errno.ENFILE;
        OpenFile[] ends = RootFilesystem.pipes().open(flags & (OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT), MemorySetup.frames(),
                Processes.executor());
        if (ends == null) return -Errno.ENFILE;
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
        byte[] out = new byte[8];
        LittleEndian.put32(out, 0, r);
        LittleEndian.put32(out, 4, w);
        if (UserCopy.copyOut(p.mm(), pipefd, out, 0, 8) < 0) {
            ctx.fds.close(r);
            ctx.fds.close(w);
            return -Errno.EFAULT;
        }
        return 0;
    }
}
