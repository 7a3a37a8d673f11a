package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.signal.Signals;
import lichen.kernel.tty.ControllingTerminal;
import lichen.kernel.tty.PtyMaster;
import lichen.kernel.tty.Terminal;
import lichen.libkernel.Errno;
import lichen.libkernel.tty.Termios;

/**
 * The terminal ioctls (man 2 ioctl_tty, man 4 tty_ioctl) of the console and
 * of pseudo-terminals: TCGETS and the TCSETS family (TCSETSF flushes the
 * input first), TCFLSH, the window size (TIOCSWINSZ signals SIGWINCH to the
 * foreground group when it changes), the foreground process group
 * (TIOCGPGRP, TIOCSPGRP), TIOCGSID, TIOCSCTTY and TIOCNOTTY under the
 * session rules of {@link ControllingTerminal}, and on a pty's master
 * (man 4 pts) TIOCGPTN (ptsname(3)), TIOCSPTLCK (unlockpt(3)), TIOCGPTLCK
 * and TIOCGPTPEER (the slave opened from the master, openpty(3)). A master's
 * terminal requests act on its slave, without the controlling-terminal
 * checks (tty_pair_get_tty). A slave whose master closed answers EIO
 * (hung_up_tty_ioctl).
 */
final class TerminalIoctls {
    static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TCFLSH = 0x540B;
    static final int TIOCSCTTY = 0x540E, TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414,
            TIOCNOTTY = 0x5422, TIOCGSID = 0x5429;
    /** The pty master's requests (asm-generic/ioctls.h: _IOR('T', 0x30, int), _IOW('T', 0x31, int), _IOR('T', 0x39, int), _IO('T', 0x41)). */
    static final int TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431, TIOCGPTLCK = 0x80045439, TIOCGPTPEER = 0x5441;
    /** TCFLSH's queues (asm-generic/termbits.h). */
    private static final int TCIFLUSH = 0, TCOFLUSH = 1, TCIOFLUSH = 2;
    private static final int WINSIZE_SIZE = 8;

    private TerminalIoctls() {}

    /** The terminal behind {@code f}: a console or pty slave, a pty master's slave; null when {@code f} is no terminal. */
    static Terminal of(OpenFile f) {
        if (f.device instanceof Terminal t) return t;
        if (f.device instanceof PtyMaster m) return m.slave();
        return null;
    }

    /** ioctl {@code cmd} on terminal file {@code f} ({@link #of} is not null). */
    @Async
    static long ioctl(Process p, OpenFile f, int cmd, long arg) {
        Terminal tty = of(f);
        if (f.device instanceof PtyMaster m) {
            switch (cmd) {
                case TIOCGPTN -> { return UserCopy.store32(p.mm(), arg, m.index()); }
                case TIOCSPTLCK -> { return setLock(p, m, arg); }
                case TIOCGPTLCK -> { return UserCopy.store32(p.mm(), arg, m.locked() ? 1 : 0); }
                case TIOCGPTPEER -> { return openPeer(p, m, (int) arg); }
                case TIOCGSID -> { return tty.session() == 0 ? -Errno.ENOTTY : UserCopy.store32(p.mm(), arg, tty.session()); }
                case TIOCGPGRP -> { return UserCopy.store32(p.mm(), arg, tty.foreground()); }
                case TIOCSCTTY -> { return -Errno.EPERM; } // a master is never a controlling terminal here
                case TIOCNOTTY -> { return -Errno.ENOTTY; }
                default -> { }
            }
        } else if (tty.hungUp()) {
            return cmd == TIOCSPGRP ? -Errno.ENOTTY : -Errno.EIO;
        }
        boolean controlling = ControllingTerminal.controls(tty, p);
        return switch (cmd) {
            case TCGETS -> UserCopy.copyOut(p.mm(), arg, tty.termios().bytes(), 0, Termios.SIZE);
            case TCSETS, TCSETSW, TCSETSF -> setTermios(p, tty, arg, cmd == TCSETSF);
            case TCFLSH -> flush(tty, (int) arg);
            case TIOCGWINSZ -> UserCopy.copyOut(p.mm(), arg, tty.winsize(), 0, WINSIZE_SIZE);
            case TIOCSWINSZ -> setWindowSize(p, tty, arg);
            case TIOCGPGRP -> controlling ? UserCopy.store32(p.mm(), arg, tty.foreground()) : -Errno.ENOTTY;
            case TIOCSPGRP -> setForeground(p, tty, arg);
            case TIOCGSID -> controlling ? UserCopy.store32(p.mm(), arg, tty.session()) : -Errno.ENOTTY;
            case TIOCSCTTY -> ControllingTerminal.take(p, tty, arg);
            case TIOCNOTTY -> ControllingTerminal.give(p, tty);
            case TIOCGPTPEER -> -Errno.EIO; // ptm_open_peer: not a master
            case TIOCGPTN, TIOCSPTLCK, TIOCGPTLCK -> -Errno.ENOTTY;
            default -> -Errno.ENOTTY;
        };
    }

    /** TCSETS: the new settings, read whole first so that a bad pointer changes nothing; a background caller gets SIGTTOU first. */
    @Async
    private static long setTermios(Process p, Terminal tty, long arg, boolean flushFirst) {
        int bg = ControllingTerminal.checkChange(tty);
        if (bg < 0) return bg;
        byte[] t = new byte[Termios.SIZE];
        if (UserCopy.copyIn(p.mm(), arg, t, 0, Termios.SIZE) < 0) return -Errno.EFAULT;
        if (flushFirst) tty.flushInput();
        System.arraycopy(t, 0, tty.termios().bytes(), 0, Termios.SIZE);
        tty.settingsChanged();
        return 0;
    }

    private static long flush(Terminal tty, int queue) {
        if (queue != TCIFLUSH && queue != TCOFLUSH && queue != TCIOFLUSH) return -Errno.EINVAL;
        int bg = ControllingTerminal.checkChange(tty);
        if (bg < 0) return bg;
        if (queue != TCOFLUSH) tty.flushInput(); // output is written at once or waits for the master: nothing is dropped
        return 0;
    }

    /** TIOCSWINSZ: a new size different from the old one is told to the foreground group by SIGWINCH (tty_do_resize). */
    @Async
    private static long setWindowSize(Process p, Terminal tty, long arg) {
        byte[] w = new byte[WINSIZE_SIZE];
        if (UserCopy.copyIn(p.mm(), arg, w, 0, WINSIZE_SIZE) < 0) return -Errno.EFAULT;
        byte[] now = tty.winsize();
        boolean changed = false;
        for (int i = 0; i < WINSIZE_SIZE; i++) {
            changed |= now[i] != w[i];
            now[i] = w[i];
        }
        if (changed) tty.signalForeground(Signals.SIGWINCH);
        return 0;
    }

    @Async
    private static long setForeground(Process p, Terminal tty, long arg) {
        int bg = ControllingTerminal.checkChange(tty);
        if (bg < 0) return bg;
        int[] group = new int[1];
        if (UserCopy.load32(p.mm(), arg, group, 0) < 0) return -Errno.EFAULT;
        return ControllingTerminal.setForeground(p, tty, group[0]);
    }

    @Async
    private static long setLock(Process p, PtyMaster m, long arg) {
        int[] v = new int[1];
        if (UserCopy.load32(p.mm(), arg, v, 0) < 0) return -Errno.EFAULT;
        m.setLocked(v[0] != 0);
        return 0;
    }

    /** TIOCGPTPEER: a new descriptor for the slave, opened with {@code flags} (O_RDWR, O_NOCTTY, O_CLOEXEC, O_NONBLOCK). */
    @Async
    private static long openPeer(Process p, PtyMaster m, int flags) {
        if ((flags & ~(OpenFlags.O_ACCMODE | OpenFlags.O_NOCTTY | OpenFlags.O_NONBLOCK | OpenFlags.O_CLOEXEC)) != 0) return -Errno.EINVAL;
        return RootFilesystem.vfs().openat(p.files(), OpenFlags.AT_FDCWD, "/dev/pts/" + m.index(), flags, 0);
    }
}
