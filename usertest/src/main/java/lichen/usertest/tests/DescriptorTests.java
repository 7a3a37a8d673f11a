package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Stat;

import static lichen.usertest.sys.Fcntl.AT_FDCWD;

/** dup3, fcntl and fstat on descriptors: dup(2), fcntl(2), stat(2). */
public final class DescriptorTests {
    private DescriptorTests() {}

    public static void register(TestList list) {
        list.add("dup3_shares_offset", DescriptorTests::dup3SharesOffset);
        list.add("dup3_same_fd_einval", DescriptorTests::dup3SameFd);
        list.add("dup3_replaces_open_target", DescriptorTests::dup3ReplacesTarget);
        list.add("dup3_bad_fd_ebadf", DescriptorTests::dup3BadFd);
        list.add("fcntl_dupfd_lowest_at_least_arg", DescriptorTests::fcntlDupfd);
        list.add("fcntl_cloexec_flags", DescriptorTests::fcntlCloexec);
        list.add("fcntl_getfl_access_mode_and_append", DescriptorTests::fcntlGetfl);
        list.add("fcntl_bad_fd_and_bad_cmd", DescriptorTests::fcntlErrors);
        list.add("fstat_regular_file", DescriptorTests::fstatRegular);
        list.add("fstat_bad_buffer_efault", DescriptorTests::fstatBadBuffer);
        list.add("fstat_closed_fd_ebadf", DescriptorTests::fstatClosed);
    }

    /** Opens a fresh file holding {@code text} for reading and writing; its fd, or -1 with the failure recorded. */
    private static int openFile(Check c, String name, String text) {
        return Files.createOpen(c, c.path(name), Bytes.ascii(text));
    }

    private static void dup3SharesOffset(Check c) {
        int fd = openFile(c, "f", "0123456789");
        if (fd >= 0) {
            int target = fd + 10;
            if (c.returned(target, Linux.dup3(fd, target, 0), "dup3")) {
                byte[] b = new byte[4];
                c.returned(4, Linux.read(fd, b, 0, 4), "read through the original");
                c.returned(4, Linux.lseek(target, 0, Fcntl.SEEK_CUR), "offset seen through the copy");
                c.returned(3, Linux.read(target, b, 0, 3), "read through the copy");
                c.equal('4', (char) b[0], "the copy continued where the original stopped");
                Linux.close(target);
            }
            Linux.close(fd);
        }
        Files.unlink(c, c.path("f"));
    }

    private static void dup3SameFd(Check c) {
        int fd = openFile(c, "f", "x");
        if (fd >= 0) {
            c.fails(Errno.EINVAL, Linux.dup3(fd, fd, 0), "dup3(fd, fd)");
            c.fails(Errno.EINVAL, Linux.dup3(fd, fd + 1, 0x1234), "dup3 with bad flags");
            Linux.close(fd);
        }
        Files.unlink(c, c.path("f"));
    }

    private static void dup3ReplacesTarget(Check c) {
        int a = openFile(c, "a", "AAAA");
        int b = openFile(c, "b", "BBBB");
        if (a >= 0 && b >= 0) {
            c.returned(b, Linux.dup3(a, b, Fcntl.O_CLOEXEC), "dup3(a, b)");
            byte[] buf = new byte[1];
            c.returned(1, Linux.read(b, buf, 0, 1), "read through b");
            c.equal('A', (char) buf[0], "b now refers to a's file");
            c.returned(Fcntl.FD_CLOEXEC, Linux.fcntl(b, Fcntl.F_GETFD, 0), "O_CLOEXEC from dup3");
            c.returned(0, Linux.fcntl(a, Fcntl.F_GETFD, 0), "the original keeps no FD_CLOEXEC");
        }
        if (a >= 0) {
            Linux.close(a);
        }
        if (b >= 0) {
            Linux.close(b);
        }
        Files.unlink(c, c.path("a"));
        Files.unlink(c, c.path("b"));
    }

    private static void dup3BadFd(Check c) {
        c.fails(Errno.EBADF, Linux.dup3(9999, 50, 0), "dup3(closed fd)");
        c.fails(Errno.EBADF, Linux.dup3(-1, 50, 0), "dup3(-1)");
    }

    private static void fcntlDupfd(Check c) {
        int fd = openFile(c, "f", "x");
        if (fd >= 0) {
            long d = Linux.fcntl(fd, Fcntl.F_DUPFD, 40);
            if (c.succeeded(d, "fcntl(F_DUPFD, 40)")) {
                c.isTrue(d >= 40, "F_DUPFD returned " + d + ", below 40");
                long d2 = Linux.fcntl(fd, Fcntl.F_DUPFD, 40);
                c.returned(d + 1, d2, "the next F_DUPFD takes the next free fd");
                Linux.close((int) d);
                if (d2 >= 0) {
                    Linux.close((int) d2);
                }
            }
            long d3 = Linux.fcntl(fd, Fcntl.F_DUPFD_CLOEXEC, 0);
            if (c.succeeded(d3, "fcntl(F_DUPFD_CLOEXEC)")) {
                c.returned(Fcntl.FD_CLOEXEC, Linux.fcntl((int) d3, Fcntl.F_GETFD, 0), "F_GETFD of the copy");
                Linux.close((int) d3);
            }
            Linux.close(fd);
        }
        Files.unlink(c, c.path("f"));
    }

    private static void fcntlCloexec(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "x")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0);
        if (c.succeeded(fd, "openat(O_CLOEXEC)")) {
            int f = (int) fd;
            c.returned(Fcntl.FD_CLOEXEC, Linux.fcntl(f, Fcntl.F_GETFD, 0), "F_GETFD after O_CLOEXEC");
            c.returned(0, Linux.fcntl(f, Fcntl.F_SETFD, 0), "F_SETFD 0");
            c.returned(0, Linux.fcntl(f, Fcntl.F_GETFD, 0), "F_GETFD after clearing");
            Linux.close(f);
        }
        Files.unlink(c, p);
    }

    private static void fcntlGetfl(Check c) {
        String p = c.path("f");
        if (!Files.create(c, p, "x")) {
            return;
        }
        long fd = Linux.openat(AT_FDCWD, p, Fcntl.O_WRONLY | Fcntl.O_APPEND, 0);
        if (c.succeeded(fd, "openat")) {
            long fl = Linux.fcntl((int) fd, Fcntl.F_GETFL, 0);
            if (c.succeeded(fl, "F_GETFL")) {
                c.equal(Fcntl.O_WRONLY | Fcntl.O_APPEND, fl & (Fcntl.O_ACCMODE | Fcntl.O_APPEND | Fcntl.O_NONBLOCK),
                        "F_GETFL access mode and status flags");
            }
            c.returned(0, Linux.fcntl((int) fd, Fcntl.F_SETFL, Fcntl.O_NONBLOCK), "F_SETFL O_NONBLOCK");
            fl = Linux.fcntl((int) fd, Fcntl.F_GETFL, 0);
            c.equal(Fcntl.O_WRONLY | Fcntl.O_NONBLOCK, fl & (Fcntl.O_ACCMODE | Fcntl.O_APPEND | Fcntl.O_NONBLOCK),
                    "F_GETFL after F_SETFL (the access mode cannot change)");
            Linux.close((int) fd);
        }
        Files.unlink(c, p);
    }

    private static void fcntlErrors(Check c) {
        c.fails(Errno.EBADF, Linux.fcntl(9999, Fcntl.F_GETFD, 0), "fcntl(closed fd, F_GETFD)");
        int fd = openFile(c, "f", "x");
        if (fd >= 0) {
            c.fails(Errno.EINVAL, Linux.fcntl(fd, 0x7fff, 0), "fcntl(unknown command)");
            c.fails(Errno.EINVAL, Linux.fcntl(fd, Fcntl.F_DUPFD, -1), "F_DUPFD with a negative minimum");
            Linux.close(fd);
        }
        Files.unlink(c, c.path("f"));
    }

    private static void fstatRegular(Check c) {
        int fd = openFile(c, "f", "hello, world");
        if (fd >= 0) {
            byte[] buf = new byte[Stat.SIZE];
            if (c.returned(0, Linux.fstat(fd, buf), "fstat")) {
                Stat st = Stat.decode(buf);
                c.isTrue(st.isRegular(), "S_ISREG: mode 0" + Integer.toOctalString(st.mode()));
                int perm = st.mode() & 07777;
                c.isTrue((perm & ~0644) == 0 && (perm & 0600) == 0600,
                         "permission bits 0" + Integer.toOctalString(perm) + " for 0644 under a umask");
                c.equal(12, st.size(), "st_size");
                c.equal(1, st.nlink(), "st_nlink");
                c.equal(Linux.geteuid(), st.uid(), "st_uid is the creator's euid");
                c.isTrue(st.blksize() > 0, "st_blksize > 0");
                c.isTrue(st.ino() != 0, "st_ino != 0");
                c.isTrue(st.mtimeNsec() >= 0 && st.mtimeNsec() < 1_000_000_000L, "st_mtime_nsec in [0, 1e9)");
                Stat again = Files.stat(c, c.path("f"), 0);
                if (again != null) {
                    c.equal(st.ino(), again.ino(), "newfstatat and fstat agree on st_ino");
                    c.equal(st.dev(), again.dev(), "newfstatat and fstat agree on st_dev");
                }
            }
            Linux.close(fd);
        }
        Files.unlink(c, c.path("f"));
    }

    private static void fstatBadBuffer(Check c) {
        int fd = openFile(c, "f", "x");
        if (fd >= 0) {
            c.fails(Errno.EFAULT, Linux.fstat(fd, 1L), "fstat(statbuf=1)");
            c.fails(Errno.EFAULT, Linux.fstat(fd, 0xdead0000L), "fstat(statbuf=0xdead0000)");
            Linux.close(fd);
        }
        Files.unlink(c, c.path("f"));
    }

    private static void fstatClosed(Check c) {
        byte[] buf = new byte[Stat.SIZE];
        c.fails(Errno.EBADF, Linux.fstat(9999, buf), "fstat(9999)");
        c.fails(Errno.EBADF, Linux.fstat(-1, buf), "fstat(-1)");
        c.isTrue(Bytes.allZero(buf, Stat.SIZE), "a failed fstat leaves the buffer alone");
    }
}
