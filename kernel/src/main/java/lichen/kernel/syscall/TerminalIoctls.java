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
 * columns, TIOCSWINSZ, the foreground process group (TIOCGPGRP, TIOCSPGRP),
 * TIOCGSID, and TIOCSCTTY/TIOCNOTTY, which succeed. Settings are kept and
 * read back but change nothing yet: there is no line discipline, job
 * control or controlling terminal until the tty layer.
 */
final class TerminalIoctls {
    static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
    static final int TIOCSCTTY = 0x540E, TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414,
            TIOCNOTTY = 0x5422, TIOCGSID = 0x5429;
    private static final int TERMIOS_SIZE = 36, WINSIZE_SIZE = 8;

    /** The console's settings, Linux's tty_std_termios (drivers/tty/tty_io.c) to start with. */
    private static final byte[] termios = standardTermios();
    private static final byte[] winsize = {24, 0, 80, 0, 0, 0, 0, 0};
    /** The console's foreground process group (TIOCSPGRP); 0 until one is set, then the caller's own is answered. */
    private static int foreground;

    private TerminalIoctls() {}

    /** Whether {@code cmd} is one of these. */
    static boolean handles(int cmd) {
        return cmd == TCGETS || cmd == TCSETS || cmd == TCSETSW || cmd == TCSETSF || cmd == TIOCGPGRP || cmd == TIOCSPGRP
                || cmd == TIOCGWINSZ || cmd == TIOCSWINSZ || cmd == TIOCSCTTY || cmd == TIOCNOTTY || cmd == TIOCGSID;
    }

    @Async
    static long ioctl(Process p, int cmd, long arg) {
        return switch (cmd) {
            case TCGETS -> UserCopy.copyOut(p.mm(), arg, termios, 0, TERMIOS_SIZE);
            case TCSETS, TCSETSW, TCSETSF -> UserCopy.copyIn(p.mm(), arg, termios, 0, TERMIOS_SIZE);
            case TIOCGWINSZ -> UserCopy.copyOut(p.mm(), arg, winsize, 0, WINSIZE_SIZE);
            case TIOCSWINSZ -> UserCopy.copyIn(p.mm(), arg, winsize, 0, WINSIZE_SIZE);
            case TIOCGPGRP -> UserCopy.store32(p.mm(), arg, foreground != 0 ? foreground : p.pgid());
            case TIOCSPGRP -> setForeground(p, arg);
            case TIOCGSID -> UserCopy.store32(p.mm(), arg, p.sid());
            // The console becomes (or stops being) the caller's controlling terminal: nothing is tracked yet.
            case TIOCSCTTY, TIOCNOTTY -> 0;
            default -> -Errno.ENOTTY;
        };
    }

    @Async
    private static long setForeground(Process p, long arg) {
        int[] group = new int[1];
        if (UserCopy.load32(p.mm(), arg, group, 0) < 0) return -Errno.EFAULT;
        if (group[0] <= 0) return -Errno.EINVAL;
        foreground = group[0];
        return 0;
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
