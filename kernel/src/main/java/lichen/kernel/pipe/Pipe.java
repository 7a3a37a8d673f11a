package lichen.kernel.pipe;

import lichen.api.Async;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.Inode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.PollEvents;
import lichen.kernel.proc.Processes;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.container.Kbuf;
import lichen.libkernel.mm.FrameAllocator;
import lichen.libkernel.sync.PollTable;
import lichen.libkernel.sync.WaitQueue;
import lichen.libkernel.sync.WakerSet;

/**
 * A pipe (man 7 pipe): a 64 KiB ring of pages between a read end and a
 * write end. Readers sleep while it is empty and some writer is left, and
 * see end-of-file once none is; writers sleep while it is full, and get
 * EPIPE once no reader is left. Writes of at most PIPE_BUF bytes are atomic;
 * longer blocking writes return when all is written. O_NONBLOCK ends turn
 * each sleep into EAGAIN (or a short count).
 */
public final class Pipe {
    /** Linux's default pipe capacity: 16 pages. */
    static final int PAGES = 16;

    final Kbuf buffer;
    int readers, writers;
    final WaitQueue readable = new WaitQueue(), writable = new WaitQueue();
    /** poll(2) and select(2) callers waiting on either end: told of every change. */
    final WakerSet pollers = new WakerSet();
    /** A FIFO's: the inode whose pipe this is (it forgets the pipe with the last end), how many ends have opened to read and to write, and the openers waiting for a partner. */
    Inode fifo;
    int readerOpens, writerOpens;
    final WaitQueue partners = new WaitQueue();

    private Pipe(Kbuf buffer) { this.buffer = buffer; }

    /** A pipe with no ends yet, or null when no pages are free. */
    static Pipe create(FrameAllocator frames) {
        Kbuf b = Kbuf.create(frames, PAGES);
        return b == null ? null : new Pipe(b);
    }

    private static Executor executor() { return Processes.executor(); }

    private static boolean nonBlocking(OpenFile f) { return f != null && (f.flags & OpenFlags.O_NONBLOCK) != 0; }

    /** An end's last close: the other side learns it, and the pages go with the last end. */
    @Async
    void endClosed(boolean reader, boolean writer) {
        if (reader) readers--;
        if (writer) writers--;
        readable.wakeAll(executor());
        writable.wakeAll(executor());
        pollers.wakeAll();
        if (readers == 0 && writers == 0) {
            buffer.release();
            if (fifo != null) fifo.fifo = null;
        }
    }

    /** A write with no reader left: EPIPE, and SIGPIPE to the writer (man 7 pipe). */
    private static int brokenPipe() { return Signals.brokenPipe(); }

    /** Reads what is there, sleeping while nothing is and some writer is left; 0 (end of file) once none is. */
    @Async
    private int read(OpenFile file, byte[] buf, int off, int len) {
        if (len == 0) return 0;
        while (buffer.isEmpty()) {
            if (writers == 0) return 0;
            if (nonBlocking(file)) return -Errno.EAGAIN;
            int rc = readable.sleep(executor(), Executor.NO_DEADLINE, true);
            if (rc < 0 && buffer.isEmpty()) return -Errno.EINTR;
        }
        int n = buffer.read(buf, off, len);
        writable.wakeAll(executor());
        pollers.wakeAll(PollEvents.WRITABLE); // room: only writers' waits care (an edge-triggered reader's does not)
        return n;
    }

    @Async
    private int write(OpenFile file, byte[] buf, int off, int len) {
        if (readers == 0) return brokenPipe();
        int done = 0;
        while (done < len) {
            if (readers == 0) return done > 0 ? done : brokenPipe();
            int want = len - done;
            // Up to PIPE_BUF bytes go in whole or not at all; more may be split.
            boolean fits = want <= Kbuf.PIPE_BUF ? buffer.space() >= want : buffer.space() > 0;
            if (fits) {
                done += buffer.write(buf, off + done, want);
                readable.wakeAll(executor());
                pollers.wakeAll(PollEvents.READABLE);
                continue;
            }
            if (nonBlocking(file)) return done > 0 ? done : -Errno.EAGAIN;
            int rc = writable.sleep(executor(), Executor.NO_DEADLINE, true);
            if (rc < 0) return done > 0 ? done : -Errno.EINTR;
        }
        return done;
    }

    /**
     * An end of the pipe: the read end, the write end, or for a FIFO opened
     * O_RDWR both at once (fifo(7)). A read end is readable when bytes wait
     * and hung up once no writer is left; a write end is writable while a
     * page's worth fits, so that a write of up to PIPE_BUF bytes the caller
     * was told may go does not block, and in error once no reader is left
     * (fs/pipe.c's pipe_poll).
     */
    final class End implements CharDevice {
        final boolean reads, writes;

        End(boolean reads, boolean writes) {
            this.reads = reads;
            this.writes = writes;
        }

        Pipe pipe() { return Pipe.this; }

        @Override
        @Async
        public int read(long pos, byte[] buf, int off, int len) { return read(null, pos, buf, off, len); }

        @Override
        @Async
        public int write(long pos, byte[] buf, int off, int len) { return write(null, pos, buf, off, len); }

        /** Through the description {@code f}, whose O_NONBLOCK turns each wait into EAGAIN. */
        @Override
        @Async
        public int read(OpenFile f, long pos, byte[] buf, int off, int len) { return reads ? Pipe.this.read(f, buf, off, len) : -Errno.EBADF; }

        @Override
        @Async
        public int write(OpenFile f, long pos, byte[] buf, int off, int len) { return writes ? Pipe.this.write(f, buf, off, len) : -Errno.EBADF; }

        @Override
        public int poll(OpenFile f, PollTable table) {
            if (table != null) table.wait(pollers);
            int events = 0;
            if (reads) events |= (buffer.isEmpty() ? 0 : PollEvents.READABLE) | (writers == 0 ? PollEvents.POLLHUP : 0);
            if (writes) events |= (buffer.space() >= Kbuf.PIPE_BUF ? PollEvents.WRITABLE : 0) | (readers == 0 ? PollEvents.POLLERR : 0);
            return events;
        }

        @Override
        @Async
        public void released(OpenFile f) { endClosed(reads, writes); }
    }
}
