package lichen.kernel.pipe;

import lichen.api.Async;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.fs.Result;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.FifoOpener;
import lichen.fs.vfs.Inode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;

/**
 * Named pipes (fifo(7), open(2)): a FIFO's inode has a {@link Pipe} while
 * any end of it is open. Opening for reading waits until some writer has
 * opened it, and opening for writing until some reader has, unless
 * O_NONBLOCK: then a reader goes on at once and a writer with no reader
 * gets ENXIO. O_RDWR is both ends and never waits (Linux's choice; POSIX
 * leaves it undefined). Every open counts, so an opener wakes for a
 * partner that opened and closed again before it ran (fs/pipe.c's
 * r_counter and w_counter).
 */
public final class Fifos implements FifoOpener {
    @Override
    public Result<CharDevice> open(Inode fifo, int flags) {
        int access = flags & OpenFlags.O_ACCMODE;
        boolean reads = access != OpenFlags.O_WRONLY, writes = access != OpenFlags.O_RDONLY;
        Pipe pipe = (Pipe) fifo.fifo;
        if (writes && !reads && (flags & OpenFlags.O_NONBLOCK) != 0 && (pipe == null || pipe.readers == 0)) {
            return Result.err(-Errno.ENXIO);
        }
        if (pipe == null) {
            pipe = Pipe.create(KernelAddressSpace.get().frames());
            if (pipe == null) return Result.err(-Errno.ENOMEM);
            pipe.fifo = fifo;
            fifo.fifo = pipe;
        }
        if (reads) {
            pipe.readers++;
            pipe.readerOpens++;
        }
        if (writes) {
            pipe.writers++;
            pipe.writerOpens++;
        }
        pipe.partners.wakeAll(Processes.executor());
        pipe.readable.wakeAll(Processes.executor()); // a reader asleep in read(2) on an emptied FIFO sees a writer again
        pipe.pollers.wakeAll();
        return Result.ok(pipe.new End(reads, writes));
    }

    /**
     * After {@code f} is opened: a FIFO's end waits for the other side as
     * open(2) does; 0, or -EINTR when a signal
     * came first (the caller closes {@code f}). Anything else is 0 at once.
     */
    @Async
    public static int awaitPartner(OpenFile f) {
        if (!(f.device instanceof Pipe.End end)) return 0;
        Pipe pipe = end.pipe();
        if (end.reads == end.writes || (f.flags & OpenFlags.O_NONBLOCK) != 0) return 0;
        Executor ex = Processes.executor();
        if (end.reads) {
            int seen = pipe.writerOpens;
            while (pipe.writers == 0 && pipe.writerOpens == seen) {
                if (pipe.partners.sleep(ex, Executor.NO_DEADLINE, true) == WakeReason.INTERRUPTED) return -Errno.EINTR;
            }
        } else {
            int seen = pipe.readerOpens;
            while (pipe.readers == 0 && pipe.readerOpens == seen) {
                if (pipe.partners.sleep(ex, Executor.NO_DEADLINE, true) == WakeReason.INTERRUPTED) return -Errno.EINTR;
            }
        }
        return 0;
    }
}
