package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxEvents;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Stat;
import lichen.usertest.sys.Timespec;

/** eventfd(2): the counter, semaphore mode, non-blocking and blocking reads and writes, readiness. */
public final class EventfdTests {
    private EventfdTests() {}

    private static final long MILLIS = 1_000_000L;
    private static final long MAX = -2L; // 0xfffffffffffffffe

    public static void register(TestList list) {
        list.add("eventfd_counter_adds_writes_read_takes_all", EventfdTests::counter);
        list.add("eventfd_semaphore_reads_one_at_a_time", EventfdTests::semaphore);
        list.add("eventfd_short_buffer_and_all_ones_einval", EventfdTests::errors);
        list.add("eventfd_nonblock_eagain_and_cloexec", EventfdTests::flags);
        list.add("eventfd_poll_readable_writable_overflow", EventfdTests::readiness);
        list.add("eventfd_blocking_read_woken_by_write", EventfdTests::blockingRead);
        list.add("eventfd_blocking_read_ended_by_signal", EventfdTests::readInterrupted);
        list.add("eventfd_epoll_timerfd_fstat_anonymous_inode", EventfdTests::anonymousInode);
        list.add("eventfd_blocking_write_woken_by_read_ended_by_signal", EventfdTests::blockingWrite);
    }

    private static void counter(Check c) {
        long fd = LinuxEvents.eventfd2(5, 0);
        if (!c.succeeded(fd, "eventfd2(5, 0)")) {
            return;
        }
        int e = (int) fd;
        c.returned(8, LinuxEvents.write64(e, 3), "write 3");
        c.returned(8, LinuxEvents.write64(e, 0), "write 0 is allowed");
        long[] v = {0};
        c.returned(8, LinuxEvents.read64(e, v), "read");
        c.equal(8, v[0], "the initial 5 plus 3");
        byte[] big = new byte[16];
        c.returned(8, LinuxEvents.write64(e, 1), "write 1");
        c.returned(8, Linux.read(e, big, 0, 16), "a 16-byte read reads 8");
        Linux.close(e);
    }

    private static void semaphore(Check c) {
        long fd = LinuxEvents.eventfd2(2, LinuxEvents.EFD_SEMAPHORE | Fcntl.O_NONBLOCK);
        if (!c.succeeded(fd, "eventfd2(2, EFD_SEMAPHORE | EFD_NONBLOCK)")) {
            return;
        }
        int e = (int) fd;
        long[] v = {0};
        c.returned(8, LinuxEvents.read64(e, v), "first read");
        c.equal(1, v[0], "one");
        c.returned(8, LinuxEvents.read64(e, v), "second read");
        c.equal(1, v[0], "one again");
        c.fails(Errno.EAGAIN, LinuxEvents.read64(e, v), "the count is used up");
        Linux.close(e);
    }

    private static void errors(Check c) {
        long fd = LinuxEvents.eventfd2(1, 0);
        if (!c.succeeded(fd, "eventfd2")) {
            return;
        }
        int e = (int) fd;
        byte[] b = new byte[8];
        c.fails(Errno.EINVAL, Linux.read(e, b, 0, 4), "a 4-byte read");
        c.fails(Errno.EINVAL, Linux.write(e, b, 0, 7), "a 7-byte write");
        c.fails(Errno.EINVAL, LinuxEvents.write64(e, -1L), "writing 0xffffffffffffffff");
        c.fails(Errno.EFAULT, Linux.write(e, 8, 8), "a write from a bad address");
        c.fails(Errno.EINVAL, LinuxEvents.eventfd2(0, 0x100), "an unknown flag");
        Linux.close(e);
    }

    private static void flags(Check c) {
        long fd = LinuxEvents.eventfd2(0, Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC);
        if (!c.succeeded(fd, "eventfd2(0, EFD_NONBLOCK | EFD_CLOEXEC)")) {
            return;
        }
        int e = (int) fd;
        c.returned(Fcntl.O_NONBLOCK | Fcntl.O_RDWR, Linux.fcntl(e, Fcntl.F_GETFL, 0) & (Fcntl.O_NONBLOCK | 3), "F_GETFL: read-write, non-blocking");
        c.returned(1, Linux.fcntl(e, Fcntl.F_GETFD, 0), "F_GETFD: close-on-exec");
        long[] v = {0};
        c.fails(Errno.EAGAIN, LinuxEvents.read64(e, v), "read of a zero counter");
        c.returned(8, LinuxEvents.write64(e, MAX), "write the largest value");
        c.fails(Errno.EAGAIN, LinuxEvents.write64(e, 1), "one more does not fit");
        Linux.close(e);
    }

    private static void readiness(Check c) {
        long fd = LinuxEvents.eventfd2(0, Fcntl.O_NONBLOCK);
        if (!c.succeeded(fd, "eventfd2")) {
            return;
        }
        int e = (int) fd;
        byte[] fds = PollTests.pollfds(PollTests.POLLIN | PollTests.POLLOUT, e);
        c.returned(1, Linux.ppoll(fds, 1, PollTests.timeout(0), null), "ppoll of a zero counter");
        c.equal(PollTests.POLLOUT, PollTests.revents(fds, 0), "writable only");
        LinuxEvents.write64(e, MAX);
        fds = PollTests.pollfds(PollTests.POLLIN | PollTests.POLLOUT, e);
        c.returned(1, Linux.ppoll(fds, 1, PollTests.timeout(0), null), "ppoll at the largest value");
        c.equal(PollTests.POLLIN, PollTests.revents(fds, 0), "readable only");
        Linux.close(e);
    }

    private static void blockingRead(Check c) {
        long fd = LinuxEvents.eventfd2(0, 0);
        if (!c.succeeded(fd, "eventfd2")) {
            return;
        }
        int e = (int) fd;
        long pid = Processes.fork();
        if (pid == 0) {
            LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
            LinuxEvents.write64(e, 7);
            Processes.childExit(0);
        }
        long[] v = {0};
        c.returned(8, LinuxEvents.read64(e, v), "read waits for the child's write");
        c.equal(7, v[0], "the child's value");
        c.returned(0, Processes.waitFor(pid), "the child's status");
        Linux.close(e);
    }

    /** A child blocked in read dies of SIGUSR1: the sleep is interruptible. */
    private static void readInterrupted(Check c) {
        long fd = LinuxEvents.eventfd2(0, 0);
        if (!c.succeeded(fd, "eventfd2")) {
            return;
        }
        int e = (int) fd;
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            long[] v = {0};
            LinuxEvents.read64(e, v);
            Processes.childExit(10);
        }
        LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
        Linux.kill(pid, Signals.SIGUSR1);
        Processes.expectKilledBy(c, pid, Signals.SIGUSR1, "SIGUSR1 ends the blocked read");
        Linux.close(e);
    }

    /** fstat of an eventfd, an epoll and a timerfd: an anonymous inode, mode 0600 with no file type (anon_inode_mkinode). */
    private static void anonymousInode(Check c) {
        long[] fds = {LinuxEvents.eventfd2(0, 0), LinuxEvents.epoll_create1(0), LinuxEvents.timerfd_create(1, 0)};
        String[] names = {"eventfd", "epoll", "timerfd"};
        for (int i = 0; i < fds.length; i++) {
            if (!c.succeeded(fds[i], "make an " + names[i])) {
                continue;
            }
            byte[] st = new byte[Stat.SIZE];
            if (c.returned(0, Linux.fstat((int) fds[i], st), "fstat(" + names[i] + ")")) {
                Stat s = Stat.decode(st);
                c.equal(0600, s.mode(), names[i] + "'s st_mode");
                c.equal(0, s.size(), names[i] + "'s st_size");
            }
            Linux.close((int) fds[i]);
        }
    }

    /**
     * A write that does not fit waits: a child's write of 1 to a full counter
     * ends when the parent's read empties it; another child's, blocked the
     * same way, dies of SIGUSR1.
     */
    private static void blockingWrite(Check c) {
        long fd = LinuxEvents.eventfd2(0, 0);
        if (!c.succeeded(fd, "eventfd2")) {
            return;
        }
        int e = (int) fd;
        c.returned(8, LinuxEvents.write64(e, MAX), "fill the counter");
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.childExit(LinuxEvents.write64(e, 1) == 8 ? 0 : 10);
        }
        LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
        long[] v = {0};
        c.returned(8, LinuxEvents.read64(e, v), "read the full counter");
        c.equal(MAX, v[0], "the largest value");
        c.returned(0, Processes.waitFor(pid), "the child's write went in after the read");
        c.returned(8, LinuxEvents.read64(e, v), "read the child's 1");
        c.equal(1, v[0], "1");
        LinuxEvents.write64(e, MAX);
        long killed = Processes.fork();
        if (killed == 0) {
            Processes.prepareToDie();
            LinuxEvents.write64(e, 1);
            Processes.childExit(11);
        }
        LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
        Linux.kill(killed, Signals.SIGUSR1);
        Processes.expectKilledBy(c, killed, Signals.SIGUSR1, "SIGUSR1 ends the blocked write");
        Linux.close(e);
    }
}
