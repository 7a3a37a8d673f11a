package lichen.kernel.poll;

import lichen.api.Async;
import lichen.fs.LittleEndian;
import lichen.fs.event.EventCounter;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.PollEvents;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.sync.PollTable;
import lichen.libkernel.sync.WaitQueue;
import lichen.libkernel.sync.WakerSet;

/**
 * An eventfd's driver (man 2 eventfd): reads and writes of one 8-byte
 * integer on an {@link EventCounter}. A read waits while the counter is 0,
 * a write while the sum would not fit; O_NONBLOCK makes either EAGAIN.
 */
public final class EventFile implements CharDevice {
    private final EventCounter counter;
    private final WaitQueue readers = new WaitQueue(), writers = new WaitQueue();
    private final WakerSet pollers = new WakerSet();
    /** The description this drives (for its O_NONBLOCK, which fcntl may change). */
    public OpenFile file;

    public EventFile(long initial, boolean semaphore) { counter = new EventCounter(initial, semaphore); }

    private boolean nonBlocking() { return file != null && (file.flags & OpenFlags.O_NONBLOCK) != 0; }

    /** Reads the counter into 8 bytes (the whole value, or 1 as a semaphore) and zeroes or decrements it. */
    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        if (len < 8) return -Errno.EINVAL;
        Executor ex = Processes.executor();
        long n;
        while ((n = counter.take()) == 0) {
            if (nonBlocking()) return -Errno.EAGAIN;
            if (readers.sleep(ex, Executor.NO_DEADLINE, true) < 0 && !counter.readable()) return -Errno.EINTR;
        }
        LittleEndian.put64(buf, off, n);
        writers.wakeAll(ex);
        pollers.wakeAll(PollEvents.WRITABLE);
        return 8;
    }

    /** Adds the 8-byte value written; 0xffffffffffffffff is EINVAL, a sum that does not fit waits. */
    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) {
        if (len < 8) return -Errno.EINVAL;
        long n = LittleEndian.u64(buf, off);
        if (n == -1L) return -Errno.EINVAL;
        Executor ex = Processes.executor();
        while (!counter.fits(n)) {
            if (nonBlocking()) return -Errno.EAGAIN;
            if (writers.sleep(ex, Executor.NO_DEADLINE, true) < 0 && !counter.fits(n)) return -Errno.EINTR;
        }
        counter.add(n);
        if (n != 0) {
            readers.wakeAll(ex);
            pollers.wakeAll(PollEvents.READABLE);
        }
        return 8;
    }

    /** Readable while the counter is above 0, writable while 1 more fits (fs/eventfd.c's eventfd_poll). */
    @Override
    public int poll(OpenFile f, PollTable table) {
        if (table != null) table.wait(pollers);
        int events = counter.readable() ? PollEvents.READABLE : 0;
        return counter.writable() ? events | PollEvents.WRITABLE : events;
    }
}
