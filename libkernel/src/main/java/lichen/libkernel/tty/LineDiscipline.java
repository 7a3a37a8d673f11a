package lichen.libkernel.tty;

/**
 * A terminal's input side, as Linux's n_tty line discipline behaves by the
 * termios settings (man 3 termios, "Canonical and noncanonical mode"):
 * input translation (ISTRIP, INLCR, IGNCR, ICRNL), signal characters
 * (ISIG: VINTR, VQUIT, VSUSP flush the input unless NOFLSH), line editing in
 * canonical mode (VERASE, VKILL, VWERASE with IEXTEN, VLNEXT, VEOF, the line
 * ends NL, VEOL, VEOL2), and echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL,
 * ECHOCTL's ^X). In canonical mode a read sees whole lines; otherwise every
 * byte as it comes. What the caller does while nothing can be read (sleep,
 * VMIN, VTIME) is the caller's: {@link #readable} says when to stop.
 */
public final class LineDiscipline {
    /** Where echo goes: the terminal's screen. */
    public interface Echo {
        void put(int b);
    }

    /** Where signal characters go: the terminal's foreground process group. */
    public interface SignalTarget {
        void signal(int sig);
    }

    static final int SIGINT = 2, SIGQUIT = 3, SIGTSTP = 20;
    /** N_TTY_BUF_SIZE: what the terminal holds unread; a full line discipline drops what comes after (keeping room to end a line). */
    public static final int CAPACITY = 4096;

    private final Termios termios;
    private final Echo echo;
    private final SignalTarget signals;
    private final byte[] ring = new byte[CAPACITY];
    /** Absolute positions: read up to here, complete lines up to here, typed up to here. */
    private long head, committed, end;
    /** Where complete lines end (each entry a position; the line that VEOF ended has no byte for it). */
    private final long[] lineEnds = new long[CAPACITY];
    private int lineCount, firstLine;
    /** The next byte is taken as it is (VLNEXT came before it). */
    private boolean literalNext;
    /** Where the screen's column count of the line being edited starts, for erasing what ECHOCTL showed as two columns. */
    private final byte[] width = new byte[CAPACITY];

    public LineDiscipline(Termios termios, Echo echo, SignalTarget signals) {
        this.termios = termios;
        this.echo = echo;
        this.signals = signals;
    }

    public Termios termios() { return termios; }

    private boolean canonical() { return termios.local(Termios.ICANON); }

    /** Bytes a read may take now: complete lines in canonical mode, else everything typed. */
    public int available() {
        if (!canonical()) return (int) (end - head);
        return lineCount == 0 ? 0 : (int) (lineEnds[firstLine] - head);
    }

    /**
     * How many bytes {@link #receive} takes now before a writer must wait for a read (n_tty's
     * receive_room): the free space, keeping one byte for a canonical line's end. In canonical
     * mode with no complete line a full buffer still takes input (what cannot be kept is
     * dropped, so a line can always be ended), as n_tty's overflow does; so only when complete
     * lines or raw input fill it is the room 0.
     */
    public int room() {
        int used = (int) (end - head);
        int free = CAPACITY - used - (canonical() ? 1 : 0);
        if (free > 0) return free;
        return canonical() && lineCount == 0 ? 1 : 0;
    }

    /**
     * Whether a read of {@code len} bytes may return now: a complete line (one
     * ended by VEOF may be empty) in canonical mode; otherwise at least
     * min(VMIN, len) bytes, or anything at all when VMIN is 0.
     */
    public boolean readable(int len) {
        if (canonical()) return lineCount > 0;
        int min = Math.min(termios.cc(Termios.VMIN), len);
        return end - head >= Math.max(min, 1);
    }

    /** Takes up to {@code len} bytes: in canonical mode at most to the end of the first line. Returns the count (0: nothing, or an empty VEOF line). */
    public int read(byte[] buf, int off, int len) {
        int n = 0;
        if (canonical()) {
            if (lineCount == 0) return 0;
            long lineEnd = lineEnds[firstLine];
            while (n < len && head < lineEnd) buf[off + n++] = ring[(int) (head++ % CAPACITY)];
            if (head == lineEnd) {
                firstLine = (firstLine + 1) % CAPACITY;
                lineCount--;
            }
            return n;
        }
        while (n < len && head < end) buf[off + n++] = ring[(int) (head++ % CAPACITY)];
        committed = head > committed ? head : committed;
        return n;
    }

    /** Drops everything unread (TCFLSH, TCSETSF, a signal character). */
    public void flush() {
        head = committed = end;
        lineCount = 0;
        firstLine = 0;
    }

    /** Empty, as a new terminal starts: nothing unread, no pending VLNEXT. */
    public void reset() {
        flush();
        literalNext = false;
    }

    /** One byte from the keyboard. */
    public void receive(int c) {
        c &= 0xff;
        if (literalNext) {
            literalNext = false;
            store(c);
            return;
        }
        if (termios.input(Termios.ISTRIP)) c &= 0x7f;
        if (c == '\r') {
            if (termios.input(Termios.IGNCR)) return;
            if (termios.input(Termios.ICRNL)) c = '\n';
        } else if (c == '\n' && termios.input(Termios.INLCR)) {
            c = '\r';
        }
        if (termios.local(Termios.ISIG)) {
            int sig = termios.is(c, Termios.VINTR) ? SIGINT : termios.is(c, Termios.VQUIT) ? SIGQUIT : termios.is(c, Termios.VSUSP) ? SIGTSTP : 0;
            if (sig != 0) {
                if (!termios.local(Termios.NOFLSH)) flush();
                echoChar(c);
                signals.signal(sig);
                return;
            }
        }
        if (canonical() && edit(c)) return;
        store(c);
    }

    /** The editing characters of canonical mode; true when {@code c} was one. */
    private boolean edit(int c) {
        if (termios.is(c, Termios.VERASE)) {
            eraseOne();
            return true;
        }
        if (termios.is(c, Termios.VKILL)) {
            if (!termios.local(Termios.ECHO) || termios.local(Termios.ECHOKE) || !termios.local(Termios.ECHOK)) {
                while (end > committed) eraseOne();
            } else {
                end = committed;
                echoChar(c);
                echo.put('\n');
            }
            return true;
        }
        if (termios.local(Termios.IEXTEN) && termios.is(c, Termios.VWERASE)) {
            while (end > committed && isBlank(last())) eraseOne();
            while (end > committed && !isBlank(last())) eraseOne();
            return true;
        }
        if (termios.local(Termios.IEXTEN) && termios.is(c, Termios.VLNEXT)) {
            literalNext = true;
            return true;
        }
        if (termios.is(c, Termios.VEOF)) {
            endLine();
            return true;
        }
        return false;
    }

    private int last() { return ring[(int) ((end - 1) % CAPACITY)] & 0xff; }

    private static boolean isBlank(int c) { return c == ' ' || c == '\t'; }

    /** Takes back the last byte of the line being edited, and off the screen (ECHOE: backspace, space, backspace). */
    private void eraseOne() {
        if (end == committed) return;
        end--;
        if (!termios.local(Termios.ECHO) || !termios.local(Termios.ECHOE)) return;
        for (int i = 0; i < width[(int) (end % CAPACITY)]; i++) {
            echo.put('\b');
            echo.put(' ');
            echo.put('\b');
        }
    }

    private void store(int c) {
        boolean lineEnd = canonical() && (c == '\n' || termios.is(c, Termios.VEOL) || termios.is(c, Termios.VEOL2));
        // Room is kept for the newline that ends a canonical line.
        long room = CAPACITY - (end - head) - (canonical() && !lineEnd ? 1 : 0);
        if (room <= 0) return;
        ring[(int) (end % CAPACITY)] = (byte) c;
        width[(int) (end % CAPACITY)] = (byte) echoChar(c);
        end++;
        if (lineEnd) endLine();
        else if (!canonical()) committed = end;
    }

    private void endLine() {
        committed = end;
        if (lineCount == CAPACITY) return;
        lineEnds[(firstLine + lineCount) % CAPACITY] = end;
        lineCount++;
    }

    /** Echoes {@code c} as the settings say; returns how many columns it took. */
    private int echoChar(int c) {
        if (!termios.local(Termios.ECHO)) {
            if (c == '\n' && canonical() && termios.local(Termios.ECHONL)) echo.put('\n');
            return 0;
        }
        if (termios.local(Termios.ECHOCTL) && (c < 32 || c == 127) && c != '\n' && c != '\t') {
            echo.put('^');
            echo.put(c == 127 ? '?' : c + 64);
            return 2;
        }
        echo.put(c);
        return c == '\n' ? 0 : 1;
    }
}
