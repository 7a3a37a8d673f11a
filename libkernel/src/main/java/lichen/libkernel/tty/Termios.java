package lichen.libkernel.tty;

import lichen.libkernel.LittleEndian;

/**
 * A terminal's settings as the kernel's struct termios holds them
 * (include/uapi/asm-generic/termbits.h): c_iflag, c_oflag, c_cflag and
 * c_lflag as 32-bit words, c_line, then c_cc[19]; 36 bytes, the layout
 * TCGETS and TCSETS copy. It starts as Linux's tty_std_termios.
 */
public final class Termios {
    public static final int SIZE = 36;
    private static final int IFLAG = 0, OFLAG = 4, CFLAG = 8, LFLAG = 12, CC = 17;

    // c_iflag
    public static final int ISTRIP = 040, INLCR = 0100, IGNCR = 0200, ICRNL = 0400, IXON = 02000;
    // c_oflag
    public static final int OPOST = 1, ONLCR = 4, OCRNL = 010;
    // c_lflag
    public static final int ISIG = 1, ICANON = 2, ECHO = 010, ECHOE = 020, ECHOK = 040, ECHONL = 0100, NOFLSH = 0200, TOSTOP = 0400,
            ECHOCTL = 01000, ECHOKE = 04000, IEXTEN = 0100000;
    // c_cc indices
    public static final int VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6, VSUSP = 10, VEOL = 11,
            VWERASE = 14, VLNEXT = 15, VEOL2 = 16;
    /** A c_cc slot holding this is switched off (_POSIX_VDISABLE). */
    public static final int DISABLED = 0;

    private final byte[] bytes = new byte[SIZE];

    /**
     * ICRNL|IXON; OPOST|ONLCR; B38400|CS8|CREAD|HUPCL; ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN;
     * c_cc as INIT_C_CC (include/linux/tty.h): ^C ^\ DEL ^U ^D, VTIME 0, VMIN 1, ^Q ^S ^Z, ^R ^O ^W ^V.
     */
    public Termios() {
        reset();
    }

    /** Back to tty_std_termios, as a new pseudo-terminal starts. */
    public void reset() {
        java.util.Arrays.fill(bytes, (byte) 0);
        LittleEndian.put32(bytes, IFLAG, ICRNL | IXON);
        LittleEndian.put32(bytes, OFLAG, OPOST | ONLCR);
        LittleEndian.put32(bytes, CFLAG, 0x04BF);
        LittleEndian.put32(bytes, LFLAG, ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
        int[] cc = {3, 034, 0177, 025, 4, 0, 1, 0, 021, 023, 032, 0, 022, 017, 027, 026, 0};
        for (int i = 0; i < cc.length; i++) bytes[CC + i] = (byte) cc[i];
    }

    /** The struct's bytes, which TCGETS copies out and TCSETS copies in. */
    public byte[] bytes() { return bytes; }

    public int iflag() { return LittleEndian.u32(bytes, IFLAG); }

    public int oflag() { return LittleEndian.u32(bytes, OFLAG); }

    public int lflag() { return LittleEndian.u32(bytes, LFLAG); }

    public int cflag() { return LittleEndian.u32(bytes, CFLAG); }

    public void setCflag(int v) { LittleEndian.put32(bytes, CFLAG, v); }

    /** c_cflag's hang up on last close. */
    public static final int HUPCL = 02000;

    public void setLflag(int v) { LittleEndian.put32(bytes, LFLAG, v); }

    public void setIflag(int v) { LittleEndian.put32(bytes, IFLAG, v); }

    public boolean input(int flag) { return (iflag() & flag) != 0; }

    public boolean local(int flag) { return (lflag() & flag) != 0; }

    /** The control character in slot {@code i}, DISABLED when switched off. */
    public int cc(int i) { return bytes[CC + i] & 0xff; }

    public void setCc(int i, int c) { bytes[CC + i] = (byte) c; }

    /** Whether {@code c} is the control character of slot {@code i} (never when that slot is switched off). */
    public boolean is(int c, int i) {
        int v = cc(i);
        return v != DISABLED && c == v;
    }
}
