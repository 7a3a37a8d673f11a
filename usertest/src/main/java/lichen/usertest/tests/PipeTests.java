package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Stat;
import lichen.usertest.sys.WaitStatus;

/** pipe2 and the pipe semantics of read and write: pipe(2), pipe(7). */
public final class PipeTests {
    private PipeTests() {}

    public static void register(TestList list) {
        list.add("pipe2_data_in_order", PipeTests::dataInOrder);
        list.add("pipe_eof_after_writer_closes", PipeTests::eofAfterWriterCloses);
        list.add("pipe_write_without_reader_epipe", PipeTests::epipe);
        list.add("pipe_write_without_reader_sigpipe", PipeTests::sigpipe);
        list.add("pipe2_flags_cloexec_nonblock_eagain", PipeTests::flags);
        list.add("pipe2_bad_flags_einval_bad_pointer_efault", PipeTests::pipeErrors);
        list.add("pipe_wrong_end_ebadf_no_seek_espipe", PipeTests::wrongEnd);
        list.add("pipe_between_processes_more_than_capacity", PipeTests::betweenProcesses);
        list.add("pipe_fionread_counts_unread_f_getpipe_sz_is_64k", PipeTests::sizes);
    }

    private static void dataInOrder(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        c.isTrue(p[0] >= 0 && p[1] >= 0 && p[0] != p[1], "two distinct descriptors: " + p[0] + ", " + p[1]);
        c.returned(3, Linux.write(p[1], Bytes.ascii("abc"), 0, 3), "write abc");
        c.returned(2, Linux.write(p[1], Bytes.ascii("de"), 0, 2), "write de");
        byte[] b = new byte[16];
        c.returned(2, Linux.read(p[0], b, 0, 2), "read 2");
        c.returned(3, Linux.read(p[0], b, 2, 14), "read the rest (a read returns what is there)");
        c.equalBytes(Bytes.ascii("abcde"), b, 5, "bytes in order");
        byte[] st = new byte[Stat.SIZE];
        if (c.returned(0, Linux.fstat(p[0], st), "fstat(pipe)")) {
            c.equal(Fcntl.S_IFIFO, Stat.decode(st).type(), "S_ISFIFO");
        }
        Pipes.close(p);
    }

    private static void eofAfterWriterCloses(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        c.returned(4, Linux.write(p[1], Bytes.ascii("tail"), 0, 4), "write");
        c.returned(0, Linux.close(p[1]), "close the write end");
        byte[] b = new byte[16];
        c.returned(4, Linux.read(p[0], b, 0, 16), "read what was left");
        c.returned(0, Linux.read(p[0], b, 0, 16), "read after the writer closed: EOF");
        c.returned(0, Linux.read(p[0], b, 0, 16), "EOF again");
        Linux.close(p[0]);
    }

    private static void epipe(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        // Ignore SIGPIPE (rt_sigaction with SIG_IGN), so write reports EPIPE instead of killing us.
        byte[] ignore = new byte[32];
        LittleEndian.put64(ignore, 0, Signals.SIG_IGN);
        byte[] old = new byte[32];
        if (c.returned(0, Linux.rt_sigaction(Signals.SIGPIPE, ignore, old), "rt_sigaction(SIGPIPE, SIG_IGN)")) {
            Linux.close(p[0]);
            c.fails(Errno.EPIPE, Linux.write(p[1], Bytes.ascii("x"), 0, 1), "write without a reader");
            Linux.rt_sigaction(Signals.SIGPIPE, old, null);
            Linux.close(p[1]);
        } else {
            Pipes.close(p);
        }
    }

    private static void sigpipe(Check c) {
        int[] p = Pipes.open(c);
        int[] go = Pipes.open(c);
        if (p == null || go == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(p[0]);
            Linux.close(go[1]);
            byte[] b = new byte[1];
            Linux.read(go[0], b, 0, 1);                     // EOF once the parent has closed its read end too
            Linux.write(p[1], new byte[] {1}, 0, 1);        // SIGPIPE's default action ends the child here
            Processes.childExit(0);
        }
        Pipes.close(p);
        Pipes.close(go);
        if (c.succeeded(pid, "clone")) {
            long s = Processes.waitFor(pid);
            if (c.succeeded(s, "wait4")) {
                c.isTrue(WaitStatus.signaled((int) s) && WaitStatus.termSignal((int) s) == Signals.SIGPIPE,
                         "the writer should die of SIGPIPE, but " + WaitStatus.describe((int) s));
            }
        }
    }

    private static void flags(Check c) {
        int[] p = new int[2];
        if (!c.returned(0, Linux.pipe2(p, Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK), "pipe2(O_CLOEXEC|O_NONBLOCK)")) {
            return;
        }
        c.returned(Fcntl.FD_CLOEXEC, Linux.fcntl(p[0], Fcntl.F_GETFD, 0), "FD_CLOEXEC on the read end");
        c.returned(Fcntl.FD_CLOEXEC, Linux.fcntl(p[1], Fcntl.F_GETFD, 0), "FD_CLOEXEC on the write end");
        long fl = Linux.fcntl(p[0], Fcntl.F_GETFL, 0);
        c.isTrue(fl >= 0 && (fl & Fcntl.O_NONBLOCK) != 0, "O_NONBLOCK in F_GETFL: " + fl);
        c.equal(Fcntl.O_RDONLY, fl & Fcntl.O_ACCMODE, "the read end is O_RDONLY");
        c.equal(Fcntl.O_WRONLY, Linux.fcntl(p[1], Fcntl.F_GETFL, 0) & Fcntl.O_ACCMODE, "the write end is O_WRONLY");
        byte[] b = new byte[4];
        c.fails(Errno.EAGAIN, Linux.read(p[0], b, 0, 4), "read from an empty non-blocking pipe");
        Pipes.close(p);
    }

    private static void pipeErrors(Check c) {
        int[] p = new int[2];
        c.fails(Errno.EINVAL, Linux.pipe2(p, 0x1234_0000), "pipe2 with unknown flags");
        c.fails(Errno.EFAULT, Linux.pipe2(0xdead0000L, 0), "pipe2(0xdead0000)");
        c.fails(Errno.EFAULT, Linux.pipe2(1L, 0), "pipe2(1)");
    }

    private static void wrongEnd(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        byte[] b = new byte[4];
        c.fails(Errno.EBADF, Linux.write(p[0], b, 0, 1), "write to the read end");
        c.fails(Errno.EBADF, Linux.read(p[1], b, 0, 1), "read from the write end");
        c.fails(Errno.ESPIPE, Linux.lseek(p[0], 0, Fcntl.SEEK_SET), "lseek on a pipe");
        c.fails(Errno.ESPIPE, Linux.pread64(p[0], b, 0, 1, 0), "pread64 on a pipe");
        Pipes.close(p);
    }

    private static void betweenProcesses(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        final int total = 200_000;                         // over three times the default 64 KiB capacity
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(p[0]);
            byte[] data = Bytes.pattern(total, 5);
            int done = 0;
            while (done < total) {
                long n = Linux.write(p[1], data, done, Math.min(10_000, total - done));
                if (n <= 0) {
                    Processes.childExit(1);
                }
                done += (int) n;
            }
            Processes.childExit(0);
        }
        Linux.close(p[1]);
        if (c.succeeded(pid, "clone")) {
            byte[] got = new byte[total + 1];
            long n = Files.readFully(p[0], got, got.length);
            c.returned(total, n, "bytes read until EOF");
            c.equalBytes(Bytes.pattern(total, 5), got, total, "the data");
            c.equal(0, Processes.waitFor(pid), "the writer's wait status");
        }
        Linux.close(p[0]);
    }

    private static final int FIONREAD = 0x541B, F_GETPIPE_SZ = 1032;

    /** FIONREAD (ioctl_tty(2), also pipes) counts the bytes not yet read; F_GETPIPE_SZ (fcntl(2)) is the default 16 pages. */
    private static void sizes(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        int[] n = {-1};
        c.returned(0, Linux.ioctl(p[0], FIONREAD, n), "FIONREAD on the empty pipe");
        c.equal(0, n[0], "nothing unread");
        c.returned(5, Linux.write(p[1], Bytes.ascii("hello"), 0, 5), "write 5");
        c.returned(0, Linux.ioctl(p[0], FIONREAD, n), "FIONREAD after the write");
        c.equal(5, n[0], "five unread");
        byte[] b = new byte[2];
        Linux.read(p[0], b, 0, 2);
        c.returned(0, Linux.ioctl(p[0], FIONREAD, n), "FIONREAD after reading 2");
        c.equal(3, n[0], "three unread");
        c.returned(65536, Linux.fcntl(p[0], F_GETPIPE_SZ, 0), "F_GETPIPE_SZ of the read end");
        c.returned(65536, Linux.fcntl(p[1], F_GETPIPE_SZ, 0), "F_GETPIPE_SZ of the write end");
        long fd = Linux.openat(Fcntl.AT_FDCWD, "/dev/null", Fcntl.O_RDONLY, 0);
        if (c.succeeded(fd, "open /dev/null")) {
            c.fails(Errno.EBADF, Linux.fcntl((int) fd, F_GETPIPE_SZ, 0), "F_GETPIPE_SZ of a device");
            Linux.close((int) fd);
        }
        Pipes.close(p);
    }
}
