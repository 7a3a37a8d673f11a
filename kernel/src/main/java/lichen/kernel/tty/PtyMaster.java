package lichen.kernel.tty;

import lichen.api.Async;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.PollEvents;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.sync.PollTable;

/**
 * The master side of a pseudo-terminal pair, the open file /dev/ptmx gives
 * (man 4 pts): a read takes what the slave's programs wrote, after output
 * processing; a write is typed at the slave (its line discipline edits,
 * echoes back here, and turns ^C into SIGINT for the slave's foreground
 * group). Once the slave has been opened and closed again, a read finding
 * nothing more is EIO and poll says POLLHUP.
 */
public final class PtyMaster implements CharDevice {
    final PtyPair pair;

    PtyMaster(PtyPair pair) { this.pair = pair; }

    /** The pair's index, N of /dev/pts/N (TIOCGPTN). */
    public int index() { return pair.index; }

    /** The slave's terminal: the master's terminal ioctls act on it (tty_ioctl's tty_pair_get_tty). */
    public Terminal slave() { return pair.slave; }

    /** TIOCSPTLCK: locks or unlocks the slave's opening (unlockpt(3)). */
    public void setLocked(boolean locked) { pair.locked = locked; }

    /** TIOCGPTLCK: whether the slave is locked. */
    public boolean locked() { return pair.locked; }

    /** FIONREAD: the slave's output not yet read. */
    public int unread() { return pair.unread(); }

    private static Executor executor() { return Processes.executor(); }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) { return read(null, pos, buf, off, len); }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) { return write(null, pos, buf, off, len); }

    @Override
    @Async
    public int read(OpenFile f, long pos, byte[] buf, int off, int len) {
        if (len == 0) return 0;
        while (pair.unread() == 0) {
            if (pair.slaveClosed) return -Errno.EIO;
            if (f != null && (f.flags & OpenFlags.O_NONBLOCK) != 0) return -Errno.EAGAIN;
            int r = pair.masterReaders.sleep(executor(), Executor.NO_DEADLINE, true);
            if (r < 0 && pair.unread() == 0) return -Errno.EINTR;
        }
        return pair.takeOutput(buf, off, len);
    }

    @Override
    @Async
    public int write(OpenFile f, long pos, byte[] buf, int off, int len) {
        // Typed at the slave as fast as its line discipline takes it: a write waits while the slave's input is full
        // (n_tty's receive_room at 0) until the slave's reader takes some; O_NONBLOCK gives what fit, or EAGAIN.
        int done = 0;
        while (done < len) {
            int room = pair.slave.inputRoom();
            if (room == 0) {
                if (f != null && (f.flags & OpenFlags.O_NONBLOCK) != 0) return done > 0 ? done : -Errno.EAGAIN;
                int r = pair.masterWriters.sleep(executor(), Executor.NO_DEADLINE, true);
                if (r == WakeReason.INTERRUPTED && pair.slave.inputRoom() == 0) return done > 0 ? done : -Errno.EINTR;
                continue;
            }
            int n = Math.min(room, len - done);
            pair.slave.receive(buf, off + done, n);
            done += n;
        }
        return done;
    }

    /** Readable while output waits; POLLHUP once the slave has closed (pty's n_tty_poll with TTY_OTHER_CLOSED). */
    @Override
    public int poll(OpenFile f, PollTable table) {
        if (table != null) table.wait(pair.masterPollers);
        int events = (pair.unread() > 0 ? PollEvents.READABLE : 0) | (pair.slave.inputRoom() > 0 ? PollEvents.WRITABLE : 0);
        return pair.slaveClosed ? events | PollEvents.POLLHUP : events;
    }

    @Override
    @Async
    public void released(OpenFile f) { pair.masterClosed(); }
}
