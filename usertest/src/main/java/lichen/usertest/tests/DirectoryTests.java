package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.TestList;
import lichen.usertest.sys.Dirent64;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Stat;

import static lichen.usertest.sys.Fcntl.AT_FDCWD;

/** mkdirat, unlinkat, newfstatat and getdents64: mkdir(2), unlink(2), rmdir(2), stat(2), getdents64(2). */
public final class DirectoryTests {
    private DirectoryTests() {}

    public static void register(TestList list) {
        list.add("mkdirat_then_newfstatat_directory", DirectoryTests::mkdirThenStat);
        list.add("mkdirat_existing_eexist", DirectoryTests::mkdirExisting);
        list.add("mkdirat_missing_parent_enoent", DirectoryTests::mkdirMissingParent);
        list.add("mkdirat_under_file_enotdir", DirectoryTests::mkdirUnderFile);
        list.add("mkdirat_bad_path_efault", DirectoryTests::mkdirBadPath);
        list.add("newfstatat_missing_enoent", DirectoryTests::statMissing);
        list.add("unlinkat_directory_without_removedir_eisdir", DirectoryTests::unlinkDirectory);
        list.add("unlinkat_removedir_nonempty_enotempty", DirectoryTests::rmdirNonEmpty);
        list.add("unlinkat_removedir_on_file_enotdir", DirectoryTests::rmdirOnFile);
        list.add("unlinkat_missing_enoent", DirectoryTests::unlinkMissing);
        list.add("unlinkat_removes_name_keeps_open_file", DirectoryTests::unlinkOpenFile);
        list.add("getdents64_lists_created_entries", DirectoryTests::getdentsLists);
        list.add("getdents64_on_file_enotdir", DirectoryTests::getdentsOnFile);
        list.add("getdents64_tiny_buffer_einval", DirectoryTests::getdentsTinyBuffer);
        list.add("getdents64_bad_buffer_efault", DirectoryTests::getdentsBadBuffer);
        list.add("getdents64_ext4_hash_order_d_off_resumes_after_lseek", DirectoryTests::getdentsHashOffsets);
    }

    private static void mkdirThenStat(Check c) {
        String d = c.path("d");
        if (!c.returned(0, Linux.mkdirat(AT_FDCWD, d, 0755), "mkdirat")) {
            return;
        }
        Stat st = Files.stat(c, d, 0);
        if (st != null) {
            c.isTrue(st.isDirectory(), "S_ISDIR: mode 0" + Integer.toOctalString(st.mode()));
            c.isTrue(st.nlink() >= 1, "st_nlink of a new directory");
        }
        Files.rmdir(c, d);
        c.isTrue(!Files.exists(c, d), "the directory is gone after rmdir");
    }

    private static void mkdirExisting(Check c) {
        String d = c.path("d");
        if (!c.returned(0, Linux.mkdirat(AT_FDCWD, d, 0755), "mkdirat")) {
            return;
        }
        c.fails(Errno.EEXIST, Linux.mkdirat(AT_FDCWD, d, 0755), "mkdirat of an existing directory");
        Files.rmdir(c, d);
        if (Files.create(c, c.path("f"), "x")) {
            c.fails(Errno.EEXIST, Linux.mkdirat(AT_FDCWD, c.path("f"), 0755), "mkdirat of an existing file");
            Files.unlink(c, c.path("f"));
        }
    }

    private static void mkdirMissingParent(Check c) {
        c.fails(Errno.ENOENT, Linux.mkdirat(AT_FDCWD, c.path("no/such"), 0755), "mkdirat(no/such)");
    }

    private static void mkdirUnderFile(Check c) {
        if (Files.create(c, c.path("f"), "x")) {
            c.fails(Errno.ENOTDIR, Linux.mkdirat(AT_FDCWD, c.path("f/sub"), 0755), "mkdirat(file/sub)");
            Files.unlink(c, c.path("f"));
        }
    }

    private static void mkdirBadPath(Check c) {
        c.fails(Errno.EFAULT, Linux.mkdirat(AT_FDCWD, 0xdead0000L, 0755), "mkdirat(path=0xdead0000)");
    }

    private static void statMissing(Check c) {
        byte[] buf = new byte[Stat.SIZE];
        c.fails(Errno.ENOENT, Linux.newfstatat(AT_FDCWD, c.path("missing"), buf, 0), "newfstatat(missing)");
        c.fails(Errno.ENOENT, Linux.newfstatat(AT_FDCWD, "", buf, 0), "newfstatat(\"\") without AT_EMPTY_PATH");
    }

    private static void unlinkDirectory(Check c) {
        String d = c.path("d");
        if (c.returned(0, Linux.mkdirat(AT_FDCWD, d, 0755), "mkdirat")) {
            // unlink(2): Linux returns EISDIR where POSIX allows EPERM.
            c.fails(Errno.EISDIR, Linux.unlinkat(AT_FDCWD, d, 0), "unlinkat(dir, 0)");
            Files.rmdir(c, d);
        }
    }

    private static void rmdirNonEmpty(Check c) {
        String d = c.path("d");
        if (c.returned(0, Linux.mkdirat(AT_FDCWD, d, 0755), "mkdirat")) {
            if (Files.create(c, d + "/f", "x")) {
                c.fails(Errno.ENOTEMPTY, Linux.unlinkat(AT_FDCWD, d, Fcntl.AT_REMOVEDIR), "rmdir(non-empty)");
                Files.unlink(c, d + "/f");
            }
            Files.rmdir(c, d);
        }
    }

    private static void rmdirOnFile(Check c) {
        if (Files.create(c, c.path("f"), "x")) {
            c.fails(Errno.ENOTDIR, Linux.unlinkat(AT_FDCWD, c.path("f"), Fcntl.AT_REMOVEDIR), "rmdir(file)");
            Files.unlink(c, c.path("f"));
        }
    }

    private static void unlinkMissing(Check c) {
        c.fails(Errno.ENOENT, Linux.unlinkat(AT_FDCWD, c.path("missing"), 0), "unlinkat(missing)");
        c.fails(Errno.EINVAL, Linux.unlinkat(AT_FDCWD, c.path("missing"), 0x4000), "unlinkat with an unknown flag");
    }

    private static void unlinkOpenFile(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "still here")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDONLY, 0);
        if (c.succeeded(fd, "openat")) {
            Files.unlink(c, p);
            c.isTrue(!Files.exists(c, p), "the name is gone");
            byte[] b = new byte[32];
            c.returned(10, Linux.read((int) fd, b, 0, 32), "read through the open fd after unlink");
            byte[] st = new byte[Stat.SIZE];
            if (c.returned(0, Linux.fstat((int) fd, st), "fstat after unlink")) {
                c.equal(0, Stat.decode(st).nlink(), "st_nlink after unlink");
            }
            Linux.close((int) fd);
        } else {
            Files.unlink(c, p);
        }
    }

    private static void getdentsLists(Check c) {
        String d = c.path("d");
        if (!c.returned(0, Linux.mkdirat(AT_FDCWD, d, 0755), "mkdirat")) {
            return;
        }
        boolean made = Files.create(c, d + "/alpha", "a") && Files.create(c, d + "/beta", "b")
            && c.returned(0, Linux.mkdirat(AT_FDCWD, d + "/sub", 0755), "mkdirat(sub)")
            && c.returned(0, Linux.symlinkat("alpha", AT_FDCWD, d + "/link"), "symlinkat");
        long fd = Linux.openat(AT_FDCWD, d, Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        if (made && c.succeeded(fd, "openat(dir)")) {
            // Bit per expected name: . .. alpha beta sub link; each must appear once with its d_type.
            int seen = 0;
            int entries = 0;
            byte[] buf = new byte[512];
            while (true) {
                long n = Linux.getdents64((int) fd, buf, buf.length);
                if (!c.succeeded(n, "getdents64") || n == 0) {
                    break;
                }
                int at = 0;
                while (at < n) {
                    Dirent64 e = Dirent64.at(buf, at, (int) n);
                    if (!c.isTrue(e != null, "a malformed record at offset " + at)) {
                        break;
                    }
                    c.isTrue(e.reclen() % 8 == 0, "d_reclen " + e.reclen() + " is not 8-aligned");
                    int bit = expectedBit(c, e);
                    c.isTrue((seen & bit) == 0, "entry " + e.name() + " listed twice");
                    seen |= bit;
                    entries++;
                    at += e.reclen();
                }
            }
            c.equal(0x3f, seen, "entries seen (bits: . .. alpha beta sub link)");
            c.equal(6, entries, "number of entries");
            Linux.close((int) fd);
        }
        Linux.unlinkat(AT_FDCWD, d + "/alpha", 0);
        Linux.unlinkat(AT_FDCWD, d + "/beta", 0);
        Linux.unlinkat(AT_FDCWD, d + "/link", 0);
        Linux.unlinkat(AT_FDCWD, d + "/sub", Fcntl.AT_REMOVEDIR);
        Files.rmdir(c, d);
    }

    private static int expectedBit(Check c, Dirent64 e) {
        String n = e.name();
        int type = e.type();
        switch (n) {
            case "." -> { c.equal(Dirent64.DT_DIR, type, "d_type of ."); return 1; }
            case ".." -> { c.equal(Dirent64.DT_DIR, type, "d_type of .."); return 2; }
            case "alpha" -> { c.equal(Dirent64.DT_REG, type, "d_type of alpha"); return 4; }
            case "beta" -> { c.equal(Dirent64.DT_REG, type, "d_type of beta"); return 8; }
            case "sub" -> { c.equal(Dirent64.DT_DIR, type, "d_type of sub"); return 16; }
            case "link" -> { c.equal(Dirent64.DT_LNK, type, "d_type of link"); return 32; }
            default -> { c.fail("unexpected entry \"" + n + "\""); return 0; }
        }
    }

    private static void getdentsOnFile(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "x")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDONLY, 0);
        if (c.succeeded(fd, "openat")) {
            byte[] buf = new byte[256];
            c.fails(Errno.ENOTDIR, Linux.getdents64((int) fd, buf, buf.length), "getdents64(regular file)");
            Linux.close((int) fd);
        }
        Files.unlink(c, p);
        byte[] buf = new byte[256];
        c.fails(Errno.EBADF, Linux.getdents64(9999, buf, buf.length), "getdents64(closed fd)");
    }

    private static void getdentsTinyBuffer(Check c) {
        long fd = Linux.openat(AT_FDCWD, c.scratch(), Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        if (c.succeeded(fd, "openat(scratch)")) {
            byte[] buf = new byte[8];
            c.fails(Errno.EINVAL, Linux.getdents64((int) fd, buf, buf.length), "getdents64 with an 8-byte buffer");
            Linux.close((int) fd);
        }
    }

    private static void getdentsBadBuffer(Check c) {
        long fd = Linux.openat(AT_FDCWD, c.scratch(), Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        if (c.succeeded(fd, "openat(scratch)")) {
            c.fails(Errno.EFAULT, Linux.getdents64((int) fd, 0xdead0000L, 4096), "getdents64(buf=0xdead0000)");
            Linux.close((int) fd);
        }
    }

    /** The names and d_off values of {@code fd} from its current offset to the end, read {@code size} bytes at a time. */
    private static int readAll(Check c, int fd, int size, String[] names, long[] offs) {
        byte[] buf = new byte[size];
        int count = 0;
        while (true) {
            long n = Linux.getdents64(fd, buf, buf.length);
            if (!c.succeeded(n, "getdents64") || n == 0) {
                return count;
            }
            for (int at = 0; at < n; ) {
                Dirent64 e = Dirent64.at(buf, at, (int) n);
                if (!c.isTrue(e != null && count < names.length, "a malformed or extra record at offset " + at)) {
                    return count;
                }
                names[count] = e.name();
                offs[count] = e.off();
                count++;
                at += e.reclen();
            }
        }
    }

    /**
     * A one-block directory on an ext4 root with dir_index lists in hash
     * order (fs/ext4/dir.c, is_dx_dir): its d_off values are hash positions
     * and the last is EXT4_HTREE_EOF_64BIT. /var/tmp is on the image's ext4
     * root on Lichen and on Linux alike (/tmp is a tmpfs on Lichen). Each
     * d_off, given back to lseek, resumes at the entry after it.
     */
    private static void getdentsHashOffsets(Check c) {
        String d = "/var/tmp/usertest-dirorder-" + Linux.getpid();
        if (!c.returned(0, Linux.mkdirat(AT_FDCWD, d, 0755), "mkdirat(" + d + ")")) {
            return;
        }
        boolean made = true;
        for (int i = 0; i < 12 && made; i++) {
            made = Files.create(c, d + "/entry-" + i, "x");
        }
        long fd = Linux.openat(AT_FDCWD, d, Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        if (made && c.succeeded(fd, "openat(dir)")) {
            String[] names = new String[20];
            long[] offs = new long[20];
            int count = readAll(c, (int) fd, 4096, names, offs);
            c.equal(14, count, "entries: . .. and 12 files");
            c.equal(0x7fffffffffffffffL, offs[count - 1], "d_off of the last entry (EXT4_HTREE_EOF_64BIT)");
            boolean dot = false, dotdot = false;
            for (int i = 0; i < count; i++) {
                dot |= names[i].equals(".");
                dotdot |= names[i].equals("..");
            }
            c.isTrue(dot && dotdot, ". and .. are listed");
            // A 40-byte buffer holds one record at a time: every call resumes from the d_off before it.
            String[] small = new String[20];
            long[] smallOffs = new long[20];
            c.equal(0, Linux.lseek((int) fd, 0, Fcntl.SEEK_SET), "lseek(0)");
            c.equal(count, readAll(c, (int) fd, 40, small, smallOffs), "entries read one at a time");
            for (int i = 0; i < count; i++) {
                c.equal(names[i], small[i], "entry " + i + " read one at a time");
                c.equal(offs[i], smallOffs[i], "d_off of " + names[i] + " read one at a time");
            }
            byte[] buf = new byte[256];
            for (int i = 0; i < count; i++) {
                c.equal(offs[i], Linux.lseek((int) fd, offs[i], Fcntl.SEEK_SET), "lseek to the d_off of " + names[i]);
                long n = Linux.getdents64((int) fd, buf, buf.length);
                if (i == count - 1) {
                    c.equal(0, n, "getdents64 after the last d_off");
                } else if (c.succeeded(n, "getdents64 after lseek") && c.isTrue(n > 0, "an entry after " + names[i])) {
                    Dirent64 e = Dirent64.at(buf, 0, (int) n);
                    c.equal(names[i + 1], e == null ? "?" : e.name(), "the entry after " + names[i]);
                }
            }
            Linux.close((int) fd);
        }
        for (int i = 0; i < 12; i++) {
            Linux.unlinkat(AT_FDCWD, d + "/entry-" + i, 0);
        }
        Files.rmdir(c, d);
    }
}
