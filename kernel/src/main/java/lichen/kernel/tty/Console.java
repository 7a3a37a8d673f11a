package lichen.kernel.tty;

import lichen.fs.devfs.DevFs;
import lichen.api.Async;
import lichen.arch.aarch64.ConsoleInput;
import lichen.fs.vfs.OpenFile;

/**
 * The serial console's driver, behind /dev/console and (as its controlling
 * terminal) /dev/tty: output goes where System.out goes (the PL011, CR
 * before LF), flushed at once; input comes from the UART's interrupt
 * (ConsoleInput) into the terminal's line discipline when the executor next
 * runs ({@link #drainInput}). There is one console. It becomes a session's
 * controlling terminal only by TIOCSCTTY (setsid -c), never by open, as on
 * Linux.
 */
public final class Console implements TerminalDriver {
    private static Terminal console;

    private Console() {}

    /** The console's terminal. */
    public static Terminal terminal() {
        if (console == null) console = new Terminal(new Console(), false);
        return console;
    }

    /** Deferred work of the console's interrupt: typed bytes through the discipline, echo shown, readers woken. */
    public static void drainInput() {
        if (!ConsoleInput.pending()) return;
        Terminal t = terminal();
        int b;
        while ((b = ConsoleInput.take()) >= 0) t.receive(b);
        t.received();
    }

    /** The PL011's tty, /dev/ttyAMA0 (204:64, Documentation/admin-guide/devices.txt), which /dev/console stands for. */
    @Override
    public int deviceNumber() { return DevFs.TTY_AMA0; }

    @Override
    @Async
    public int output(OpenFile f, byte[] buf, int off, int len) {
        System.out.write(buf, off, len);
        System.out.flush();
        return len;
    }

    @Override
    public void echo(int b) { System.out.write(b); }

    @Override
    public void echoDone() { System.out.flush(); }

    @Override
    public boolean writable() { return true; }

    /** The UART's input never waits: what a full discipline cannot keep is dropped, as a serial line's overrun. */
    @Override
    public void inputTaken() {}

    @Override
    public int opened() { return 0; }

    @Override
    @Async
    public void released() {}
}
