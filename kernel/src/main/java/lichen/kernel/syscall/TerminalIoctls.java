package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.fs.ConsoleTerminal;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;
import lichen.libkernel.tty.Termios;

/**
 * The terminal ioctls the console answers (man 2 ioctl_tty): TCGETS and the
 * TCSETS family on its struct termios (TCSETSF flushes the input first),
 * TCFLSH, TIOCGWINSZ (0 rows and columns until TIOCSWINSZ sets them, as on a
 * Linux serial console), the foreground
 * process group (TIOCGPGRP, TIOCSPGRP), TIOCGSID, TIOCSCTTY (the caller's
 * group becomes the foreground one) and TIOCNOTTY. The settings drive the
 * console's line discipline (ConsoleTerminal); there is no job control yet
 * (a background group reading gets no SIGTTIN).
 */
final class TerminalIoctls {
    static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TCFLSH = 0x540B;
    static final int TIOCSCTTY = 0x540E, TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414,
            TIOCNOTTY = 0x5422, TIOCGSID = 0x5429;
    /** TCFLSH's queues (asm-generic/termbits.h). */
    private static final int TCIFLUSH = 0, TCOFLUSH = 1, TCIOFLUSH = 2;
    private static final int WINSIZE_SIZE = 8;

    private TerminalIoctls() {}

    /** Whether {@code cmd} is one of these. */
    static boolean handles(int cmd) {
        return cmd == TCGETS || cmd == TCSETS || cmd == TCSETSW || cmd == TCSETSF || cmd == TCFLSH || cmd == TIOCGPGRP
                || cmd == TIOCSPGRP || cmd == TIOCGWINSZ || cmd == TIOCSWINSZ || cmd == TIOCSCTTY || cmd == TIOCNOTTY
                || cmd == TIOCGSID;
    }

    @Async
    static long ioctl(Process p, int cmd, long arg) {
        ConsoleTerminal tty = ConsoleTerminal.get();
        return switch (cmd) {
            case TCGETS -> UserCopy.copyOut(p.mm(), arg, tty.termios().bytes(), 0, Termios.SIZE);
            case TCSETS, TCSETSW, TCSETSF -> setTermios(p, tty, arg, cmd == TCSETSF);
            case TCFLSH -> flush(tty, (int) arg);
            case TIOCGWINSZ -> UserCopy.copyOut(p.mm(), arg, tty.winsize(), 0, WINSIZE_SIZE);
            case TIOCSWINSZ -> UserCopy.copyIn(p.mm(), arg, tty.winsize(), 0, WINSIZE_SIZE);
            case TIOCGPGRP -> UserCopy.store32(p.mm(), arg, tty.foreground() != 0 ? tty.foreground() : p.pgid());
            case TIOCSPGRP -> setForeground(p, tty, arg);
            case TIOCGSID -> UserCopy.store32(p.mm(), arg, p.sid());
            case TIOCSCTTY -> {
                tty.setForeground(p.pgid()); // the session leader's group is the terminal's foreground (tty_io.c's __proc_set_tty)
                yield 0;
            }
            case TIOCNOTTY -> 0;
            default -> -Errno.ENOTTY;
        };
    }

    /** TCSETS: the new settings, read whole first so that a bad pointer changes nothing. */
    @Async
    private static long setTermios(Process p, ConsoleTerminal tty, long arg, boolean flushFirst) {
        byte[] t = new byte[Termios.SIZE];
        if (UserCopy.copyIn(p.mm(), arg, t, 0, Termios.SIZE) < 0) return -Errno.EFAULT;
        if (flushFirst) tty.flushInput();
        System.arraycopy(t, 0, tty.termios().bytes(), 0, Termios.SIZE);
        tty.settingsChanged();
        return 0;
    }

    private static long flush(ConsoleTerminal tty, int queue) {
        if (queue != TCIFLUSH && queue != TCOFLUSH && queue != TCIOFLUSH) return -Errno.EINVAL;
        if (queue != TCOFLUSH) tty.flushInput(); // output is written at once: nothing waits to be dropped
        return 0;
    }

    @Async
    private static long setForeground(Process p, ConsoleTerminal tty, long arg) {
        int[] group = new int[1];
        if (UserCopy.load32(p.mm(), arg, group, 0) < 0) return -Errno.EFAULT;
        if (group[0] <= 0) return -Errno.EINVAL;
        tty.setForeground(group[0]);
        return 0;
    }
}
