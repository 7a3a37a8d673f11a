package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Stat;
import lichen.usertest.sys.Timespec;

import static lichen.usertest.sys.Fcntl.AT_FDCWD;

/** Named pipes: mknodat(2) of a FIFO and open(2)'s rules for one (fifo(7)). */
public final class FifoTests {
    private FifoTests() {}

    public static void register(TestList list) {
        list.add("mknodat_fifo_carries_data_between_opens", FifoTests::carriesData);
        list.add("mknodat_types_eperm_einval_eexist", FifoTests::mknodErrors);
        list.add("fifo_open_wronly_nonblock_without_reader_enxio", FifoTests::writerWithoutReader);
        list.add("fifo_open_waits_for_the_other_side", FifoTests::openWaits);
        list.add("fifo_data_goes_with_the_last_close", FifoTests::lastCloseDrops);
    }

    private static boolean makeFifo(Check c, String name) {
        return c.returned(0, Linux.mknodat(AT_FDCWD, c.path(name), Fcntl.S_IFIFO | 0600, 0), "mknodat(S_IFIFO)");
    }

    private static int open(Check c, String name, int flags) {
        return Files.open(c, c.path(name), flags);
    }

    private static void carriesData(Check c) {
        if (!makeFifo(c, "p")) {
            return;
        }
        Stat st = Files.stat(c, c.path("p"), 0);
        if (st != null) {
            c.equal(Fcntl.S_IFIFO, st.type(), "st_mode's type");
            c.equal(0, st.size(), "st_size");
        }
        int r = open(c, "p", Fcntl.O_RDONLY | Fcntl.O_NONBLOCK);
        int w = open(c, "p", Fcntl.O_WRONLY | Fcntl.O_NONBLOCK);
        if (r >= 0 && w >= 0) {
            byte[] b = new byte[8];
            c.fails(Errno.EAGAIN, Linux.read(r, b, 0, 8), "read of an empty FIFO with a writer, O_NONBLOCK");
            c.returned(5, Linux.write(w, Bytes.ascii("hello"), 0, 5), "write");
            c.returned(5, Linux.read(r, b, 0, 8), "read");
            c.equalBytes(Bytes.ascii("hello"), b, 5, "the bytes");
            c.fails(Errno.ESPIPE, Linux.lseek(r, 0, Fcntl.SEEK_SET), "lseek on a FIFO");
            Linux.close(w);
            c.returned(0, Linux.read(r, b, 0, 8), "end of file once the writer is gone");
        }
        if (r >= 0) {
            Linux.close(r);
        }
        Files.unlink(c, c.path("p"));
    }

    private static void mknodErrors(Check c) {
        c.fails(Errno.EPERM, Linux.mknodat(AT_FDCWD, c.path("d"), Fcntl.S_IFDIR | 0700, 0), "a directory");
        c.fails(Errno.EINVAL, Linux.mknodat(AT_FDCWD, c.path("l"), Fcntl.S_IFLNK | 0777, 0), "a symbolic link");
        c.returned(0, Linux.mknodat(AT_FDCWD, c.path("f"), 0644, 0), "type 0 is a regular file");
        Stat st = Files.stat(c, c.path("f"), 0);
        if (st != null) {
            c.isTrue(st.isRegular(), "a regular file was made");
        }
        c.fails(Errno.EEXIST, Linux.mknodat(AT_FDCWD, c.path("f"), Fcntl.S_IFIFO | 0600, 0), "an existing name");
        Files.unlink(c, c.path("f"));
    }

    private static void writerWithoutReader(Check c) {
        if (!makeFifo(c, "p")) {
            return;
        }
        c.fails(Errno.ENXIO, Linux.openat(AT_FDCWD, c.path("p"), Fcntl.O_WRONLY | Fcntl.O_NONBLOCK, 0), "O_WRONLY|O_NONBLOCK, no reader");
        int rw = open(c, "p", Fcntl.O_RDWR);
        if (rw >= 0) {
            int w = open(c, "p", Fcntl.O_WRONLY | Fcntl.O_NONBLOCK);
            c.isTrue(w >= 0, "an O_RDWR open is a reader");
            if (w >= 0) {
                Linux.close(w);
            }
            Linux.close(rw);
        }
        Files.unlink(c, c.path("p"));
    }

    private static void openWaits(Check c) {
        if (!makeFifo(c, "p")) {
            return;
        }
        String path = c.path("p");
        long pid = Processes.fork();
        if (pid == 0) {
            long w = Linux.openat(AT_FDCWD, path, Fcntl.O_WRONLY, 0); // waits for the parent's reader
            long n = w < 0 ? w : Linux.write((int) w, Bytes.ascii("x"), 0, 1);
            Processes.childExit(n == 1 ? 0 : 1);
        }
        LinuxSystem.nanosleep(Timespec.ofNanos(50_000_000L).encode(), null);
        int r = open(c, "p", Fcntl.O_RDONLY); // the child is waiting: this open does not
        if (r >= 0) {
            byte[] b = new byte[2];
            c.returned(1, Files.readFully(r, b, 2), "the child's byte, then end of file");
            c.equal('x', b[0], "the byte");
            Linux.close(r);
        }
        c.equal(0, Processes.waitFor(pid), "the writer's wait status");
        Files.unlink(c, c.path("p"));
    }

    private static void lastCloseDrops(Check c) {
        if (!makeFifo(c, "p")) {
            return;
        }
        int rw = open(c, "p", Fcntl.O_RDWR | Fcntl.O_NONBLOCK);
        if (rw >= 0) {
            c.returned(3, Linux.write(rw, Bytes.ascii("abc"), 0, 3), "write through an O_RDWR end");
            Linux.close(rw);
        }
        rw = open(c, "p", Fcntl.O_RDWR | Fcntl.O_NONBLOCK);
        if (rw >= 0) {
            byte[] b = new byte[4];
            c.fails(Errno.EAGAIN, Linux.read(rw, b, 0, 4), "nothing is left once every end had closed");
            Linux.close(rw);
        }
        Files.unlink(c, c.path("p"));
    }
}
