package lichen.kernel.pipe;

import lichen.api.Async;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.fs.Result;
import lichen.fs.tmpfs.TmpFs;
import lichen.fs.vfs.AnonymousFiles;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.fs.FileClock;
import lichen.libkernel.Errno;

/** Makes pipes: two open file descriptions on one nameless FIFO inode of the kernel's pipefs (fstat shows S_IFIFO). */
public final class Pipes {
    private static AnonymousFiles pipefs;

    private Pipes() {}

    /**
     * A new pipe's read and write ends in {@code ends[0]} and {@code ends[1]}
     * with the status flags given (O_NONBLOCK); 0 or -ENOMEM.
     */
    @Async
    public static int create(int statusFlags, OpenFile[] ends) {
        if (pipefs == null) pipefs = new AnonymousFiles(new TmpFs(new FileClock(), 0, "pipefs"));
        Pipe pipe = Pipe.create(KernelAddressSpace.get().frames());
        if (pipe == null) return -Errno.ENOMEM;
        Pipe.End r = pipe.new End(true, false);
        Pipe.End w = pipe.new End(false, true);
        Result<OpenFile> rf = pipefs.open(FileMode.S_IFIFO | 0600, OpenFlags.O_RDONLY | statusFlags, r);
        if (!rf.ok()) {
            pipe.buffer.release();
            return rf.error;
        }
        pipe.readers = 1;
        OpenFile wf = pipefs.openSame(rf.value, OpenFlags.O_WRONLY | statusFlags, w);
        pipe.writers = 1;
        ends[0] = rf.value;
        ends[1] = wf;
        return 0;
    }

    /** The pipe behind either end {@code f}, or null when it is not a pipe's end. */
    private static Pipe of(OpenFile f) {
        return f.device instanceof Pipe.End e ? e.pipe() : null;
    }

    /** F_GETPIPE_SZ: the pipe's capacity in bytes, or -EBADF when {@code f} is no pipe's end (fcntl(2)). */
    public static long capacity(OpenFile f) {
        Pipe p = of(f);
        return p == null ? -Errno.EBADF : p.buffer.capacity();
    }

    /** FIONREAD: bytes waiting in the pipe, or -1 when {@code f} is no pipe's end. */
    public static long unread(OpenFile f) {
        Pipe p = of(f);
        return p == null ? -1 : p.buffer.available();
    }
}
