package lichen.usertest;

import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Timespec;

/**
 * Pseudo-terminal pairs as glibc's posix_openpt, grantpt, unlockpt and
 * ptsname make them (man 3 posix_openpt, man 4 pts), and the terminal
 * requests (man 2 ioctl_tty) the tty tests use.
 */
public final class PseudoTerminals {
    private PseudoTerminals() {}

    public static final int TCGETS = 0x5401, TCSETS = 0x5402, TIOCSCTTY = 0x540E, TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410,
            TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541B, TIOCNOTTY = 0x5422, TIOCGSID = 0x5429,
            TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431, TIOCGPTPEER = 0x5441;
    public static final int POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10;
    /** struct termios's c_lflag offset and TOSTOP (asm-generic/termbits.h). */
    public static final int LFLAG = 12, TOSTOP = 0400;

    /** /dev/ptmx opened O_RDWR|O_NOCTTY (posix_openpt), or -1 with the failure recorded. */
    public static int openMaster(Check c) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, "/dev/ptmx", Fcntl.O_RDWR | Fcntl.O_NOCTTY | Fcntl.O_CLOEXEC, 0);
        return c.succeeded(fd, "openat(/dev/ptmx)") ? (int) fd : -1;
    }

    /** TIOCGPTN: the pair's index N, or the negative errno. */
    public static long index(int master) {
        int[] n = new int[1];
        long r = Linux.ioctl(master, TIOCGPTN, n);
        return r < 0 ? r : n[0];
    }

    /** TIOCSPTLCK with 0 (unlockpt) or 1. */
    public static long setLock(int master, int locked) {
        return Linux.ioctl(master, TIOCSPTLCK, new int[] {locked});
    }

    /** ptsname(3): /dev/pts/N. */
    public static String slaveName(int master) {
        return "/dev/pts/" + index(master);
    }

    /** A new pair, unlocked, its slave opened with {@code slaveFlags} (O_RDWR is added): {master, slave}, or null with the failure recorded. */
    public static int[] open(Check c, int slaveFlags) {
        int m = openMaster(c);
        if (m < 0) {
            return null;
        }
        if (!c.succeeded(index(m), "TIOCGPTN") || !c.returned(0, setLock(m, 0), "TIOCSPTLCK 0 (unlockpt)")) {
            Linux.close(m);
            return null;
        }
        long s = Linux.openat(Fcntl.AT_FDCWD, slaveName(m), Fcntl.O_RDWR | Fcntl.O_CLOEXEC | slaveFlags, 0);
        if (!c.succeeded(s, "openat(" + slaveName(m) + ")")) {
            Linux.close(m);
            return null;
        }
        return new int[] {m, (int) s};
    }

    /** The events of {@code fd} poll(2) reports now, asking for POLLIN and POLLOUT; or the negative errno. */
    public static long poll(int fd) {
        return poll(fd, POLLIN | POLLOUT, 0);
    }

    /** The events of {@code events} that poll(2) reports for {@code fd} within {@code timeoutNanos} (0 if none came); or the negative errno. */
    public static long poll(int fd, int events, long timeoutNanos) {
        byte[] p = new byte[8];
        LittleEndian.put32(p, 0, fd);
        LittleEndian.put16(p, 4, events);
        long r = Linux.ppoll(p, 1, Timespec.ofNanos(timeoutNanos).encode(), null);
        return r < 0 ? r : LittleEndian.u16(p, 6);
    }

    /**
     * Reads {@code fd} until {@code want} bytes came or a second passed with
     * nothing readable (each read only after poll says POLLIN, so a kernel
     * that never delivers fails the test instead of hanging it): the text.
     */
    public static String readText(int fd, int want) {
        byte[] buf = new byte[want];
        int got = 0;
        byte[] p = new byte[8];
        while (got < want) {
            LittleEndian.put32(p, 0, fd);
            LittleEndian.put16(p, 4, POLLIN);
            LittleEndian.put16(p, 6, 0);
            long r = Linux.ppoll(p, 1, Timespec.ofNanos(1_000_000_000L).encode(), null);
            if (r <= 0 || (LittleEndian.u16(p, 6) & POLLIN) == 0) {
                break;
            }
            long n = Linux.read(fd, buf, got, want - got);
            if (n <= 0) {
                break;
            }
            got += (int) n;
        }
        char[] chars = new char[got];
        for (int i = 0; i < got; i++) {
            chars[i] = (char) (buf[i] & 0xff);
        }
        return new String(chars);
    }

    public static long write(int fd, String text) {
        byte[] b = Bytes.ascii(text);
        return Linux.write(fd, b, 0, b.length);
    }

    /** Whether {@code sig} is pending for the caller (blocked, so it stays), waiting up to about a second for it. */
    public static boolean pendingSoon(int sig) {
        long[] set = new long[1];
        for (int i = 0; i < 100; i++) {
            Linux.rt_sigpending(set);
            if ((set[0] >>> (sig - 1) & 1) != 0) {
                return true;
            }
            LinuxSystem.nanosleep(Timespec.ofNanos(10_000_000L).encode(), null);
        }
        return false;
    }

    /** Blocks {@code sigs} (a set, bit N-1 for signal N) for the caller; rt_sigprocmask's result. */
    public static long block(long sigs) {
        return Linux.rt_sigprocmask(0, new long[] {sigs}, null);
    }
}
