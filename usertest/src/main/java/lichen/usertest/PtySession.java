package lichen.usertest;

import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.WaitStatus;

/**
 * {@code usertest --child pty CMD [EXPECT TYPE]...}: runs {@code sh -c CMD}
 * as the leader of a new session whose controlling terminal is a new
 * pseudo-terminal's slave (24 rows of 80 columns), copies what the master
 * reads to standard output until the slave side is gone (EIO), and exits
 * with the shell's status (128 + N when signal N ended it, as a shell
 * says). Each EXPECT TYPE pair waits until the output since the last typing
 * contains EXPECT, then types TYPE at the master; both may hold the escapes \n, \r,
 * \\ and \ooo (octal: \003 is ^C). It is a small script(1), for
 * comparing sessions on a pty under Linux and Lichen (scripts/oracle.sh)
 * without script's signalfd.
 */
public final class PtySession {
    private PtySession() {}

    private static final int ROWS = 24, COLUMNS = 80;

    public static int run(String[] args) {
        int[] p = open();
        if (p == null) {
            return 120;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(p[0]);
            Linux.setsid();
            long s = Linux.openat(Fcntl.AT_FDCWD, "/dev/pts/" + p[2], Fcntl.O_RDWR, 0); // the session leader acquires it
            if (s < 0 || Linux.dup3((int) s, 0, 0) < 0 || Linux.dup3((int) s, 1, 0) < 0 || Linux.dup3((int) s, 2, 0) < 0) {
                Processes.childExit(121);
            }
            Linux.close((int) s);
            Linux.execve("/bin/sh", new String[] {"sh", "-c", args[2]},
                         new String[] {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "TERM=dumb"});
            Processes.childExit(127);
        }
        if (pid < 0) {
            return 122;
        }
        Linux.close(p[1]);
        copyOutput(p[0], args);
        Linux.close(p[0]);
        long status = Processes.waitFor(pid);
        if (status < 0) {
            return 123;
        }
        int st = (int) status;
        return (st & 0x7f) != 0 ? 128 + (st & 0x7f) : WaitStatus.exitStatus(st);
    }

    /**
     * {master, slave, index}: a pair with its size set. The slave is opened
     * (O_NOCTTY, close-on-exec) only to keep it open until the child has its
     * own: with no slave open the master's reads would be EIO at once.
     */
    private static int[] open() {
        long m = Linux.openat(Fcntl.AT_FDCWD, "/dev/ptmx", Fcntl.O_RDWR | Fcntl.O_NOCTTY | Fcntl.O_CLOEXEC, 0);
        if (m < 0) {
            return null;
        }
        long n = PseudoTerminals.index((int) m);
        if (n < 0 || PseudoTerminals.setLock((int) m, 0) != 0) {
            return null;
        }
        byte[] w = new byte[8];
        LittleEndian.put16(w, 0, ROWS);
        LittleEndian.put16(w, 2, COLUMNS);
        if (Linux.ioctl((int) m, PseudoTerminals.TIOCSWINSZ, Linux.address(w)) != 0) {
            return null;
        }
        long s = Linux.openat(Fcntl.AT_FDCWD, "/dev/pts/" + n, Fcntl.O_RDWR | Fcntl.O_NOCTTY | Fcntl.O_CLOEXEC, 0);
        if (s < 0) {
            return null;
        }
        return new int[] {(int) m, (int) s, (int) n};
    }

    /** Copies the master's output to fd 1, typing each TYPE once its EXPECT has shown. */
    private static void copyOutput(int master, String[] args) {
        byte[] buf = new byte[512];
        byte[] since = new byte[8192];
        int seen = 0;
        int next = 3;
        while (true) {
            if (next + 1 < args.length && contains(since, seen, unescape(args[next]))) {
                byte[] typed = unescape(args[next + 1]);
                Linux.write(master, typed, 0, typed.length);
                seen = 0;
                next += 2;
                continue;
            }
            long n = Linux.read(master, buf, 0, buf.length);
            if (n <= 0) {
                return;                                    // EIO: the slave side is gone
            }
            Linux.write(1, buf, 0, (int) n);
            for (int i = 0; i < n && seen < since.length; i++) {
                since[seen++] = buf[i];
            }
        }
    }

    private static boolean contains(byte[] b, int len, byte[] text) {
        for (int at = 0; at + text.length <= len; at++) {
            int i = 0;
            while (i < text.length && b[at + i] == text[i]) {
                i++;
            }
            if (i == text.length) {
                return true;
            }
        }
        return false;
    }

    private static byte[] unescape(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                if (e == 'n') {
                    ch = '\n';
                } else if (e == 'r') {
                    ch = '\r';
                } else if (e >= '0' && e <= '7') {
                    int v = 0;
                    int j = i;
                    while (j < s.length() && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        v = v * 8 + (s.charAt(j++) - '0');
                    }
                    i = j - 1;
                    ch = (char) v;
                } else {
                    ch = e;
                }
            }
            out[n++] = (byte) ch;
        }
        byte[] r = new byte[n];
        System.arraycopy(out, 0, r, 0, n);
        return r;
    }
}
