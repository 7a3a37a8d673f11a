package lichen.kernel.tty;

import lichen.fs.vfs.FileMode;
import lichen.api.Async;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.sync.WaitQueue;
import lichen.libkernel.sync.WakerSet;
import lichen.libkernel.tty.Termios;
import lichen.libkernel.tty.OutputProcessing;

/**
 * A pseudo-terminal pair (man 7 pty): the slave is a {@link Terminal} whose
 * driver is this pair; what its programs write (and its echo) goes through
 * output processing (ONLCR) into a ring the master reads, and what the
 * master writes is typed into the slave's line discipline. The pair is
 * /dev/pts/N for index N from the first open of /dev/ptmx; it starts locked
 * (the slave cannot be opened until TIOCSPTLCK 0, unlockpt(3)). The master's
 * close hangs the slave up; the slave's last close makes the master's reads
 * EIO once its data is read. The pair is reused for the next master that
 * takes its index, so its buffers are made once per index.
 */
final class PtyPair implements TerminalDriver {
    /** What the master holds unread of the slave's output; a slave's write waits while it is full. */
    static final int OUTPUT_CAPACITY = 4096;

    final int index;
    final Terminal slave;
    final PtyMaster master;
    private final byte[] output = new byte[OUTPUT_CAPACITY];
    private long outputHead, outputTail;
    private final byte[] expanded = new byte[OutputProcessing.MAX_EXPANSION];
    /** The master's readers wait for output; the slave's writers for room in it; the master's writers for room in the slave's input. */
    final WaitQueue masterReaders = new WaitQueue(), slaveWriters = new WaitQueue(), masterWriters = new WaitQueue();
    /** poll(2) callers on the master. */
    final WakerSet masterPollers = new WakerSet();
    boolean inUse, locked, masterOpen;
    /** Open file descriptions of the slave; {@code slaveClosed}: it was opened and all are closed now (TTY_OTHER_CLOSED on the master). */
    int slaveOpens;
    boolean slaveClosed;

    PtyPair(int index) {
        this.index = index;
        slave = new Terminal(this, true);
        master = new PtyMaster(this);
    }

    /** A new master took this index: everything starts afresh and locked (ptmx_open). */
    void start() {
        slave.reset();
        // A pty's slave starts as tty_std_termios without HUPCL: drivers/tty/pty.c sets c_cflag to B38400 | CS8 | CREAD.
        slave.termios().setCflag(slave.termios().cflag() & ~Termios.HUPCL);
        outputHead = outputTail = 0;
        inUse = true;
        locked = true;
        masterOpen = true;
        slaveOpens = 0;
        slaveClosed = false;
    }

    private static Executor executor() { return Processes.executor(); }

    int unread() { return (int) (outputTail - outputHead); }

    /** The master's read: the slave's output, oldest first. */
    int takeOutput(byte[] buf, int off, int len) {
        int n = 0;
        while (n < len && outputHead < outputTail) buf[off + n++] = output[(int) (outputHead++ % OUTPUT_CAPACITY)];
        if (n > 0) {
            slaveWriters.wakeAll(executor());
            slave.wakePollers();
        }
        return n;
    }

    /** Puts byte {@code c} as output processing makes it; false (nothing put) when there is no room for all of it. */
    private boolean put(int c) {
        int n = OutputProcessing.expand(slave.termios(), c, expanded);
        if (OUTPUT_CAPACITY - unread() < n) return false;
        for (int i = 0; i < n; i++) output[(int) (outputTail++ % OUTPUT_CAPACITY)] = expanded[i];
        return true;
    }

    private void outputAdded() {
        masterReaders.wakeAll(executor());
        masterPollers.wakeAll();
    }

    @Override
    @Async
    public int output(OpenFile f, byte[] buf, int off, int len) {
        int done = 0;
        while (done < len) {
            if (!masterOpen) return done > 0 ? done : -Errno.EIO;
            if (put(buf[off + done])) {
                done++;
                continue;
            }
            outputAdded();
            if (f != null && (f.flags & OpenFlags.O_NONBLOCK) != 0) return done > 0 ? done : -Errno.EAGAIN;
            int r = slaveWriters.sleep(executor(), Executor.NO_DEADLINE, true);
            if (r < 0) return done > 0 ? done : -Errno.EINTR;
        }
        outputAdded();
        return done;
    }

    @Override
    public void echo(int b) { put(b); }

    @Override
    public void echoDone() { outputAdded(); }

    @Override
    public boolean writable() { return OUTPUT_CAPACITY - unread() >= OutputProcessing.MAX_EXPANSION; }

    /** Opening /dev/pts/N: EIO while the pair is locked or its master is gone (pty_open, ptm_unix98_lookup). */
    /** The slave's reader made room: a master's write waiting for it goes on, and pollers see POLLOUT. */
    @Override
    public void inputTaken() {
        masterWriters.wakeAll(executor());
        masterPollers.wakeAll();
    }

    /** The slave's /dev/pts/N (136:N). */
    @Override
    public int deviceNumber() { return FileMode.makedev(Ptys.SLAVE_MAJOR, index); }

    @Override
    public int opened() {
        if (locked || !masterOpen) return -Errno.EIO;
        slaveOpens++;
        slaveClosed = false;
        return 0;
    }

    @Override
    @Async
    public void released() {
        if (--slaveOpens > 0) return;
        slaveClosed = true;
        masterReaders.wakeAll(executor());
        masterPollers.wakeAll();
        if (!masterOpen) Ptys.free(this);
    }

    /** The master's last close: the slave hangs up, its session leader hears SIGHUP (tty_vhangup), /dev/pts/N goes. */
    @Async
    void masterClosed() {
        masterOpen = false;
        ControllingTerminal.hangUp(slave);
        slave.hangUp();
        slaveWriters.wakeAll(executor());
        Devpts.remove(index);
        if (slaveOpens == 0) Ptys.free(this);
    }
}
