package lichen.kernel.fs;

import lichen.api.Async;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.container.Kbuf;
import lichen.libkernel.mm.FrameAllocator;
import lichen.libkernel.sync.WaitQueue;

/**
 * A pipe's buffer and its rules (pipe(7)): 64 KiB in buddy pages (Linux's
 * default capacity), readers sleep while it is empty and writers while it is
 * full; a read of an empty pipe with no writer left is end-of-file, a write
 * with no reader left is EPIPE (SIGPIPE comes with signals); writes of at
 * most PIPE_BUF bytes go in whole or not at all; O_NONBLOCK makes a call that
 * would sleep EAGAIN. The pages go back when both ends are closed.
 */
public final class Pipe {
    /** 16 pages, 65536 bytes: Linux's default pipe capacity (pipe(7), "Pipe capacity"). */
    public static final int PAGES = 16;

    private final Kbuf buffer;
    private final Executor executor;
    private final WaitQueue readers = new WaitQueue();
    private final WaitQueue writers = new WaitQueue();
    private int readEnds = 1, writeEnds = 1;

    private Pipe(Kbuf buffer, Executor executor) {
        this.buffer = buffer;
        this.executor = executor;
    }

    /** A pipe with one read end and one write end open, sleeping on {@code executor}; null when memory is short. */
    public static Pipe create(FrameAllocator frames, Executor executor) {
        Kbuf b = Kbuf.create(frames, PAGES);
        return b == null ? null : new Pipe(b, executor);
    }

    /** Bytes waiting to be read (FIONREAD). */
    public long available() { return buffer.available(); }

    /** Up to {@code len} bytes: what is there, sleeping while the pipe is empty and a writer is left. */
    @Async
    public int read(byte[] buf, int off, int len, boolean nonBlocking) {
        if (len == 0) return 0;
        while (buffer.isEmpty()) {
            if (writeEnds == 0) return 0;
            if (nonBlocking) return -Errno.EAGAIN;
            if (readers.sleep(executor, Executor.NO_DEADLINE, true) < 0 && buffer.isEmpty()) return -Errno.EINTR;
        }
        int n = buffer.read(buf, off, len);
        writers.wakeAll(executor);
        return n;
    }

    /** All {@code len} bytes, sleeping while the pipe is full; a small write waits until it fits whole. */
    @Async
    public int write(byte[] buf, int off, int len, boolean nonBlocking) {
        boolean atomic = len <= Kbuf.PIPE_BUF;
        int done = 0;
        while (done < len) {
            if (readEnds == 0) return done > 0 ? done : -Errno.EPIPE;
            long space = buffer.space();
            if (space >= len - done || (!atomic && space > 0)) {
                done += buffer.write(buf, off + done, len - done);
                readers.wakeAll(executor);
                continue;
            }
            if (nonBlocking) return done > 0 ? done : -Errno.EAGAIN;
            if (writers.sleep(executor, Executor.NO_DEADLINE, true) < 0) return done > 0 ? done : -Errno.EINTR;
        }
        return done;
    }

    /** An end's last descriptor was closed: the other side is told; with both gone the pages go back. */
    public void close(boolean writeEnd) {
        if (writeEnd) {
            writeEnds--;
            readers.wakeAll(executor);
        } else {
            readEnds--;
            writers.wakeAll(executor);
        }
        if (readEnds == 0 && writeEnds == 0) buffer.release();
    }
}
