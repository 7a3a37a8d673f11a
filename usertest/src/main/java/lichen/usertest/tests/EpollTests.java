package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxEvents;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Timespec;

/** epoll(7): epoll_create1, epoll_ctl and epoll_pwait/epoll_pwait2 on pipes, eventfds and other epolls. */
public final class EpollTests {
    private EpollTests() {}

    private static final int IN = LinuxEvents.EPOLLIN, OUT = LinuxEvents.EPOLLOUT;
    private static final int ADD = LinuxEvents.EPOLL_CTL_ADD, MOD = LinuxEvents.EPOLL_CTL_MOD, DEL = LinuxEvents.EPOLL_CTL_DEL;
    private static final long MILLIS = 1_000_000L;

    public static void register(TestList list) {
        list.add("epoll_create1_cloexec_and_bad_flags", EpollTests::create);
        list.add("epoll_ctl_errors_eexist_enoent_einval_eperm_ebadf_efault", EpollTests::ctlErrors);
        list.add("epoll_level_triggered_pipe_reports_while_readable", EpollTests::levelTriggered);
        list.add("epoll_edge_triggered_reports_once_per_write", EpollTests::edgeTriggered);
        list.add("epoll_oneshot_disabled_until_mod", EpollTests::oneShot);
        list.add("epoll_hangup_reported_without_asking", EpollTests::hangup);
        list.add("epoll_pwait_timeout_elapses", EpollTests::timeouts);
        list.add("epoll_pwait2_timespec_timeout", EpollTests::timespecTimeout);
        list.add("epoll_pwait_errors_maxevents_einval_events_efault", EpollTests::waitErrors);
        list.add("epoll_close_removes_only_with_last_descriptor", EpollTests::closeRemoves);
        list.add("epoll_nested_epoll_and_eloop", EpollTests::nested);
        list.add("epoll_wait_woken_by_childs_eventfd_write", EpollTests::wokenByChild);
        list.add("epoll_pwait_signal_mask_lets_signal_end_wait", EpollTests::signalMask);
        list.add("epoll_exclusive_accepted_on_add_einval_on_mod", EpollTests::exclusive);
        list.add("epoll_console_is_writable", EpollTests::console);
    }

    private static int epoll(Check c) {
        long ep = LinuxEvents.epoll_create1(0);
        c.succeeded(ep, "epoll_create1(0)");
        return (int) ep;
    }

    private static long waitNow(int ep, byte[] out, int max) {
        return LinuxEvents.epoll_pwait(ep, out, max, 0, null);
    }

    private static void create(Check c) {
        long ep = LinuxEvents.epoll_create1(Fcntl.O_CLOEXEC);
        if (!c.succeeded(ep, "epoll_create1(EPOLL_CLOEXEC)")) {
            return;
        }
        c.returned(1, Linux.fcntl((int) ep, Fcntl.F_GETFD, 0), "F_GETFD: close-on-exec");
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        c.returned(0, waitNow((int) ep, out, 1), "an empty epoll has nothing ready");
        c.fails(Errno.EINVAL, LinuxEvents.epoll_create1(1), "epoll_create1(1)");
        Linux.close((int) ep);
    }

    private static void ctlErrors(Check c) {
        int ep = epoll(c);
        int[] p = Pipes.open(c);
        if (ep < 0 || p == null) {
            return;
        }
        byte[] ev = LinuxEvents.event(IN, 1);
        c.returned(0, LinuxEvents.epoll_ctl(ep, ADD, p[0], ev), "ADD the read end");
        c.fails(Errno.EEXIST, LinuxEvents.epoll_ctl(ep, ADD, p[0], ev), "ADD it again");
        c.fails(Errno.ENOENT, LinuxEvents.epoll_ctl(ep, MOD, p[1], ev), "MOD of a descriptor not added");
        c.fails(Errno.ENOENT, LinuxEvents.epoll_ctl(ep, DEL, p[1], 0), "DEL of a descriptor not added");
        c.fails(Errno.EINVAL, LinuxEvents.epoll_ctl(ep, ADD, ep, ev), "ADD the epoll to itself");
        c.fails(Errno.EINVAL, LinuxEvents.epoll_ctl(p[1], ADD, p[0], ev), "an epfd that is a pipe");
        c.fails(Errno.EINVAL, LinuxEvents.epoll_ctl(ep, 4, p[1], ev), "op 4");
        c.fails(Errno.EBADF, LinuxEvents.epoll_ctl(ep, ADD, 999, ev), "a closed fd");
        c.fails(Errno.EBADF, LinuxEvents.epoll_ctl(999, ADD, p[1], ev), "a closed epfd");
        c.fails(Errno.EFAULT, LinuxEvents.epoll_ctl(ep, ADD, p[1], 8), "an event at a bad address");
        long f = Linux.openat(Fcntl.AT_FDCWD, c.path("f"), Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        if (c.succeeded(f, "create a file")) {
            c.fails(Errno.EPERM, LinuxEvents.epoll_ctl(ep, ADD, (int) f, ev), "a regular file cannot be polled");
            Linux.close((int) f);
            Linux.unlinkat(Fcntl.AT_FDCWD, c.path("f"), 0);
        }
        c.returned(0, LinuxEvents.epoll_ctl(ep, DEL, p[0], 0), "DEL with a NULL event");
        c.fails(Errno.ENOENT, LinuxEvents.epoll_ctl(ep, DEL, p[0], 0), "DEL again");
        Pipes.close(p);
        Linux.close(ep);
    }

    private static void levelTriggered(Check c) {
        int ep = epoll(c);
        int[] p = Pipes.open(c);
        if (ep < 0 || p == null) {
            return;
        }
        c.returned(0, LinuxEvents.epoll_ctl(ep, ADD, p[0], LinuxEvents.event(IN, 0x1122334455667788L)), "ADD the read end");
        c.returned(0, LinuxEvents.epoll_ctl(ep, ADD, p[1], LinuxEvents.event(OUT, 77)), "ADD the write end");
        byte[] out = new byte[4 * LinuxEvents.EPOLL_EVENT_SIZE];
        if (c.returned(1, waitNow(ep, out, 4), "only the write end is ready")) {
            c.equal(OUT, LinuxEvents.events(out, 0), "EPOLLOUT");
            c.equal(77, LinuxEvents.data(out, 0), "its data");
        }
        c.returned(0, LinuxEvents.epoll_ctl(ep, DEL, p[1], 0), "DEL the write end");
        Linux.write(p[1], Bytes.ascii("ab"), 0, 2);
        for (int round = 0; round < 2; round++) {
            if (c.returned(1, waitNow(ep, out, 4), "the read end, round " + round)) {
                c.equal(IN, LinuxEvents.events(out, 0), "EPOLLIN");
                c.equal(0x1122334455667788L, LinuxEvents.data(out, 0), "the data as given");
            }
        }
        byte[] b = new byte[2];
        Linux.read(p[0], b, 0, 2);
        c.returned(0, waitNow(ep, out, 4), "drained: nothing");
        Pipes.close(p);
        Linux.close(ep);
    }

    private static void edgeTriggered(Check c) {
        int ep = epoll(c);
        int[] p = Pipes.open(c);
        if (ep < 0 || p == null) {
            return;
        }
        LinuxEvents.epoll_ctl(ep, ADD, p[0], LinuxEvents.event(IN | LinuxEvents.EPOLLET, 5));
        byte[] out = new byte[2 * LinuxEvents.EPOLL_EVENT_SIZE];
        Linux.write(p[1], Bytes.ascii("abc"), 0, 3);
        c.returned(1, waitNow(ep, out, 2), "the write's edge");
        c.returned(0, waitNow(ep, out, 2), "no new edge though still readable");
        byte[] b = new byte[1];
        Linux.read(p[0], b, 0, 1);
        c.returned(0, waitNow(ep, out, 2), "a partial read is no edge for EPOLLIN");
        Linux.write(p[1], Bytes.ascii("d"), 0, 1);
        c.returned(1, waitNow(ep, out, 2), "another write: another edge");
        Pipes.close(p);
        Linux.close(ep);
    }

    private static void oneShot(Check c) {
        int ep = epoll(c);
        long e = LinuxEvents.eventfd2(1, 0);
        if (ep < 0 || !c.succeeded(e, "eventfd2")) {
            return;
        }
        LinuxEvents.epoll_ctl(ep, ADD, (int) e, LinuxEvents.event(IN | LinuxEvents.EPOLLONESHOT, 1));
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        c.returned(1, waitNow(ep, out, 1), "reported once");
        LinuxEvents.write64((int) e, 1);
        c.returned(0, waitNow(ep, out, 1), "then disabled, even after a write");
        c.returned(0, LinuxEvents.epoll_ctl(ep, MOD, (int) e, LinuxEvents.event(IN | LinuxEvents.EPOLLONESHOT, 2)), "MOD re-arms");
        if (c.returned(1, waitNow(ep, out, 1), "reported again")) {
            c.equal(2, LinuxEvents.data(out, 0), "with the new data");
        }
        Linux.close((int) e);
        Linux.close(ep);
    }

    private static void hangup(Check c) {
        int ep = epoll(c);
        int[] p = Pipes.open(c);
        if (ep < 0 || p == null) {
            return;
        }
        LinuxEvents.epoll_ctl(ep, ADD, p[0], LinuxEvents.event(IN, 3));
        int none = epoll(c);
        LinuxEvents.epoll_ctl(none, ADD, p[0], LinuxEvents.event(0, 4));
        Linux.close(p[1]);
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        if (c.returned(1, waitNow(ep, out, 1), "the writer closed")) {
            c.equal(LinuxEvents.EPOLLHUP, LinuxEvents.events(out, 0), "EPOLLHUP though only EPOLLIN was asked for");
        }
        if (c.returned(1, waitNow(none, out, 1), "an entry that asked for nothing")) {
            c.equal(LinuxEvents.EPOLLHUP, LinuxEvents.events(out, 0), "still hears EPOLLHUP");
        }
        Linux.close(none);
        Linux.close(p[0]);
        Linux.close(ep);
    }

    private static void timeouts(Check c) {
        int ep = epoll(c);
        int[] p = Pipes.open(c);
        if (ep < 0 || p == null) {
            return;
        }
        LinuxEvents.epoll_ctl(ep, ADD, p[0], LinuxEvents.event(IN, 0));
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        byte[] before = new byte[Timespec.SIZE], after = new byte[Timespec.SIZE];
        LinuxSystem.clock_gettime(1, before);
        c.returned(0, LinuxEvents.epoll_pwait(ep, out, 1, 30, null), "epoll_pwait(30 ms) on an empty pipe");
        LinuxSystem.clock_gettime(1, after);
        long waited = Timespec.decode(after).toNanos() - Timespec.decode(before).toNanos();
        c.isTrue(waited >= 30 * MILLIS, "waited at least 30 ms: " + waited + " ns");
        Pipes.close(p);
        Linux.close(ep);
    }

    private static void timespecTimeout(Check c) {
        int ep = epoll(c);
        int[] p = Pipes.open(c);
        if (ep < 0 || p == null) {
            return;
        }
        LinuxEvents.epoll_ctl(ep, ADD, p[0], LinuxEvents.event(IN, 0));
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        byte[] before = new byte[Timespec.SIZE], after = new byte[Timespec.SIZE];
        LinuxSystem.clock_gettime(1, before);
        c.returned(0, LinuxEvents.epoll_pwait2(ep, out, 1, Timespec.ofNanos(20 * MILLIS).encode(), null), "epoll_pwait2(20 ms)");
        LinuxSystem.clock_gettime(1, after);
        long waited = Timespec.decode(after).toNanos() - Timespec.decode(before).toNanos();
        c.isTrue(waited >= 20 * MILLIS, "waited at least 20 ms: " + waited + " ns");
        c.fails(Errno.EINVAL, LinuxEvents.epoll_pwait2(ep, out, 1, new Timespec(0, Timespec.NANOS_PER_SECOND).encode(), null),
                "tv_nsec of a second");
        Pipes.close(p);
        Linux.close(ep);
    }

    private static void waitErrors(Check c) {
        int ep = epoll(c);
        int[] p = Pipes.open(c);
        if (ep < 0 || p == null) {
            return;
        }
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        c.fails(Errno.EINVAL, LinuxEvents.epoll_pwait(ep, Linux.address(out), 0, 0, 0, 8), "maxevents 0");
        c.fails(Errno.EINVAL, LinuxEvents.epoll_pwait(ep, Linux.address(out), -1, 0, 0, 8), "maxevents -1");
        c.fails(Errno.EINVAL, LinuxEvents.epoll_pwait(p[0], Linux.address(out), 1, 0, 0, 8), "a pipe is no epoll");
        c.fails(Errno.EBADF, LinuxEvents.epoll_pwait(999, Linux.address(out), 1, 0, 0, 8), "a closed epfd");
        long[] mask = {0};
        c.fails(Errno.EINVAL, LinuxEvents.epoll_pwait(ep, Linux.address(out), 1, 0, Linux.address(mask), 4), "sigsetsize 4");
        LinuxEvents.epoll_ctl(ep, ADD, p[1], LinuxEvents.event(OUT, 0));
        c.fails(Errno.EFAULT, LinuxEvents.epoll_pwait(ep, 8, 1, 0, 0, 8), "a ready event to a bad address");
        Pipes.close(p);
        Linux.close(ep);
    }

    private static void closeRemoves(Check c) {
        int ep = epoll(c);
        int[] p = Pipes.open(c);
        if (ep < 0 || p == null) {
            return;
        }
        LinuxEvents.epoll_ctl(ep, ADD, p[1], LinuxEvents.event(OUT, 11));
        long dup = Linux.dup3(p[1], 40, 0);
        c.returned(40, dup, "dup3(write end, 40)");
        Linux.close(p[1]);
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        if (c.returned(1, waitNow(ep, out, 1), "another descriptor still names the file: the entry stays")) {
            c.equal(11, LinuxEvents.data(out, 0), "under its old data");
        }
        c.fails(Errno.ENOENT, LinuxEvents.epoll_ctl(ep, DEL, 40, 0), "the entry is keyed by the descriptor it was added with");
        Linux.close(40);
        c.returned(0, waitNow(ep, out, 1), "the last close took it off the list");
        Linux.close(p[0]);
        Linux.close(ep);
    }

    private static void nested(Check c) {
        int inner = epoll(c), outer = epoll(c);
        long e = LinuxEvents.eventfd2(0, 0);
        if (inner < 0 || outer < 0 || !c.succeeded(e, "eventfd2")) {
            return;
        }
        c.returned(0, LinuxEvents.epoll_ctl(inner, ADD, (int) e, LinuxEvents.event(IN, 1)), "inner watches the eventfd");
        c.returned(0, LinuxEvents.epoll_ctl(outer, ADD, inner, LinuxEvents.event(IN, 2)), "outer watches inner");
        c.fails(Errno.ELOOP, LinuxEvents.epoll_ctl(inner, ADD, outer, LinuxEvents.event(IN, 3)), "inner watching outer is a loop");
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        c.returned(0, waitNow(outer, out, 1), "nothing yet");
        byte[] fds = PollTests.pollfds(PollTests.POLLIN, inner);
        c.returned(0, Linux.ppoll(fds, 1, PollTests.timeout(0), null), "ppoll of the inner epoll: not readable");
        LinuxEvents.write64((int) e, 1);
        if (c.returned(1, LinuxEvents.epoll_pwait(outer, out, 1, 1000, null), "outer after the write")) {
            c.equal(IN, LinuxEvents.events(out, 0), "EPOLLIN");
            c.equal(2, LinuxEvents.data(out, 0), "outer's data for inner");
        }
        fds = PollTests.pollfds(PollTests.POLLIN, inner);
        c.returned(1, Linux.ppoll(fds, 1, PollTests.timeout(0), null), "ppoll of the inner epoll: readable");
        Linux.close((int) e);
        Linux.close(outer);
        Linux.close(inner);
    }

    private static void wokenByChild(Check c) {
        int ep = epoll(c);
        long e = LinuxEvents.eventfd2(0, 0);
        if (ep < 0 || !c.succeeded(e, "eventfd2")) {
            return;
        }
        LinuxEvents.epoll_ctl(ep, ADD, (int) e, LinuxEvents.event(IN, 9));
        long pid = Processes.fork();
        if (pid == 0) {
            LinuxSystem.nanosleep(Timespec.ofNanos(50 * MILLIS).encode(), null);
            LinuxEvents.write64((int) e, 4);
            Processes.childExit(0);
        }
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        if (c.returned(1, LinuxEvents.epoll_pwait(ep, out, 1, -1, null), "epoll_pwait(no timeout) until the child writes")) {
            c.equal(9, LinuxEvents.data(out, 0), "the eventfd's data");
        }
        c.returned(0, Processes.waitFor(pid), "the child's status");
        Linux.close((int) e);
        Linux.close(ep);
    }

    /**
     * A child blocks SIGUSR1 and waits with a mask that blocks it too: the
     * parent's SIGUSR1 stays pending and the wait ends on the eventfd. A second
     * wait whose mask lets SIGUSR1 through delivers it: the child dies of it.
     */
    private static void signalMask(Check c) {
        int ep = epoll(c);
        long e = LinuxEvents.eventfd2(0, 0);
        if (ep < 0 || !c.succeeded(e, "eventfd2")) {
            return;
        }
        LinuxEvents.epoll_ctl(ep, ADD, (int) e, LinuxEvents.event(IN, 0));
        long[] usr1 = {1L << (Signals.SIGUSR1 - 1)};
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            Linux.rt_sigprocmask(Signals.SIG_BLOCK, usr1, null);
            byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
            if (LinuxEvents.epoll_pwait(ep, out, 1, 5000, usr1) != 1) {
                Processes.childExit(10);
            }
            long[] pending = {0};
            Linux.rt_sigpending(pending);
            if (pending[0] != usr1[0]) {
                Processes.childExit(11);
            }
            long[] v = {0};
            LinuxEvents.read64((int) e, v);
            LinuxEvents.epoll_pwait(ep, out, 1, 5000, new long[] {0});
            Processes.childExit(12);
        }
        if (!c.succeeded(pid, "fork")) {
            return;
        }
        LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
        c.returned(0, Linux.kill(pid, Signals.SIGUSR1), "kill(child, SIGUSR1) while it waits");
        LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
        LinuxEvents.write64((int) e, 1);
        Processes.expectKilledBy(c, pid, Signals.SIGUSR1, "the second wait's mask let SIGUSR1 through");
        Linux.close((int) e);
        Linux.close(ep);
    }

    private static void exclusive(Check c) {
        int ep = epoll(c);
        long e = LinuxEvents.eventfd2(0, 0);
        if (ep < 0 || !c.succeeded(e, "eventfd2")) {
            return;
        }
        int x = LinuxEvents.EPOLLEXCLUSIVE;
        c.fails(Errno.EINVAL, LinuxEvents.epoll_ctl(ep, ADD, (int) e, LinuxEvents.event(IN | x | LinuxEvents.EPOLLONESHOT, 0)),
                "EPOLLEXCLUSIVE with EPOLLONESHOT");
        c.returned(0, LinuxEvents.epoll_ctl(ep, ADD, (int) e, LinuxEvents.event(IN | x, 0)), "ADD with EPOLLEXCLUSIVE");
        c.fails(Errno.EINVAL, LinuxEvents.epoll_ctl(ep, MOD, (int) e, LinuxEvents.event(IN, 0)), "MOD of an exclusive entry");
        LinuxEvents.write64((int) e, 1);
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        c.returned(1, waitNow(ep, out, 1), "an exclusive entry reports as any other");
        Linux.close((int) e);
        Linux.close(ep);
    }

    /** The console (a terminal, opened without becoming the controlling one) reports EPOLLOUT: its output never waits here. */
    private static void console(Check c) {
        long fd = Linux.openat(Fcntl.AT_FDCWD, "/dev/console", Fcntl.O_RDWR | Fcntl.O_NOCTTY | Fcntl.O_NONBLOCK, 0);
        int ep = epoll(c);
        if (!c.succeeded(fd, "open /dev/console") || ep < 0) {
            return;
        }
        c.returned(0, LinuxEvents.epoll_ctl(ep, ADD, (int) fd, LinuxEvents.event(OUT, 21)), "ADD the console for EPOLLOUT");
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        if (c.returned(1, LinuxEvents.epoll_pwait(ep, out, 1, 1000, null), "epoll_pwait")) {
            c.equal(OUT, LinuxEvents.events(out, 0), "EPOLLOUT");
            c.equal(21, LinuxEvents.data(out, 0), "its data");
        }
        Linux.close(ep);
        Linux.close((int) fd);
    }
}
