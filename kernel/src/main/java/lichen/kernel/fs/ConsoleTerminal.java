package lichen.kernel.fs;

import lichen.api.Async;
import lichen.arch.aarch64.ConsoleInput;
import lichen.fs.devfs.Terminal;
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
 * The console terminal behind /dev/console and /dev/tty: output goes where
 * System.out goes (the PL011, CR before LF), flushed at once; input comes
 * from the UART's interrupt (ConsoleInput) through a {@link LineDiscipline}
 * when the executor next runs ({@link #drainInput}), so a read sees lines
 * as the termios settings say, echo shows on the screen, and ^C, ^\ and ^Z
 * signal the foreground process group. Reads sleep until the discipline has
 * something for them: a whole line in canonical mode, else VMIN bytes (VMIN
 * 0: VTIME tenths of a second at most). There is one console.
 */
public final class ConsoleTerminal implements Terminal {
    private static final long DECISECOND = 100_000_000L;
    private static ConsoleTerminal console;

    private final Termios termios = new Termios();
    private final LineDiscipline discipline;
    private final WaitQueue readers = new WaitQueue();
    private final WakerSet pollers = new WakerSet();
    /** TIOCGWINSZ's struct winsize: 0 rows of 0 columns until set, as a Linux serial console starts (programs then assume 80 columns). */
    private final byte[] winsize = new byte[8];
    /** The foreground process group that signal characters go to; 0 until TIOCSCTTY or TIOCSPGRP names one. */
    private int foreground;

    private ConsoleTerminal() {
        discipline = new LineDiscipline(termios, b -> System.out.write(b), this::signalForeground);
    }

    /** The console. */
    public static ConsoleTerminal get() {
        if (console == null) console = new ConsoleTerminal();
        return console;
    }

    public Termios termios() { return termios; }

    public byte[] winsize() { return winsize; }

    public int foreground() { return foreground; }

    public void setForeground(int pgid) { foreground = pgid; }

    /** Bytes a read would take now (FIONREAD). */
    public int available() { return discipline.available(); }

    /** Drops the input not yet read (TCFLSH, TCSETSF). */
    public void flushInput() { discipline.flush(); }

    /** The settings changed (TCSETS): what was typed may be readable now. */
    public void settingsChanged() { wakeReaders(); }

    private static Executor executor() { return Processes.executor(); }

    @Override
    @Async
    public int write(byte[] buf, int off, int len) {
        System.out.write(buf, off, len);
        System.out.flush();
        return len;
    }

    @Override
    @Async
    public int read(byte[] buf, int off, int len) {
        boolean raw = !termios.local(Termios.ICANON);
        int vmin = termios.cc(Termios.VMIN), vtime = termios.cc(Termios.VTIME);
        long deadline = raw && vmin == 0 && vtime > 0 ? executor().now() + vtime * DECISECOND : Executor.NO_DEADLINE;
        while (!discipline.readable(len)) {
            if (raw && vmin == 0 && vtime == 0) return 0;
            int r = readers.sleep(executor(), deadline, true);
            if (r == WakeReason.TIMED_OUT) break;
            if (r == WakeReason.INTERRUPTED && !discipline.readable(len)) return -Errno.EINTR;
        }
        return discipline.read(buf, off, len);
    }

    @Override
    public int poll(PollTable table) {
        if (table != null) table.wait(pollers);
        return discipline.readable(1) ? PollEvents.ALWAYS_READY : PollEvents.WRITABLE;
    }

    /** Deferred work of the console's interrupt: typed bytes through the discipline, echo shown, readers woken. */
    public static void drainInput() {
        if (!ConsoleInput.pending()) return;
        ConsoleTerminal t = get();
        int b;
        while ((b = ConsoleInput.take()) >= 0) t.discipline.receive(b);
        System.out.flush();
        t.wakeReaders();
    }

    private void wakeReaders() {
        readers.wakeAll(executor());
        pollers.wakeAll();
    }

    private void signalForeground(int sig) {
        if (foreground > 0) Signals.sendToGroup(foreground, sig, Signals.SI_KERNEL, 0);
    }
}
