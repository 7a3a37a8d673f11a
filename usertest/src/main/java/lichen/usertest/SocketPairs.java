package lichen.usertest;

import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Sockets;

/** Unix sockets made for a test: connected pairs, and a listener bound to a path with a client connected to it. */
public final class SocketPairs {
    private SocketPairs() {}

    /** socketpair(AF_UNIX, type | SOCK_CLOEXEC): the two ends, or null with the failure recorded. */
    public static int[] pair(Check c, int type) {
        int[] sv = new int[2];
        if (!c.returned(0, Sockets.socketpair(Sockets.AF_UNIX, type | Sockets.SOCK_CLOEXEC, 0, sv), "socketpair(AF_UNIX, " + type + ")")) {
            return null;
        }
        return sv;
    }

    /** A new unix socket of {@code type} (close-on-exec), or -1 with the failure recorded. */
    public static int socket(Check c, int type) {
        long fd = Sockets.socket(Sockets.AF_UNIX, type | Sockets.SOCK_CLOEXEC, 0);
        return c.succeeded(fd, "socket(AF_UNIX, " + type + ")") ? (int) fd : -1;
    }

    /** A socket of {@code type} bound to {@code path} and listening, or -1 with the failure recorded. */
    public static int listener(Check c, int type, String path) {
        int s = socket(c, type);
        if (s < 0) {
            return -1;
        }
        if (!c.returned(0, Sockets.bind(s, Sockets.pathAddress(path), Sockets.pathLength(path)), "bind(" + path + ")")
                || !c.returned(0, Sockets.listen(s, 8), "listen")) {
            Linux.close(s);
            return -1;
        }
        return s;
    }

    /** A new socket of {@code type} connected to {@code path}, or -1 with the failure recorded. */
    public static int connect(Check c, int type, String path) {
        int s = socket(c, type);
        if (s >= 0 && !c.returned(0, Sockets.connect(s, Sockets.pathAddress(path), Sockets.pathLength(path)), "connect(" + path + ")")) {
            Linux.close(s);
            return -1;
        }
        return s;
    }

    /** Closes every descriptor of {@code fds} that is not negative. */
    public static void close(int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                Linux.close(fd);
            }
        }
    }

    /** Removes the socket file at {@code path} (bind made it; the scratch directory must be left empty). */
    public static void unlink(String path) {
        Linux.unlinkat(Fcntl.AT_FDCWD, path, 0);
    }
}
