package lichen.libkernel.tty;

/**
 * A terminal's output side as c_oflag says (man 3 termios): with OPOST,
 * ONLCR sends NL as CR NL and OCRNL sends CR as NL; without OPOST every
 * byte goes out as it is. A pseudo-terminal's master reads what this makes
 * of the slave's writes and echo (man 7 pty).
 */
public final class OutputProcessing {
    /** The most bytes one byte becomes. */
    public static final int MAX_EXPANSION = 2;

    private OutputProcessing() {}

    /** What byte {@code c} becomes on the wire, in {@code out}; returns how many bytes (1 or 2). */
    public static int expand(Termios t, int c, byte[] out) {
        c &= 0xff;
        int oflag = t.oflag();
        if ((oflag & Termios.OPOST) != 0) {
            if (c == '\n' && (oflag & Termios.ONLCR) != 0) {
                out[0] = '\r';
                out[1] = '\n';
                return 2;
            }
            if (c == '\r' && (oflag & Termios.OCRNL) != 0) c = '\n';
        }
        out[0] = (byte) c;
        return 1;
    }
}
