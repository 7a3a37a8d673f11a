package lichen.usertest;

import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Stat;

/** File set-up shared by the tests, each step checked through the test's {@link Check}. */
public final class Files {
    private Files() {}

    /** Creates (or truncates) {@code path} holding {@code data}, mode {@code mode}; false if any step failed. */
    public static boolean create(Check c, String path, byte[] data, int mode) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC | Fcntl.O_CLOEXEC, mode);
        if (!c.succeeded(fd, "openat(" + path + ", O_CREAT)")) {
            return false;
        }
        boolean ok = writeFully(c, (int) fd, data);
        return c.succeeded(Linux.close((int) fd), "close") && ok;
    }

    /** Opens {@code path} with {@code flags}: its descriptor, or -1 with the failure recorded. */
    public static int open(Check c, String path, int flags) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, flags, 0);
        return c.succeeded(fd, "openat(" + path + ")") ? (int) fd : -1;
    }

    /** Creates {@code path} holding {@code data} (mode 0644) and opens it for reading and writing: its descriptor, or -1 with the failure recorded. */
    public static int createOpen(Check c, String path, byte[] data) {
        return create(c, path, data, 0644) ? open(c, path, Fcntl.O_RDWR) : -1;
    }

    public static boolean create(Check c, String path, String text) {
        return create(c, path, Bytes.ascii(text), 0644);
    }

    public static boolean writeFully(Check c, int fd, byte[] data) {
        int done = 0;
        while (done < data.length) {
            long n = Linux.write(fd, data, done, data.length - done);
            if (!c.succeeded(n, "write") || !c.isTrue(n > 0, "write returned 0")) {
                return false;
            }
            done += (int) n;
        }
        return true;
    }

    /** Reads until EOF or {@code max} bytes; the count read, or a negative errno. */
    public static long readFully(int fd, byte[] buf, int max) {
        int done = 0;
        while (done < max) {
            long n = Linux.read(fd, buf, done, max - done);
            if (Errno.isError(n)) {
                return n;
            }
            if (n == 0) {
                break;
            }
            done += (int) n;
        }
        return done;
    }

    /** The whole content of a file as ASCII, or null (with the failure recorded). */
    public static String contents(Check c, String path) {
        return contents(c, path, 4096);
    }

    /** The first {@code max} bytes of {@code path} as Latin-1 text, or null with the failure recorded. */
    public static String contents(Check c, String path, int max) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0);
        if (!c.succeeded(fd, "openat(" + path + ")")) {
            return null;
        }
        byte[] buf = new byte[max];
        long n = readFully((int) fd, buf, buf.length);
        Linux.close((int) fd);
        if (!c.succeeded(n, "read(" + path + ")")) {
            return null;
        }
        return latin1(buf, (int) n);
    }

    /** The first {@code max} bytes of {@code path} as Latin-1 text, or null: for a forked child, which has no Check to record in. */
    public static String text(String path, int max) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0);
        if (Errno.isError(fd)) {
            return null;
        }
        byte[] buf = new byte[max];
        long n = readFully((int) fd, buf, buf.length);
        Linux.close((int) fd);
        return Errno.isError(n) ? null : latin1(buf, (int) n);
    }

    private static String latin1(byte[] buf, int n) {
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = (char) (buf[i] & 0xff);
        }
        return new String(chars);
    }

    /** newfstatat of {@code path} (following links unless {@code flags} says otherwise), or null. */
    public static Stat stat(Check c, String path, int flags) {
        byte[] buf = new byte[Stat.SIZE];
        long r = Linux.newfstatat(Fcntl.AT_FDCWD, path, buf, flags);
        if (!c.succeeded(r, "newfstatat(" + path + ")")) {
            return null;
        }
        return Stat.decode(buf);
    }

    /** Whether {@code path} exists (lstat succeeds); an error other than ENOENT is recorded as a failure. */
    public static boolean exists(Check c, String path) {
        byte[] buf = new byte[Stat.SIZE];
        long r = Linux.newfstatat(Fcntl.AT_FDCWD, path, buf, Fcntl.AT_SYMLINK_NOFOLLOW);
        if (r == -Errno.ENOENT) {
            return false;
        }
        c.succeeded(r, "newfstatat(" + path + ")");
        return true;
    }

    public static void unlink(Check c, String path) {
        c.succeeded(Linux.unlinkat(Fcntl.AT_FDCWD, path, 0), "unlinkat(" + path + ")");
    }

    public static void rmdir(Check c, String path) {
        c.succeeded(Linux.unlinkat(Fcntl.AT_FDCWD, path, Fcntl.AT_REMOVEDIR), "rmdir(" + path + ")");
    }
}
