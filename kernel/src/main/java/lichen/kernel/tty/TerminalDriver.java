package lichen.kernel.tty;

import lichen.api.Async;
import lichen.fs.vfs.OpenFile;

/**
 * The hardware side of a {@link Terminal}: where its programs' output and
 * the line discipline's echo go (the console's UART, or a pseudo-terminal's
 * master), and what opening and closing the terminal's device means to it.
 */
public interface TerminalDriver {
    /** Bytes a program wrote to the terminal, blocking while there is no room; the count or a negative errno. */
    @Async
    int output(OpenFile f, byte[] buf, int off, int len);

    /** One byte of echo from the line discipline; never blocks (dropped when there is no room). */
    void echo(int b);

    /** A batch of input has been taken: the echo it made may be shown. */
    void echoDone();

    /** A read or a flush took input: whoever types into the terminal may go on (a pty master's writers). */
    void inputTaken();

    /** poll(2): whether a write would take a byte now. */
    boolean writable();

    /** The terminal's device number (FileMode.makedev): /proc/PID/stat's tty_nr for the processes it controls. */
    int deviceNumber();

    /** open(2) of the terminal's device: 0, or the errno (a locked or hung-up pseudo-terminal is EIO). */
    int opened();

    /** The last descriptor of an open file description of the terminal closed. */
    @Async
    void released();
}
