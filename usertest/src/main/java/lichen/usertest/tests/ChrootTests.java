package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Stat;

import static lichen.usertest.sys.Fcntl.AT_FDCWD;

/**
 * chroot(2): a new root for "/" and "..", the working directory left where
 * it was. A root cannot be given back, so each test changes it in a forked
 * child, which reports what it saw.
 */
public final class ChrootTests {
    private ChrootTests() {}

    public static void register(TestList list) {
        list.add("chroot_slash_and_dotdot_stop_at_the_new_root", ChrootTests::newRoot);
        list.add("chroot_errors_enotdir_enoent_efault", ChrootTests::errors);
    }

    private static long statOf(String path) {
        byte[] st = new byte[Stat.SIZE];
        return Linux.newfstatat(AT_FDCWD, path, st, 0);
    }

    /** getcwd(2) as the system call gives it (glibc's wrapper turns "(unreachable)" into ENOENT). */
    private static String cwd() {
        byte[] b = new byte[256];
        long n = Linux.getcwd(b, b.length);
        if (n <= 0) {
            return "error " + n;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n - 1; i++) {
            s.append((char) b[i]);
        }
        return s.toString();
    }

    private static void newRoot(Check c) {
        String jail = c.path("jail");
        if (!c.returned(0, Linux.mkdirat(AT_FDCWD, jail, 0755), "mkdir jail")
                || !Files.create(c, jail + "/inside", "x")) {
            return;
        }
        long[] a = Processes.answersFromChild(c, 6, () -> {
            long r = Linux.chroot(jail);
            String before = cwd();
            long inside = statOf("/inside");
            long outside = statOf("/bin/sh");
            Linux.chdir("/");
            long up = statOf("../../inside");
            String after = cwd();
            return new long[] {r, before.startsWith("(unreachable)/") ? 1 : 0, inside, outside, up, after.equals("/") ? 1 : 0};
        });
        if (a != null) {
            c.returned(0, a[0], "chroot(jail)");
            c.equal(1, a[1], "getcwd of the directory left outside starts with (unreachable)/");
            c.returned(0, a[2], "/inside is the jail's file");
            c.fails(Errno.ENOENT, a[3], "/bin/sh outside the jail");
            c.returned(0, a[4], "../../inside from the new root: .. stops there");
            c.equal(1, a[5], "getcwd after chdir(\"/\") is /");
        }
        Files.unlink(c, jail + "/inside");
        Files.rmdir(c, jail);
    }

    private static void errors(Check c) {
        if (!Files.create(c, c.path("f"), "x")) {
            return;
        }
        long[] a = Processes.answersFromChild(c, 3, () -> new long[] {
            Linux.chroot(c.path("f")), Linux.chroot(c.path("missing")), Linux.chroot(8L)});
        if (a != null) {
            c.fails(Errno.ENOTDIR, a[0], "a regular file");
            c.fails(Errno.ENOENT, a[1], "a missing directory");
            c.fails(Errno.EFAULT, a[2], "a path at a bad address");
        }
        Files.unlink(c, c.path("f"));
    }
}
