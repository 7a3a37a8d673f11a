package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.LittleEndian;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * The terminal ioctls the console answers (man 2 ioctl_tty), enough for a
 * program to see a terminal: TCGETS and the TCSETS family on the kernel's
 * struct termios (asm-generic/termbits.h: c_iflag, c_oflag, c_cflag, c_lflag
 * as u32, c_line, c_cc[19]; 36 bytes), TIOCGWINSZ with 24 rows of 80
 * columns, TIOCSWINSZ, and TIOCGPGRP. Settings are kept and read back but
 * change nothing yet: there is no line discipline until the tty layer.
 */
final class TerminalIoctls {
    static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
    static final int TIOCGPGRP = 0x540F, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;
    private static final int TERMIOS_SIZE = 36, WINSIZE_SIZE = 8;

    /** The console's settings, Linux's tty_std_termios (drivers/tty/tty_io.c) to start with. */
    private static final byte[] termios = standardTermios();
    private static final byte[] winsize = {24, 0, 80, 0, 0, 0, 0, 0};

    private TerminalIoctls() {}

    /** Whether {@code cmd} is one of these. */
    static boolean handles(int cmd) {
        return cmd == TCGETS || cmd == TCSETS || cmd == TCSETSW || cmd == TCSETSF || cmd == TIOCGPGRP || cmd == TIOCGWINSZ
                || cmd == TIOCSWINSZ;
    }

    @Async
    static long ioctl(Process p, int cmd, long arg) {
        return switch (cmd) {
            case TCGETS -> UserCopy.copyOut(p.mm(), arg, termios, 0, TERMIOS_SIZE);
            case TCSETS, TCSETSW, TCSETSF -> UserCopy.copyIn(p.mm(), arg, termios, 0, TERMIOS_SIZE);
            case TIOCGWINSZ -> UserCopy.copyOut(p.mm(), arg, winsize, 0, WINSIZE_SIZE);
            case TIOCSWINSZ -> UserCopy.copyIn(p.mm(), arg, winsize, 0, WINSIZE_SIZE);
            case TIOCGPGRP -> UserCopy.store32(p.mm(), arg, p.pid());
            default -> -Errno.ENOTTY;
        };
    }

    /**
     * ICRNL|IXON; OPOST|ONLCR; B38400|CS8|CREAD|HUPCL; ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN;
     * c_cc as INIT_C_CC (include/linux/tty.h): ^C ^\ DEL ^U ^D, VTIME 0, VMIN 1, ^Q ^S ^Z, ^R ^O ^W ^V.
     */
    private static byte[] standardTermios() {
        byte[] t = new byte[TERMIOS_SIZE];
        LittleEndian.put32(t, 0, 0x0500);
        LittleEndian.put32(t, 4, 0x0005);
        LittleEndian.put32(t, 8, 0x04BF);
        LittleEndian.put32(t, 12, 0x8A3B);
        int[] cc = {3, 034, 0177, 025, 4, 0, 1, 0, 021, 023, 032, 0, 022, 017, 027, 026, 0};
        for (int i = 0; i < cc.length; i++) t[17 + i] = (byte) cc[i];
        return t;
    }
}
