package lichen.kernel.tty;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.PollEvents;
import lichen.kernel.proc.Processes;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.sync.PollTable;
import lichen.libkernel.sync.WaitQueue;
import lichen.libkernel.sync.WakerSet;
import lichen.libkernel.tty.LineDiscipline;
import lichen.libkernel.tty.Termios;

/**
 * A terminal (man 4 tty): its termios settings, window size, line
 * discipline, the session it controls and that session's foreground process
 * group, and the programs reading it. What it shows and where input comes
 * from is its {@link TerminalDriver}'s: the serial console, or the master of
 * a pseudo-terminal pair (man 7 pty). Reads sleep until the discipline has
 * something for them: a whole line in canonical mode, else VMIN bytes
 * (VMIN 0: VTIME tenths of a second at most). A background process's reads
 * and writes meet the job-control checks of {@link ControllingTerminal}.
 */
public final class Terminal implements CharDevice {
    private static final long DECISECOND = 100_000_000L;
    static final int WINSIZE_SIZE = 8;

    private final Termios termios = new Termios();
    private final LineDiscipline discipline;
    private final TerminalDriver driver;
    /** Whether opening it without O_NOCTTY makes it its session leader's controlling terminal (never /dev/console: tty_open's noctty). */
    private final boolean acquiredByOpen;
    private final WaitQueue readers = new WaitQueue();
    private final WakerSet pollers = new WakerSet();
    /** TIOCGWINSZ's struct winsize: 0 rows of 0 columns until set, as a Linux serial console or a new pty starts. */
    private final byte[] winsize = new byte[WINSIZE_SIZE];
    /** The session this is the controlling terminal of (0: none), and its foreground process group (0: none yet). */
    int session, foreground;
    /** The other side went away (a pty's master closed): reads see end-of-file, writes and settings EIO (tty_hangup's hung_up_tty_fops). */
    private boolean hungUp;

    Terminal(TerminalDriver driver, boolean acquiredByOpen) {
        this.driver = driver;
        this.acquiredByOpen = acquiredByOpen;
        discipline = new LineDiscipline(termios, b -> driver.echo(b), this::signalForeground);
    }

    public Termios termios() { return termios; }

    public byte[] winsize() { return winsize; }

    public int foreground() { return foreground; }

    /** The device number of this terminal (its driver's). */
    public int deviceNumber() { return driver.deviceNumber(); }

    public int session() { return session; }

    /** Whether the other side went away (a pty whose master closed). */
    public boolean hungUp() { return hungUp; }

    /** Bytes a read would take now (FIONREAD). */
    public int available() { return discipline.available(); }

    /** Drops the input not yet read (TCFLSH, TCSETSF). */
    public void flushInput() {
        discipline.flush();
        driver.inputTaken();
    }

    /** The settings changed (TCSETS): what was typed may be readable now. */
    public void settingsChanged() { wakeReaders(); }

    /** Bytes typed at the terminal (the UART's, or written to a pty's master) through the line discipline; echo is shown, readers woken. */
    void receive(byte[] buf, int off, int len) {
        for (int i = 0; i < len; i++) discipline.receive(buf[off + i]);
        driver.echoDone();
        wakeReaders();
    }

    void receive(int b) { discipline.receive(b); }

    /** The input batch of {@link #receive(int)} is complete. */
    void received() {
        driver.echoDone();
        wakeReaders();
    }

    /** How many bytes the line discipline takes now (a pty master's write waits while it is 0). */
    int inputRoom() { return discipline.room(); }

    /** As new (a pty pair's index taken again): default settings, no size, no session, nothing typed. */
    void reset() {
        termios.reset();
        discipline.reset();
        for (int i = 0; i < WINSIZE_SIZE; i++) winsize[i] = 0;
        session = foreground = 0;
        hungUp = false;
    }

    /** The other side is gone: every reader wakes to end-of-file and the terminal leaves its session (a pty master's close). */
    void hangUp() {
        hungUp = true;
        wakeReaders();
    }

    /** The driver's state changed (room for output, the other side closed): pollers look again. */
    void wakePollers() { pollers.wakeAll(); }

    private static Executor executor() { return Processes.executor(); }

    @Override
    @Async
    public Result<CharDevice> open(int flags) {
        int r = hungUp ? -Errno.EIO : driver.opened();
        if (r < 0) return Result.err(r);
        if (acquiredByOpen && (flags & OpenFlags.O_NOCTTY) == 0) ControllingTerminal.acquireOnOpen(this);
        return Result.ok(this);
    }

    @Override
    @Async
    public void released(OpenFile f) { driver.released(); }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) { return read(null, pos, buf, off, len); }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) { return write(null, pos, buf, off, len); }

    @Override
    @Async
    public int write(OpenFile f, long pos, byte[] buf, int off, int len) {
        if (hungUp) return -Errno.EIO;
        if (len == 0) return 0;
        int bg = ControllingTerminal.checkWrite(this);
        if (bg < 0) return bg;
        return driver.output(f, buf, off, len);
    }

    @Override
    @Async
    public int read(OpenFile f, long pos, byte[] buf, int off, int len) {
        if (hungUp) return 0;
        if (len == 0) return 0;
        int bg = ControllingTerminal.checkRead(this);
        if (bg < 0) return bg;
        boolean raw = !termios.local(Termios.ICANON);
        int vmin = termios.cc(Termios.VMIN), vtime = termios.cc(Termios.VTIME);
        long deadline = raw && vmin == 0 && vtime > 0 ? executor().now() + vtime * DECISECOND : Executor.NO_DEADLINE;
        while (!discipline.readable(len)) {
            if (hungUp) return 0;
            if (raw && vmin == 0 && vtime == 0) return 0;
            if (f != null && (f.flags & OpenFlags.O_NONBLOCK) != 0) return -Errno.EAGAIN;
            int r = readers.sleep(executor(), deadline, true);
            if (r == WakeReason.TIMED_OUT) break;
            if (r == WakeReason.INTERRUPTED && !discipline.readable(len)) return -Errno.EINTR;
        }
        int n = discipline.read(buf, off, len);
        driver.inputTaken();
        return n;
    }

    /** Readable once a read would not block; a hung-up terminal is everything at once (hung_up_tty_poll). */
    @Override
    public int poll(OpenFile f, PollTable table) {
        if (table != null) table.wait(pollers);
        if (hungUp) return PollEvents.ALWAYS_READY | PollEvents.POLLERR | PollEvents.POLLHUP;
        return (discipline.readable(1) ? PollEvents.READABLE : 0) | (driver.writable() ? PollEvents.WRITABLE : 0);
    }

    private void wakeReaders() {
        readers.wakeAll(executor());
        pollers.wakeAll();
    }

    /** A signal character (^C, ^\, ^Z) or a window-size change: the foreground group hears of it. */
    public void signalForeground(int sig) {
        if (foreground > 0) Signals.sendToGroup(foreground, sig, Signals.SI_KERNEL, 0);
    }
}
