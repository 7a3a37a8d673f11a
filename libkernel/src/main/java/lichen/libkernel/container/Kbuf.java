package lichen.libkernel.container;

import lichen.api.Mem;
import lichen.api.PA;
import lichen.api.Unsafe;
import lichen.libkernel.Errno;
import lichen.libkernel.mm.FrameAllocator;

/**
 * A byte ring buffer in whole pages of physical memory, for pipes and TTYs.
 * Positions are free-running 64-bit counters, so full and empty are told
 * apart without a wasted byte. Writes of at most {@link #PIPE_BUF} bytes are
 * atomic when asked (pipe(7): "writes of less than PIPE_BUF bytes must be
 * atomic").
 */
@Unsafe
public final class Kbuf {
    /** POSIX PIPE_BUF on Linux. */
    public static final int PIPE_BUF = 4096;
    private static final int PAGE = 4096;

    private final FrameAllocator frames;
    private final long[] pages;
    private final long capacity;
    private long readPos;
    private long writePos;
    private boolean released;

    private Kbuf(FrameAllocator frames, long[] pages) {
        this.frames = frames;
        this.pages = pages;
        this.capacity = (long) pages.length * PAGE;
    }

    /** A buffer of {@code pageCount} pages (a power of two, 1..256), or null when memory is short. */
    public static Kbuf create(FrameAllocator frames, int pageCount) {
        if (pageCount < 1 || pageCount > 256 || Integer.bitCount(pageCount) != 1) return null;
        long[] pages = new long[pageCount];
        for (int i = 0; i < pageCount; i++) {
            long pa = frames.allocPages(0);
            if (pa < 0) {
                for (int j = 0; j < i; j++) frames.freePages(pages[j], 0);
                return null;
            }
            pages[i] = pa;
        }
        return new Kbuf(frames, pages);
    }

    /** Frees the pages; the buffer must not be used afterwards. */
    public void release() {
        if (released) throw new IllegalStateException("kbuf released twice");
        released = true;
        for (long pa : pages) frames.freePages(pa, 0);
    }

    public long capacity() { return capacity; }

    /** Bytes ready to read. */
    public long available() { return writePos - readPos; }

    /** Bytes that can be written now. */
    public long space() { return capacity - available(); }

    public boolean isEmpty() { return writePos == readPos; }

    public boolean isFull() { return space() == 0; }

    private long addressOf(long pos) {
        long off = pos & (capacity - 1);
        return pages[(int) (off / PAGE)] + (off % PAGE);
    }

    /** Writes up to {@code len} bytes; returns how many fitted (0 when full). */
    public int write(byte[] src, int off, int len) {
        if (off < 0 || len < 0 || off > src.length - len) return -Errno.EFAULT;
        int n = (int) Math.min(len, space());
        int done = 0;
        while (done < n) {
            long pa = addressOf(writePos);
            int chunk = (int) Math.min(n - done, PAGE - (pa % PAGE));
            Mem.copyFromArray(src, off + done, PA.of(pa), chunk);
            done += chunk;
            writePos += chunk;
        }
        return n;
    }

    /**
     * Writes all of a small write or nothing: -EAGAIN when {@code len <=
     * PIPE_BUF} and it does not fit whole; larger writes may be partial.
     */
    public int writeAtomic(byte[] src, int off, int len) {
        if (len <= PIPE_BUF && space() < len) return -Errno.EAGAIN;
        return write(src, off, len);
    }

    /** Reads up to {@code len} bytes and consumes them; returns the count (0 when empty). */
    public int read(byte[] dst, int off, int len) {
        int n = peek(dst, off, len, 0);
        if (n > 0) readPos += n;
        return n;
    }

    /** Copies up to {@code len} bytes from {@code skip} bytes past the read position without consuming them. */
    public int peek(byte[] dst, int off, int len, long skip) {
        if (off < 0 || len < 0 || off > dst.length - len) return -Errno.EFAULT;
        if (skip < 0 || skip > available()) return 0;
        int n = (int) Math.min(len, available() - skip);
        int done = 0;
        long pos = readPos + skip;
        while (done < n) {
            long pa = addressOf(pos);
            int chunk = (int) Math.min(n - done, PAGE - (pa % PAGE));
            Mem.copyToArray(PA.of(pa), dst, off + done, chunk);
            done += chunk;
            pos += chunk;
        }
        return n;
    }

    /** Drops up to {@code n} unread bytes (tcflush); returns how many. */
    public long discard(long n) {
        long d = Math.min(Math.max(n, 0), available());
        readPos += d;
        return d;
    }

    /** Removes the last unread byte (the TTY's erase character); -1 when empty. */
    public int unwriteLast() {
        if (isEmpty()) return -1;
        writePos--;
        return Mem.load8(addressOf(writePos));
    }

    /** Moves up to {@code n} bytes into {@code dst} page-chunk by page-chunk (splice); returns the count. */
    public long transferTo(Kbuf dst, long n) {
        long todo = Math.min(Math.min(n, available()), dst.space());
        long done = 0;
        while (done < todo) {
            long from = addressOf(readPos);
            long to = dst.addressOf(dst.writePos);
            long chunk = Math.min(todo - done, Math.min(PAGE - from % PAGE, PAGE - to % PAGE));
            Mem.copy(PA.of(to), PA.of(from), chunk);
            readPos += chunk;
            dst.writePos += chunk;
            done += chunk;
        }
        return done;
    }
}
