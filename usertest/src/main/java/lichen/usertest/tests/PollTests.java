package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Resources;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Timespec;

/** Waiting for many files: ppoll(2) and pselect6 (poll(2), select(2)) on pipes and files. */
public final class PollTests {
    private PollTests() {}

    static final int POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
    private static final long MILLIS = 1_000_000L;

    public static void register(TestList list) {
        list.add("ppoll_pipe_readable_after_write_writable_end", PollTests::pipeReadiness);
        list.add("ppoll_pipe_hangup_and_error_after_close", PollTests::hangupAndError);
        list.add("ppoll_regular_file_always_ready", PollTests::regularFile);
        list.add("ppoll_closed_fd_pollnval_negative_fd_skipped", PollTests::badDescriptors);
        list.add("ppoll_timeout_expires_and_is_written_back", PollTests::timesOut);
        list.add("ppoll_woken_by_another_processes_write", PollTests::wokenByWrite);
        list.add("ppoll_bad_arguments_einval_efault", PollTests::badArguments);
        list.add("ppoll_signal_mask_holds_only_during_the_wait", PollTests::maskDuringWait);
        list.add("pselect6_pipe_read_and_write_sets", PollTests::selectPipe);
        list.add("pselect6_closed_fd_ebadf_negative_nfds_einval", PollTests::selectErrors);
        list.add("pselect6_timeout_with_nothing_ready", PollTests::selectTimesOut);
    }

    /** struct pollfd entries for {@code fds}, each asking for {@code events}. */
    static byte[] pollfds(int events, int... fds) {
        byte[] b = new byte[8 * fds.length];
        for (int i = 0; i < fds.length; i++) {
            LittleEndian.put32(b, 8 * i, fds[i]);
            LittleEndian.put16(b, 8 * i + 4, events);
        }
        return b;
    }

    static int revents(byte[] pollfds, int i) {
        return LittleEndian.u16(pollfds, 8 * i + 6);
    }

    static byte[] timeout(long nanos) {
        return Timespec.ofNanos(nanos).encode();
    }

    private static void pipeReadiness(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        byte[] fds = pollfds(POLLIN | POLLOUT, p[0], p[1]);
        if (c.returned(1, Linux.ppoll(fds, 2, timeout(0), null), "ppoll(empty pipe, both ends, timeout 0)")) {
            c.equal(0, revents(fds, 0), "revents of the empty read end");
            c.equal(POLLOUT, revents(fds, 1), "revents of the write end");
        }
        c.returned(3, Linux.write(p[1], Bytes.ascii("abc"), 0, 3), "write 3 bytes");
        fds = pollfds(POLLIN | POLLOUT, p[0], p[1]);
        if (c.returned(2, Linux.ppoll(fds, 2, timeout(0), null), "ppoll after the write")) {
            c.equal(POLLIN, revents(fds, 0), "revents of the read end with data");
        }
        fds = pollfds(POLLOUT, p[0]);
        c.returned(0, Linux.ppoll(fds, 1, timeout(0), null), "POLLOUT asked of the read end is never reported");
        Pipes.close(p);
    }

    private static void hangupAndError(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        Linux.write(p[1], Bytes.ascii("x"), 0, 1);
        Linux.close(p[1]);
        byte[] fds = pollfds(POLLIN, p[0]);
        if (c.returned(1, Linux.ppoll(fds, 1, null, null), "ppoll(read end, no timeout) after the writer closed")) {
            c.equal(POLLIN | POLLHUP, revents(fds, 0), "data left and hung up");
        }
        byte[] b = new byte[4];
        Linux.read(p[0], b, 0, 4);
        fds = pollfds(POLLIN, p[0]);
        if (c.returned(1, Linux.ppoll(fds, 1, null, null), "ppoll once drained")) {
            c.equal(POLLHUP, revents(fds, 0), "POLLHUP is reported though not asked for");
        }
        Linux.close(p[0]);
        int[] q = Pipes.open(c);
        if (q == null) {
            return;
        }
        Linux.close(q[0]);
        fds = pollfds(POLLOUT, q[1]);
        if (c.returned(1, Linux.ppoll(fds, 1, null, null), "ppoll(write end) after the reader closed")) {
            c.equal(POLLOUT | POLLERR, revents(fds, 0), "writable and an error");
        }
        Linux.close(q[1]);
    }

    private static void regularFile(Check c) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, c.path("f"), Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        if (!c.succeeded(fd, "create a file")) {
            return;
        }
        byte[] fds = pollfds(POLLIN | POLLOUT, (int) fd);
        if (c.returned(1, Linux.ppoll(fds, 1, timeout(0), null), "ppoll(an empty regular file)")) {
            c.equal(POLLIN | POLLOUT, revents(fds, 0), "a regular file is always readable and writable");
        }
        Linux.close((int) fd);
        Linux.unlinkat(Fcntl.AT_FDCWD, c.path("f"), 0);
    }

    private static void badDescriptors(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        Linux.write(p[1], Bytes.ascii("x"), 0, 1);
        Pipes.close(new int[] {p[1], p[1]});
        byte[] fds = pollfds(POLLIN, -1, p[1], p[0]);
        LittleEndian.put16(fds, 6, 0x7fff); // revents of an ignored entry is cleared
        if (c.returned(2, Linux.ppoll(fds, 3, timeout(0), null), "ppoll(-1, a closed descriptor, a readable pipe)")) {
            c.equal(0, revents(fds, 0), "a negative fd is skipped and its revents zeroed");
            c.equal(POLLNVAL, revents(fds, 1), "a closed descriptor is POLLNVAL");
            c.equal(POLLIN | POLLHUP, revents(fds, 2), "the pipe");
        }
        Linux.close(p[0]);
    }

    private static void timesOut(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        byte[] fds = pollfds(POLLIN, p[0]);
        byte[] t = timeout(30 * MILLIS);
        byte[] before = new byte[Timespec.SIZE], after = new byte[Timespec.SIZE];
        LinuxSystem.clock_gettime(1, before);
        c.returned(0, Linux.ppoll(fds, 1, t, null), "ppoll(empty pipe, 30 ms)");
        LinuxSystem.clock_gettime(1, after);
        long waited = Timespec.decode(after).toNanos() - Timespec.decode(before).toNanos();
        c.isTrue(waited >= 30 * MILLIS, "waited at least the timeout: " + waited + " ns");
        c.equal(0, Timespec.decode(t).toNanos(), "the time left, written back to the timeout");
        Pipes.close(p);
    }

    private static void wokenByWrite(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            LinuxSystem.nanosleep(timeout(50 * MILLIS), null);
            Linux.write(p[1], Bytes.ascii("w"), 0, 1);
            Processes.childExit(0);
        }
        if (!c.succeeded(pid, "fork")) {
            Pipes.close(p);
            return;
        }
        byte[] fds = pollfds(POLLIN, p[0]);
        if (c.returned(1, Linux.ppoll(fds, 1, timeout(5000 * MILLIS), null), "ppoll until the child writes")) {
            c.equal(POLLIN, revents(fds, 0), "readable");
        }
        c.returned(0, Processes.waitFor(pid), "the child's status");
        Pipes.close(p);
    }

    private static void badArguments(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        byte[] fds = pollfds(POLLIN, p[0]);
        long[] limit = new long[2];
        LinuxSystem.getrlimit(Resources.RLIMIT_NOFILE, limit);
        if (c.returned(0, LinuxSystem.setrlimit(Resources.RLIMIT_NOFILE, new long[] {64, limit[1]}), "setrlimit(NOFILE, 64)")) {
            byte[] many = new byte[65 * 8];
            c.fails(Errno.EINVAL, Linux.ppoll(Linux.address(many), 65, Linux.address(timeout(0)), 0, 8), "nfds above RLIMIT_NOFILE");
            LinuxSystem.setrlimit(Resources.RLIMIT_NOFILE, limit);
        }
        c.fails(Errno.EFAULT, Linux.ppoll(8, 1, Linux.address(timeout(0)), 0, 8), "fds at a bad address");
        c.fails(Errno.EFAULT, Linux.ppoll(Linux.address(fds), 1, 8, 0, 8), "timeout at a bad address");
        byte[] bad = new Timespec(0, Timespec.NANOS_PER_SECOND).encode();
        c.fails(Errno.EINVAL, Linux.ppoll(fds, 1, bad, null), "tv_nsec of a second");
        long[] mask = {0};
        c.fails(Errno.EINVAL, Linux.ppoll(Linux.address(fds), 1, Linux.address(timeout(0)), Linux.address(mask), 4),
                "sigsetsize 4");
        c.fails(Errno.EFAULT, Linux.ppoll(Linux.address(fds), 1, Linux.address(timeout(0)), 8, 8), "sigmask at a bad address");
        Pipes.close(p);
    }

    /**
     * A child blocks SIGUSR1 and waits in ppoll with a mask that blocks it too:
     * the parent's SIGUSR1 stays pending and the wait ends on the pipe; the
     * mask after the call is the child's own. A second ppoll whose mask lets
     * SIGUSR1 through delivers it: the child dies of it.
     */
    private static void maskDuringWait(Check c) {
        int[] go = Pipes.open(c);
        if (go == null) {
            return;
        }
        long[] usr1 = {1L << (Signals.SIGUSR1 - 1)};
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            Linux.rt_sigprocmask(Signals.SIG_BLOCK, usr1, null);
            byte[] fds = pollfds(POLLIN, go[0]);
            if (Linux.ppoll(fds, 1, timeout(5000 * MILLIS), usr1) != 1) {
                Processes.childExit(10);
            }
            long[] now = {0};
            Linux.rt_sigprocmask(Signals.SIG_BLOCK, null, now);
            long[] pending = {0};
            Linux.rt_sigpending(pending);
            if (now[0] != usr1[0]) {
                Processes.childExit(11);
            }
            if (pending[0] != usr1[0]) {
                Processes.childExit(12);
            }
            byte[] b = new byte[1];
            Linux.read(go[0], b, 0, 1);
            fds = pollfds(POLLIN, go[0]);
            Linux.ppoll(fds, 1, timeout(5000 * MILLIS), new long[] {0});
            Processes.childExit(13);
        }
        if (!c.succeeded(pid, "fork")) {
            Pipes.close(go);
            return;
        }
        LinuxSystem.nanosleep(timeout(30 * MILLIS), null);
        c.returned(0, Linux.kill(pid, Signals.SIGUSR1), "kill(child, SIGUSR1) while it waits");
        LinuxSystem.nanosleep(timeout(30 * MILLIS), null);
        Linux.write(go[1], Bytes.ascii("g"), 0, 1);
        Processes.expectKilledBy(c, pid, Signals.SIGUSR1, "the second ppoll's mask let SIGUSR1 through");
        Pipes.close(go);
    }

    private static long[] fdSet(int... fds) {
        long[] set = new long[16];
        for (int fd : fds) {
            set[fd / 64] |= 1L << (fd % 64);
        }
        return set;
    }

    private static boolean isSet(long[] set, int fd) {
        return (set[fd / 64] & (1L << (fd % 64))) != 0;
    }

    private static void selectPipe(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        int nfds = Math.max(p[0], p[1]) + 1;
        long[] read = fdSet(p[0]), write = fdSet(p[0], p[1]);
        if (c.returned(1, Linux.pselect6(nfds, read, write, null, timeout(0)), "pselect6(empty pipe)")) {
            c.isTrue(!isSet(read, p[0]), "the empty read end is not readable");
            c.isTrue(isSet(write, p[1]) && !isSet(write, p[0]), "only the write end is writable");
        }
        Linux.write(p[1], Bytes.ascii("s"), 0, 1);
        read = fdSet(p[0]);
        write = fdSet(p[1]);
        if (c.returned(2, Linux.pselect6(nfds, read, write, null, null), "pselect6 after a write, no timeout")) {
            c.isTrue(isSet(read, p[0]), "the read end is readable");
        }
        Pipes.close(p);
    }

    private static void selectErrors(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        Linux.close(p[1]);
        c.fails(Errno.EBADF, Linux.pselect6(p[1] + 1, fdSet(p[1]), null, null, timeout(0)), "a closed descriptor in the read set");
        c.fails(Errno.EINVAL, Linux.pselect6(-1, null, null, null, timeout(0)), "nfds -1");
        c.fails(Errno.EFAULT, Linux.pselect6(p[0] + 1, 8, 0, 0, Linux.address(timeout(0)), 0), "a read set at a bad address");
        Linux.close(p[0]);
    }

    private static void selectTimesOut(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        long[] read = fdSet(p[0]);
        byte[] t = timeout(20 * MILLIS);
        c.returned(0, Linux.pselect6(p[0] + 1, read, null, null, t), "pselect6(empty pipe, 20 ms)");
        c.isTrue(!isSet(read, p[0]), "the set comes back empty");
        c.equal(0, Timespec.decode(t).toNanos(), "the time left");
        c.returned(0, Linux.pselect6(0, null, null, null, timeout(10 * MILLIS)), "pselect6 with no sets sleeps");
        Pipes.close(p);
    }
}
