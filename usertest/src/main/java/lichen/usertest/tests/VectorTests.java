package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Pipes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Iovec;
import lichen.usertest.sys.Linux;

/** Scatter-gather I/O: readv(2), writev(2), preadv(2), pwritev(2), preadv2(2), pwritev2(2). */
public final class VectorTests {
    /** RWF_APPEND (include/uapi/linux/fs.h). */
    private static final int RWF_APPEND = 0x10;

    private VectorTests() {}

    public static void register(TestList list) {
        list.add("readv_writev_fill_buffers_in_order", VectorTests::inOrder);
        list.add("readv_short_file_stops_early", VectorTests::shortRead);
        list.add("writev_errors", VectorTests::vectorErrors);
        list.add("preadv_pwritev_at_offset_keep_file_offset", VectorTests::atOffset);
        list.add("preadv_pipe_espipe_negative_offset_einval", VectorTests::positionErrors);
        list.add("preadv2_minus_one_uses_file_offset", VectorTests::minusOne);
        list.add("pwritev2_append_and_unknown_flag", VectorTests::flags);
    }

    private static int open(Check c, String name, String text) {
        return Files.createOpen(c, c.path(name), Bytes.ascii(text));
    }

    private static void inOrder(Check c) {
        int fd = open(c, "f", "");
        if (fd < 0) {
            return;
        }
        Iovec out = Iovec.of(Bytes.ascii("abc"), new byte[0], Bytes.ascii("defgh"));
        c.returned(8, Linux.writev(fd, out.address(), out.count()), "writev of 3+0+5 bytes");
        c.returned(8, Linux.lseek(fd, 0, Fcntl.SEEK_CUR), "the offset moved by all of it");
        Linux.lseek(fd, 0, Fcntl.SEEK_SET);
        byte[] a = new byte[2], b = new byte[6];
        Iovec in = Iovec.of(a, b);
        c.returned(8, Linux.readv(fd, in.address(), in.count()), "readv into 2+6 bytes");
        c.equalBytes(Bytes.ascii("ab"), a, 2, "the first buffer");
        c.equalBytes(Bytes.ascii("cdefgh"), b, 6, "the second buffer");
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void shortRead(Check c) {
        int fd = open(c, "f", "12345");
        if (fd < 0) {
            return;
        }
        byte[] a = new byte[3], b = new byte[3], d = new byte[3];
        Iovec in = Iovec.of(a, b, d);
        c.returned(5, Linux.readv(fd, in.address(), in.count()), "readv of a 5-byte file into 9 bytes");
        c.equalBytes(Bytes.ascii("45"), b, 2, "the second buffer holds the rest");
        c.returned(0, Linux.readv(fd, in.address(), in.count()), "readv at the end");
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void vectorErrors(Check c) {
        int fd = open(c, "f", "x");
        if (fd < 0) {
            return;
        }
        Iovec one = Iovec.of(new byte[1]);
        c.fails(Errno.EINVAL, Linux.writev(fd, one.address(), -1), "a negative count");
        c.fails(Errno.EINVAL, Linux.writev(fd, one.address(), 1025), "more than IOV_MAX entries");
        c.fails(Errno.EFAULT, Linux.writev(fd, 8L, 1), "the iovec array at a bad address");
        Iovec bad = Iovec.of(new byte[1]);
        bad.set(0, 8L, 1);
        c.fails(Errno.EFAULT, Linux.writev(fd, bad.address(), 1), "an entry at a bad address");
        c.fails(Errno.EBADF, Linux.writev(999, one.address(), 1), "a closed descriptor");
        c.returned(0, Linux.writev(fd, one.address(), 0), "no entries");
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void atOffset(Check c) {
        int fd = open(c, "f", "0123456789");
        if (fd < 0) {
            return;
        }
        Iovec out = Iovec.of(Bytes.ascii("AB"), Bytes.ascii("CD"));
        c.returned(4, Linux.pwritev(fd, out.address(), out.count(), 3), "pwritev at 3");
        c.returned(0, Linux.lseek(fd, 0, Fcntl.SEEK_CUR), "the file offset stays at 0");
        byte[] a = new byte[4], b = new byte[10];
        Iovec in = Iovec.of(a, b);
        c.returned(8, Linux.preadv(fd, in.address(), in.count(), 2), "preadv at 2 to the end");
        c.equalBytes(Bytes.ascii("2ABC"), a, 4, "the first buffer");
        c.equalBytes(Bytes.ascii("D789"), b, 4, "the second buffer");
        c.returned(0, Linux.lseek(fd, 0, Fcntl.SEEK_CUR), "still 0");
        c.returned(0, Linux.preadv(fd, in.address(), in.count(), 100), "preadv past the end");
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void positionErrors(Check c) {
        int[] p = Pipes.open(c);
        int fd = open(c, "f", "x");
        if (p == null || fd < 0) {
            return;
        }
        Iovec one = Iovec.of(new byte[1]);
        c.fails(Errno.ESPIPE, Linux.pwritev(p[1], one.address(), 1, 0), "pwritev on a pipe");
        c.fails(Errno.ESPIPE, Linux.preadv(p[0], one.address(), 1, 0), "preadv on a pipe");
        c.fails(Errno.EINVAL, Linux.preadv(fd, one.address(), 1, -5), "a negative offset");
        c.fails(Errno.EBADF, Linux.preadv(999, one.address(), 1, 0), "a closed descriptor");
        Pipes.close(p);
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void minusOne(Check c) {
        int fd = open(c, "f", "abcdef");
        if (fd < 0) {
            return;
        }
        byte[] a = new byte[2];
        Iovec in = Iovec.of(a);
        c.returned(2, Linux.preadv2(fd, in.address(), 1, -1, 0), "preadv2 at -1");
        c.returned(2, Linux.preadv2(fd, in.address(), 1, -1, 0), "again");
        c.equalBytes(Bytes.ascii("cd"), a, 2, "the second read went on from the first");
        c.returned(4, Linux.lseek(fd, 0, Fcntl.SEEK_CUR), "the file offset moved");
        c.returned(2, Linux.preadv2(fd, in.address(), 1, 0, 0), "preadv2 at 0");
        c.equalBytes(Bytes.ascii("ab"), a, 2, "read at 0");
        c.returned(4, Linux.lseek(fd, 0, Fcntl.SEEK_CUR), "a given offset leaves the file offset alone");
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }

    private static void flags(Check c) {
        int fd = open(c, "f", "abc");
        if (fd < 0) {
            return;
        }
        Iovec out = Iovec.of(Bytes.ascii("XY"));
        c.fails(Errno.EOPNOTSUPP, Linux.pwritev2(fd, out.address(), 1, 0, 0x40000000), "an unknown flag");
        c.returned(2, Linux.pwritev2(fd, out.address(), 1, -1, RWF_APPEND), "pwritev2 with RWF_APPEND");
        c.equal("abcXY", Files.contents(c, c.path("f")), "appended at the end");
        c.returned(0, Linux.fcntl(fd, Fcntl.F_GETFL, 0) & Fcntl.O_APPEND, "the description did not keep O_APPEND");
        Linux.close(fd);
        Files.unlink(c, c.path("f"));
    }
}
