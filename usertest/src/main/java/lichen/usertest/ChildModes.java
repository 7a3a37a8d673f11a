package lichen.usertest;

import lichen.usertest.sys.CString;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;

/**
 * What usertest does when a test executes it again: {@code usertest --child
 * MODE ARGS}. The exit status is the answer the test checks.
 */
public final class ChildModes {
    private ChildModes() {}

    /**
     * {@code --child exit N}: exit with status N (proves execve passed argv).
     * {@code --child argc A...}: exit with the number of arguments after "argc".
     * {@code --child comm NAME}: exit 0 when the process's name is NAME in
     * both /proc/self/comm and prctl(PR_GET_NAME), 1 when comm differs, 2
     * when PR_GET_NAME does, 3 when either cannot be read.
     * {@code --child pty CMD [EXPECT TYPE]...}: CMD on a new pseudo-terminal ({@link PtySession}).
     * Anything else exits 100.
     */
    public static int run(String[] args) {
        if (args.length >= 3 && args[1].equals("pty")) {
            return PtySession.run(args);
        }
        if (args.length == 3 && args[1].equals("comm")) {
            return commIs(args[2]);
        }
        if (args.length == 3 && args[1].equals("exit")) {
            int v = 0;
            String s = args[2];
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9' || v > 25) {
                    return 100;
                }
                v = v * 10 + (ch - '0');
            }
            return v > 255 ? 100 : v;
        }
        if (args.length >= 2 && args[1].equals("argc")) {
            return args.length - 2;
        }
        return 100;
    }

    private static final int PR_GET_NAME = 16;

    private static int commIs(String name) {
        byte[] buf = new byte[64];
        long fd = Linux.openat(Fcntl.AT_FDCWD, "/proc/self/comm", Fcntl.O_RDONLY, 0);
        if (fd < 0) {
            return 3;
        }
        long n = Files.readFully((int) fd, buf, buf.length);
        Linux.close((int) fd);
        if (n < 0) {
            return 3;
        }
        if (!CString.decode(buf, 0, (int) n).equals(name + "\n")) {
            return 1;
        }
        byte[] got = new byte[16];
        if (LinuxSystem.prctl(PR_GET_NAME, Linux.address(got)) != 0) {
            return 3;
        }
        return CString.decodeUntilNul(got, 0, 16).equals(name) ? 0 : 2;
    }
}
