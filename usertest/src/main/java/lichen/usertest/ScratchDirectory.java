package lichen.usertest;

import lichen.usertest.sys.Dirent64;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;

/**
 * The suite's scratch directories: one root per run (/tmp/usertest.PID) and
 * one empty directory per test inside it, removed after the test. A test
 * must leave its directory empty; whatever it left is listed and removed.
 */
public final class ScratchDirectory {
    private ScratchDirectory() {}

    private static final int MAX_DEPTH = 16;

    /** Makes {@code path} (mode 0700); 0 or a negative errno. */
    public static long make(String path) {
        return Linux.mkdirat(Fcntl.AT_FDCWD, path, 0700);
    }

    /**
     * Removes the directory {@code path}. If it was not empty, removes what it
     * held too and returns the names found at its top level ("a, b"); returns
     * null when the directory was empty, and "" when it could not be removed.
     */
    public static String removeReportingLeftovers(String path) {
        long r = Linux.unlinkat(Fcntl.AT_FDCWD, path, Fcntl.AT_REMOVEDIR);
        if (r == 0) {
            return null;
        }
        String names = topLevelNames(path);
        removeTree(path, 0);
        return names == null ? "" : names;
    }

    /** Removes {@code path} and everything under it; true when it is gone. */
    public static boolean removeTree(String path, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_DIRECTORY | Fcntl.O_NOFOLLOW | Fcntl.O_CLOEXEC, 0);
        if (fd == -Errno.ENOTDIR || fd == -Errno.ELOOP) {
            return Linux.unlinkat(Fcntl.AT_FDCWD, path, 0) == 0;
        }
        if (fd < 0) {
            return fd == -Errno.ENOENT;
        }
        byte[] buf = new byte[4096];
        while (true) {
            long n = Linux.getdents64((int) fd, buf, buf.length);
            if (n <= 0) {
                break;
            }
            int at = 0;
            while (at < n) {
                Dirent64 d = Dirent64.at(buf, at, (int) n);
                if (d == null) {
                    break;
                }
                at += d.reclen();
                if (d.name().equals(".") || d.name().equals("..")) {
                    continue;
                }
                String child = path + "/" + d.name();
                if (d.type() == Dirent64.DT_DIR || d.type() == Dirent64.DT_UNKNOWN) {
                    removeTree(child, depth + 1);
                } else {
                    Linux.unlinkat(Fcntl.AT_FDCWD, child, 0);
                }
            }
        }
        Linux.close((int) fd);
        return Linux.unlinkat(Fcntl.AT_FDCWD, path, Fcntl.AT_REMOVEDIR) == 0;
    }

    private static String topLevelNames(String path) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC, 0);
        if (fd < 0) {
            return null;
        }
        StringBuilder names = new StringBuilder();
        byte[] buf = new byte[4096];
        long n = Linux.getdents64((int) fd, buf, buf.length);
        int at = 0;
        while (at < n) {
            Dirent64 d = Dirent64.at(buf, at, (int) n);
            if (d == null) {
                break;
            }
            at += d.reclen();
            if (!d.name().equals(".") && !d.name().equals("..")) {
                if (names.length() > 0) {
                    names.append(", ");
                }
                names.append(d.name());
            }
        }
        Linux.close((int) fd);
        return names.toString();
    }
}
