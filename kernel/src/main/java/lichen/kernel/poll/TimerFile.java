package lichen.kernel.poll;

import lichen.api.Async;
import lichen.fs.LittleEndian;
import lichen.fs.event.IntervalTimer;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.PollEvents;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Task;
import lichen.libkernel.sync.PollTable;
import lichen.libkernel.sync.WaitQueue;
import lichen.libkernel.sync.WakerSet;

/**
 * A timerfd's driver (man 2 timerfd_create): an {@link IntervalTimer} on the
 * monotonic clock (a CLOCK_REALTIME deadline is turned into one when set) and
 * the expirations counted since the last read, which a read returns as 8
 * bytes and resets. A read waits while the count is 0. While the timer is
 * armed a kernel task sleeps until each deadline, to wake readers and
 * pollers then; it ends when the timer is disarmed or the file closed.
 */
public final class TimerFile implements CharDevice {
    public final int clock;
    private final IntervalTimer timer = new IntervalTimer();
    private long expirations;
    private final WaitQueue readers = new WaitQueue();
    private final WakerSet pollers = new WakerSet();
    private Task waker;
    private boolean closed;
    /** The description this drives (for its O_NONBLOCK). */
    public OpenFile file;

    public TimerFile(int clock) { this.clock = clock; }

    private static Executor executor() { return Processes.executor(); }

    /** Counts what expired by now into the expirations. */
    private void catchUp() { expirations += timer.expire(executor().now()); }

    /**
     * timerfd_settime's work: arms for the monotonic {@code at} (0 disarms) and
     * then every {@code every} ns, forgetting expirations not yet read.
     */
    public void set(long at, long every) {
        timer.arm(at, every);
        expirations = 0;
        Executor ex = executor();
        if (waker != null) ex.interrupt(waker);
        else if (at != 0) waker = ex.spawn("timerfd", this::run);
    }

    /** Nanoseconds until the next expiration (0: disarmed). */
    public long remaining() {
        catchUp();
        return timer.remaining(executor().now());
    }

    public long interval() { return timer.interval(); }

    @Async
    private void run() {
        Executor ex = executor();
        while (timer.armed() && !closed) {
            long wait = timer.deadline() - ex.now();
            if (wait > 0) {
                ex.sleep(wait, true);
                ex.current().clearSignal();
                continue;
            }
            catchUp();
            readers.wakeAll(ex);
            pollers.wakeAll(PollEvents.READABLE);
        }
        waker = null;
    }

    /** The count of expirations since the last read (8 bytes), then 0; EINVAL for fewer than 8 bytes. */
    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        if (len < 8) return -Errno.EINVAL;
        Executor ex = executor();
        while (true) {
            catchUp();
            if (expirations != 0) break;
            if (file != null && (file.flags & OpenFlags.O_NONBLOCK) != 0) return -Errno.EAGAIN;
            long deadline = timer.armed() ? timer.deadline() : Executor.NO_DEADLINE;
            if (readers.sleep(ex, deadline, true) == -Errno.EINTR) {
                catchUp();
                if (expirations == 0) return -Errno.EINTR;
            }
        }
        LittleEndian.put64(buf, off, expirations);
        expirations = 0;
        return 8;
    }

    @Override
    public int write(long pos, byte[] buf, int off, int len) { return -Errno.EINVAL; }

    /** Readable once an expiration is unread (timerfd_poll). */
    @Override
    public int poll(OpenFile f, PollTable table) {
        if (table != null) table.wait(pollers);
        catchUp();
        return expirations != 0 ? PollEvents.READABLE : 0;
    }

    @Override
    @Async
    public void released(OpenFile f) {
        closed = true;
        if (waker != null) executor().interrupt(waker);
    }
}
