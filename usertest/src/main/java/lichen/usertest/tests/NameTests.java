package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Stat;

import static lichen.usertest.sys.Fcntl.AT_FDCWD;

/** renameat2, symlinkat and readlinkat: rename(2), symlink(2), readlink(2). */
public final class NameTests {
    private NameTests() {}

    public static void register(TestList list) {
        list.add("renameat2_moves_file", NameTests::renameMoves);
        list.add("renameat2_replaces_existing_file", NameTests::renameReplaces);
        list.add("renameat2_noreplace_eexist", NameTests::renameNoReplace);
        list.add("renameat2_missing_source_enoent", NameTests::renameMissing);
        list.add("renameat2_file_over_directory_eisdir", NameTests::renameFileOverDir);
        list.add("renameat2_directory_over_nonempty_enotempty", NameTests::renameDirOverNonEmpty);
        list.add("renameat2_directory_into_itself_einval", NameTests::renameIntoItself);
        list.add("symlinkat_readlinkat_target", NameTests::symlinkReadlink);
        list.add("readlinkat_truncates_to_buffer", NameTests::readlinkTruncates);
        list.add("readlinkat_regular_file_einval", NameTests::readlinkOnFile);
        list.add("symlinkat_existing_eexist", NameTests::symlinkExisting);
        list.add("open_follows_symlink_lstat_does_not", NameTests::followSymlink);
        list.add("open_dangling_symlink_enoent", NameTests::danglingSymlink);
    }

    private static void renameMoves(Check c) {
        String a = c.path("a");
        String b = c.path("b");
        if (!Files.create(c, a, "payload")) {
            return;
        }
        Stat before = Files.stat(c, a, 0);
        if (c.returned(0, Linux.renameat2(AT_FDCWD, a, AT_FDCWD, b, 0), "renameat2(a, b)")) {
            c.isTrue(!Files.exists(c, a), "the old name is gone");
            c.equal("payload", Files.contents(c, b), "contents under the new name");
            Stat after = Files.stat(c, b, 0);
            if (before != null && after != null) {
                c.equal(before.ino(), after.ino(), "the inode is the same");
            }
        }
        Linux.unlinkat(AT_FDCWD, a, 0);
        Linux.unlinkat(AT_FDCWD, b, 0);
    }

    private static void renameReplaces(Check c) {
        String a = c.path("a");
        String b = c.path("b");
        if (Files.create(c, a, "new") && Files.create(c, b, "old")) {
            c.returned(0, Linux.renameat2(AT_FDCWD, a, AT_FDCWD, b, 0), "renameat2 over an existing file");
            c.equal("new", Files.contents(c, b), "the target holds the source's contents");
            c.isTrue(!Files.exists(c, a), "the source name is gone");
        }
        Linux.unlinkat(AT_FDCWD, a, 0);
        Linux.unlinkat(AT_FDCWD, b, 0);
    }

    private static void renameNoReplace(Check c) {
        String a = c.path("a");
        String b = c.path("b");
        if (Files.create(c, a, "new") && Files.create(c, b, "old")) {
            c.fails(Errno.EEXIST, Linux.renameat2(AT_FDCWD, a, AT_FDCWD, b, Fcntl.RENAME_NOREPLACE),
                    "renameat2(RENAME_NOREPLACE) onto an existing file");
            c.equal("old", Files.contents(c, b), "the target is untouched");
            c.fails(Errno.EINVAL, Linux.renameat2(AT_FDCWD, a, AT_FDCWD, b,
                                                  Fcntl.RENAME_NOREPLACE | Fcntl.RENAME_EXCHANGE),
                    "RENAME_NOREPLACE with RENAME_EXCHANGE");
        }
        Linux.unlinkat(AT_FDCWD, a, 0);
        Linux.unlinkat(AT_FDCWD, b, 0);
    }

    private static void renameMissing(Check c) {
        c.fails(Errno.ENOENT, Linux.renameat2(AT_FDCWD, c.path("missing"), AT_FDCWD, c.path("b"), 0),
                "renameat2(missing, b)");
    }

    private static void renameFileOverDir(Check c) {
        String f = c.path("f");
        String d = c.path("d");
        if (Files.create(c, f, "x") && c.returned(0, Linux.mkdirat(AT_FDCWD, d, 0755), "mkdirat")) {
            c.fails(Errno.EISDIR, Linux.renameat2(AT_FDCWD, f, AT_FDCWD, d, 0), "renameat2(file, dir)");
            c.fails(Errno.ENOTDIR, Linux.renameat2(AT_FDCWD, d, AT_FDCWD, f, 0), "renameat2(dir, file)");
        }
        Linux.unlinkat(AT_FDCWD, f, 0);
        Linux.unlinkat(AT_FDCWD, d, Fcntl.AT_REMOVEDIR);
    }

    private static void renameDirOverNonEmpty(Check c) {
        String a = c.path("a");
        String b = c.path("b");
        boolean ok = c.returned(0, Linux.mkdirat(AT_FDCWD, a, 0755), "mkdirat(a)")
            && c.returned(0, Linux.mkdirat(AT_FDCWD, b, 0755), "mkdirat(b)")
            && Files.create(c, b + "/inside", "x");
        if (ok) {
            c.fails(Errno.ENOTEMPTY, Linux.renameat2(AT_FDCWD, a, AT_FDCWD, b, 0), "renameat2(dir, non-empty dir)");
            Linux.unlinkat(AT_FDCWD, b + "/inside", 0);
            c.returned(0, Linux.renameat2(AT_FDCWD, a, AT_FDCWD, b, 0), "renameat2(dir, empty dir)");
            c.isTrue(!Files.exists(c, a), "the source directory is gone");
        }
        Linux.unlinkat(AT_FDCWD, b + "/inside", 0);
        Linux.unlinkat(AT_FDCWD, a, Fcntl.AT_REMOVEDIR);
        Linux.unlinkat(AT_FDCWD, b, Fcntl.AT_REMOVEDIR);
    }

    private static void renameIntoItself(Check c) {
        String a = c.path("a");
        if (c.returned(0, Linux.mkdirat(AT_FDCWD, a, 0755), "mkdirat")) {
            c.fails(Errno.EINVAL, Linux.renameat2(AT_FDCWD, a, AT_FDCWD, a + "/inner", 0),
                    "renameat2(dir, dir/inner)");
            Files.rmdir(c, a);
        }
    }

    private static void symlinkReadlink(Check c) {
        String l = c.path("l");
        String target = "some/where/else";
        if (!c.returned(0, Linux.symlinkat(target, AT_FDCWD, l), "symlinkat")) {
            return;
        }
        byte[] buf = new byte[64];
        java.util.Arrays.fill(buf, (byte) '#');
        long n = Linux.readlinkat(AT_FDCWD, l, buf, buf.length);
        if (c.returned(target.length(), n, "readlinkat")) {
            c.equal(target, CString.decode(buf, 0, (int) n), "the link's target");
            c.equal('#', (char) buf[(int) n], "readlinkat does not write a NUL");
        }
        Stat st = Files.stat(c, l, Fcntl.AT_SYMLINK_NOFOLLOW);
        if (st != null) {
            c.isTrue(st.isSymlink(), "S_ISLNK: mode 0" + Integer.toOctalString(st.mode()));
            c.equal(target.length(), st.size(), "a symlink's st_size is its target's length");
        }
        Files.unlink(c, l);
    }

    private static void readlinkTruncates(Check c) {
        String l = c.path("l");
        if (!c.returned(0, Linux.symlinkat("0123456789", AT_FDCWD, l), "symlinkat")) {
            return;
        }
        byte[] buf = new byte[4];
        long n = Linux.readlinkat(AT_FDCWD, l, buf, 4);
        if (c.returned(4, n, "readlinkat into 4 bytes")) {
            c.equal("0123", CString.decode(buf, 0, 4), "the truncated target");
        }
        c.fails(Errno.EINVAL, Linux.readlinkat(AT_FDCWD, l, buf, 0), "readlinkat with bufsiz 0");
        c.fails(Errno.EFAULT, Linux.readlinkat(AT_FDCWD, l, 0xdead0000L, 16), "readlinkat(buf=0xdead0000)");
        Files.unlink(c, l);
    }

    private static void readlinkOnFile(Check c) {
        String f = c.path("f");
        if (Files.create(c, f, "x")) {
            byte[] buf = new byte[16];
            c.fails(Errno.EINVAL, Linux.readlinkat(AT_FDCWD, f, buf, 16), "readlinkat(regular file)");
            Files.unlink(c, f);
        }
        byte[] buf = new byte[16];
        c.fails(Errno.ENOENT, Linux.readlinkat(AT_FDCWD, c.path("missing"), buf, 16), "readlinkat(missing)");
    }

    private static void symlinkExisting(Check c) {
        String f = c.path("f");
        if (Files.create(c, f, "x")) {
            c.fails(Errno.EEXIST, Linux.symlinkat("anything", AT_FDCWD, f), "symlinkat onto an existing name");
            Files.unlink(c, f);
        }
        c.fails(Errno.ENOENT, Linux.symlinkat("x", AT_FDCWD, c.path("no/such")), "symlinkat under a missing dir");
    }

    private static void followSymlink(Check c) {
        String f = c.path("f");
        String l = c.path("l");
        if (Files.create(c, f, "through the link") && c.returned(0, Linux.symlinkat("f", AT_FDCWD, l), "symlinkat")) {
            c.equal("through the link", Files.contents(c, l), "reading through a relative symlink");
            Stat followed = Files.stat(c, l, 0);
            Stat target = Files.stat(c, f, 0);
            if (followed != null && target != null) {
                c.isTrue(followed.isRegular(), "stat follows the link to a regular file");
                c.equal(target.ino(), followed.ino(), "stat of the link is the target's inode");
            }
            c.fails(Errno.ELOOP, Linux.openat(AT_FDCWD, l, Fcntl.O_RDONLY | Fcntl.O_NOFOLLOW, 0), "openat(O_NOFOLLOW)");
        }
        Linux.unlinkat(AT_FDCWD, l, 0);
        Linux.unlinkat(AT_FDCWD, f, 0);
    }

    private static void danglingSymlink(Check c) {
        String l = c.path("l");
        if (c.returned(0, Linux.symlinkat("nothing-here", AT_FDCWD, l), "symlinkat")) {
            c.fails(Errno.ENOENT, Linux.openat(AT_FDCWD, l, Fcntl.O_RDONLY, 0), "openat(dangling link)");
            c.isTrue(Files.exists(c, l), "lstat still sees the dangling link");
            Files.unlink(c, l);
        }
    }
}
