package lichen.usertest.tests;

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

/** timerfd_create(2) and its settime/gettime, and the POSIX timers of timer_create(2). */
public final class TimerTests {
    private TimerTests() {}

    private static final int REALTIME = 0, MONOTONIC = 1;
    private static final long MILLIS = 1_000_000L;

    public static void register(TestList list) {
        list.add("timerfd_read_waits_for_expiration_count_one", TimerTests::oneShot);
        list.add("timerfd_interval_counts_missed_expirations", TimerTests::interval);
        list.add("timerfd_gettime_remaining_interval_and_old_value", TimerTests::gettime);
        list.add("timerfd_abstime_realtime_and_past_deadline", TimerTests::absolute);
        list.add("timerfd_nonblock_eagain_short_read_einval", TimerTests::nonBlocking);
        list.add("timerfd_errors_bad_clock_flags_fd_timespec", TimerTests::timerfdErrors);
        list.add("timerfd_epoll_and_ppoll_readable_at_expiry", TimerTests::readiness);
        list.add("timer_create_sigev_signal_pending_when_blocked", TimerTests::signalPending);
        list.add("timer_create_default_sigalrm_kills", TimerTests::defaultAlarm);
        list.add("timer_sigev_none_counts_down_without_signal", TimerTests::sigevNone);
        list.add("timer_gettime_interval_and_disarm", TimerTests::timerGettime);
        list.add("timer_errors_einval_efault", TimerTests::timerErrors);
    }

    private static void sleepMs(long ms) {
        LinuxSystem.nanosleep(Timespec.ofNanos(ms * MILLIS).encode(), null);
    }

    private static long monotonicNow() {
        byte[] t = new byte[Timespec.SIZE];
        LinuxSystem.clock_gettime(MONOTONIC, t);
        return Timespec.decode(t).toNanos();
    }

    private static int timerfd(Check c, int clock, int flags) {
        long fd = LinuxEvents.timerfd_create(clock, flags);
        c.succeeded(fd, "timerfd_create(" + clock + ", " + flags + ")");
        return (int) fd;
    }

    private static void oneShot(Check c) {
        int t = timerfd(c, MONOTONIC, 0);
        if (t < 0) {
            return;
        }
        long start = monotonicNow();
        c.returned(0, LinuxEvents.timerfd_settime(t, 0, LinuxEvents.itimerspec(0, 30 * MILLIS), null), "settime(30 ms)");
        long[] n = {0};
        c.returned(8, LinuxEvents.read64(t, n), "read waits for the expiration");
        long waited = monotonicNow() - start;
        c.equal(1, n[0], "one expiration");
        c.isTrue(waited >= 30 * MILLIS, "it came after 30 ms: " + waited + " ns");
        Linux.close(t);
    }

    private static void interval(Check c) {
        int t = timerfd(c, MONOTONIC, 0);
        if (t < 0) {
            return;
        }
        long before = TimeTests.monotonicNanos(c);
        c.returned(0, LinuxEvents.timerfd_settime(t, 0, LinuxEvents.itimerspec(10 * MILLIS, 10 * MILLIS), null), "settime(10 ms, every 10 ms)");
        long armed = TimeTests.monotonicNanos(c);
        sleepMs(65);
        long reading = TimeTests.monotonicNanos(c);
        long[] n = {0};
        c.returned(8, LinuxEvents.read64(t, n), "read after 65 ms");
        long read = TimeTests.monotonicNanos(c);
        // As many expirations as whole 10 ms periods passed: at least those between arming and the read, at most
        // those from before settime to after it (a loaded host stretches the sleep, so the count is not fixed).
        long least = (reading - armed) / (10 * MILLIS), most = (read - before) / (10 * MILLIS);
        c.isTrue(n[0] >= least && n[0] <= most && n[0] >= 6, "expirations " + n[0] + " within [" + least + ", " + most + "]");
        c.returned(8, LinuxEvents.read64(t, n), "the next read waits for the next one");
        long next = TimeTests.monotonicNanos(c);
        // One, unless the host kept the reader from running for a whole period past it.
        c.isTrue(n[0] >= 1 && n[0] <= 1 + (next - read) / (10 * MILLIS), "the expirations since the last read: " + n[0]);
        Linux.close(t);
    }

    private static void gettime(Check c) {
        int t = timerfd(c, MONOTONIC, 0);
        if (t < 0) {
            return;
        }
        byte[] cur = new byte[32];
        c.returned(0, LinuxEvents.timerfd_gettime(t, cur), "gettime of a new timer");
        c.equal(0, LinuxEvents.valueNanos(cur) + LinuxEvents.intervalNanos(cur), "disarmed: zeros");
        LinuxEvents.timerfd_settime(t, 0, LinuxEvents.itimerspec(7 * MILLIS, 5000 * MILLIS), null);
        c.returned(0, LinuxEvents.timerfd_gettime(t, cur), "gettime");
        long left = LinuxEvents.valueNanos(cur);
        c.isTrue(left > 4000 * MILLIS && left <= 5000 * MILLIS, "about 5 s left: " + left);
        c.equal(7 * MILLIS, LinuxEvents.intervalNanos(cur), "the interval");
        byte[] old = new byte[32];
        c.returned(0, LinuxEvents.timerfd_settime(t, 0, LinuxEvents.itimerspec(0, 0), old), "disarm, reading the old setting");
        c.equal(7 * MILLIS, LinuxEvents.intervalNanos(old), "the old interval");
        c.isTrue(LinuxEvents.valueNanos(old) > 4000 * MILLIS, "the old time left");
        LinuxEvents.timerfd_gettime(t, cur);
        c.equal(0, LinuxEvents.valueNanos(cur), "disarmed again");
        Linux.close(t);
    }

    private static void absolute(Check c) {
        int t = timerfd(c, REALTIME, 0);
        if (t < 0) {
            return;
        }
        // The monotonic start is read first: a delay between the two reads (a loaded host) must not shorten the wait seen.
        long start = monotonicNow();
        byte[] now = new byte[Timespec.SIZE];
        LinuxSystem.clock_gettime(REALTIME, now);
        long at = Timespec.decode(now).toNanos() + 30 * MILLIS;
        c.returned(0, LinuxEvents.timerfd_settime(t, LinuxEvents.TFD_TIMER_ABSTIME, LinuxEvents.itimerspec(0, at), null),
                "settime(TFD_TIMER_ABSTIME, realtime now + 30 ms)");
        long[] n = {0};
        c.returned(8, LinuxEvents.read64(t, n), "read");
        c.equal(1, n[0], "one expiration");
        c.isTrue(monotonicNow() - start >= 25 * MILLIS, "about 30 ms later");
        c.returned(0, LinuxEvents.timerfd_settime(t, LinuxEvents.TFD_TIMER_ABSTIME, LinuxEvents.itimerspec(0, 1), null),
                "an absolute time long past");
        c.returned(8, LinuxEvents.read64(t, n), "expires at once");
        c.equal(1, n[0], "one expiration");
        Linux.close(t);
    }

    private static void nonBlocking(Check c) {
        int t = timerfd(c, MONOTONIC, Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC);
        if (t < 0) {
            return;
        }
        c.returned(1, Linux.fcntl(t, Fcntl.F_GETFD, 0), "TFD_CLOEXEC");
        long[] n = {0};
        c.fails(Errno.EAGAIN, LinuxEvents.read64(t, n), "read of a disarmed timer");
        LinuxEvents.timerfd_settime(t, 0, LinuxEvents.itimerspec(0, 1000 * MILLIS), null);
        c.fails(Errno.EAGAIN, LinuxEvents.read64(t, n), "read before the expiration");
        LinuxEvents.timerfd_settime(t, 0, LinuxEvents.itimerspec(0, MILLIS), null);
        sleepMs(10);
        byte[] small = new byte[4];
        c.fails(Errno.EINVAL, Linux.read(t, small, 0, 4), "a 4-byte read");
        c.returned(8, LinuxEvents.read64(t, n), "an 8-byte read");
        c.equal(1, n[0], "one expiration");
        Linux.close(t);
    }

    private static void timerfdErrors(Check c) {
        c.fails(Errno.EINVAL, LinuxEvents.timerfd_create(2, 0), "CLOCK_PROCESS_CPUTIME_ID");
        c.fails(Errno.EINVAL, LinuxEvents.timerfd_create(MONOTONIC, 1), "an unknown flag");
        int t = timerfd(c, MONOTONIC, 0);
        if (t < 0) {
            return;
        }
        byte[] spec = LinuxEvents.itimerspec(0, MILLIS);
        c.fails(Errno.EINVAL, LinuxEvents.timerfd_settime(t, 4, spec, null), "settime flag 4");
        c.fails(Errno.EFAULT, LinuxEvents.timerfd_settime(t, 0, 8, 0), "a new value at a bad address");
        byte[] bad = LinuxEvents.itimerspec(0, 0);
        bad[24] = (byte) 0x00;
        bad[27] = (byte) 0x40; // tv_nsec 0x40000000: more than a second
        c.fails(Errno.EINVAL, LinuxEvents.timerfd_settime(t, 0, bad, null), "tv_nsec past a second");
        int[] p = Pipes.open(c);
        if (p != null) {
            c.fails(Errno.EINVAL, LinuxEvents.timerfd_settime(p[0], 0, spec, null), "settime of a pipe");
            c.fails(Errno.EINVAL, LinuxEvents.timerfd_gettime(p[0], new byte[32]), "gettime of a pipe");
            Pipes.close(p);
        }
        c.fails(Errno.EBADF, LinuxEvents.timerfd_settime(999, 0, spec, null), "settime of a closed fd");
        Linux.close(t);
    }

    private static void readiness(Check c) {
        int t = timerfd(c, MONOTONIC, 0);
        long ep = LinuxEvents.epoll_create1(0);
        if (t < 0 || !c.succeeded(ep, "epoll_create1")) {
            return;
        }
        LinuxEvents.epoll_ctl((int) ep, LinuxEvents.EPOLL_CTL_ADD, t, LinuxEvents.event(LinuxEvents.EPOLLIN, 55));
        byte[] fds = PollTests.pollfds(PollTests.POLLIN, t);
        c.returned(0, Linux.ppoll(fds, 1, PollTests.timeout(0), null), "ppoll: a disarmed timer is not readable");
        LinuxEvents.timerfd_settime(t, 0, LinuxEvents.itimerspec(0, 30 * MILLIS), null);
        byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
        long start = monotonicNow();
        if (c.returned(1, LinuxEvents.epoll_pwait((int) ep, out, 1, 5000, null), "epoll_pwait until the expiration")) {
            c.equal(55, LinuxEvents.data(out, 0), "the timerfd's data");
            c.isTrue(monotonicNow() - start >= 25 * MILLIS, "about 30 ms later");
        }
        fds = PollTests.pollfds(PollTests.POLLIN, t);
        c.returned(1, Linux.ppoll(fds, 1, PollTests.timeout(0), null), "ppoll: readable now");
        long[] n = {0};
        LinuxEvents.read64(t, n);
        c.returned(0, LinuxEvents.epoll_pwait((int) ep, out, 1, 0, null), "read: not ready any more");
        Linux.close((int) ep);
        Linux.close(t);
    }

    private static void signalPending(Check c) {
        long[] usr2 = {1L << (12 - 1)};
        long[] old = {0};
        Linux.rt_sigprocmask(Signals.SIG_BLOCK, usr2, old);
        int[] id = {-1};
        byte[] ev = LinuxEvents.sigevent(LinuxEvents.SIGEV_SIGNAL, 12, 0x55, 0);
        if (c.returned(0, LinuxEvents.timer_create(MONOTONIC, ev, id), "timer_create(SIGEV_SIGNAL, SIGUSR2)")) {
            c.isTrue(id[0] >= 0, "a timer id: " + id[0]);
            c.returned(0, LinuxEvents.timer_settime(id[0], 0, LinuxEvents.itimerspec(0, 20 * MILLIS), null), "settime(20 ms)");
            long[] pending = {0};
            Linux.rt_sigpending(pending);
            c.equal(0, pending[0] & usr2[0], "not yet pending");
            sleepMs(60);
            Linux.rt_sigpending(pending);
            c.equal(usr2[0], pending[0] & usr2[0], "SIGUSR2 pending after the expiration");
            c.returned(0, LinuxEvents.timer_getoverrun(id[0]), "no overrun");
            c.returned(0, LinuxEvents.timer_delete(id[0]), "timer_delete");
        }
        // Ignoring a pending signal discards it (sigaction(2)), then the old action and mask come back.
        byte[] ign = new byte[32];
        ign[0] = 1;
        byte[] dfl = new byte[32];
        Linux.rt_sigaction(12, ign, null);
        Linux.rt_sigaction(12, dfl, null);
        Linux.rt_sigprocmask(Signals.SIG_SETMASK, old, null);
    }

    private static void defaultAlarm(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            int[] id = {-1};
            if (LinuxEvents.timer_create(REALTIME, 0, Linux.address(id)) != 0) {
                Processes.childExit(10);
            }
            LinuxEvents.timer_settime(id[0], 0, LinuxEvents.itimerspec(0, 20 * MILLIS), null);
            sleepMs(2000);
            Processes.childExit(11);
        }
        Processes.expectKilledBy(c, pid, Signals.SIGALRM, "a NULL sigevent is SIGALRM, whose default ends the process");
    }

    private static void sigevNone(Check c) {
        int[] id = {-1};
        byte[] ev = LinuxEvents.sigevent(LinuxEvents.SIGEV_NONE, 0, 0, 0);
        if (!c.returned(0, LinuxEvents.timer_create(MONOTONIC, ev, id), "timer_create(SIGEV_NONE)")) {
            return;
        }
        LinuxEvents.timer_settime(id[0], 0, LinuxEvents.itimerspec(0, 40 * MILLIS), null);
        byte[] cur = new byte[32];
        c.returned(0, LinuxEvents.timer_gettime(id[0], cur), "timer_gettime");
        long left = LinuxEvents.valueNanos(cur);
        c.isTrue(left > 0 && left <= 40 * MILLIS, "counting down: " + left);
        sleepMs(60);
        LinuxEvents.timer_gettime(id[0], cur);
        c.equal(0, LinuxEvents.valueNanos(cur), "expired: 0 left, and nothing was sent (the test lives)");
        LinuxEvents.timer_delete(id[0]);
    }

    /**
     * A SIGEV_SIGNAL timer (SIGUSR2, blocked, never due in the test): Linux
     * 6.1's timer_gettime of a disarmed SIGEV_NONE timer still counts down to
     * its old expiry, so SIGEV_NONE would not show the disarm.
     */
    private static void timerGettime(Check c) {
        long[] usr2 = {1L << (12 - 1)};
        long[] mask = {0};
        Linux.rt_sigprocmask(Signals.SIG_BLOCK, usr2, mask);
        timerGettimeBlocked(c);
        byte[] ign = new byte[32];
        ign[0] = 1;
        Linux.rt_sigaction(12, ign, null);
        Linux.rt_sigaction(12, new byte[32], null);
        Linux.rt_sigprocmask(Signals.SIG_SETMASK, mask, null);
    }

    private static void timerGettimeBlocked(Check c) {
        int[] id = {-1};
        byte[] ev = LinuxEvents.sigevent(LinuxEvents.SIGEV_SIGNAL, 12, 0, 0);
        if (!c.returned(0, LinuxEvents.timer_create(REALTIME, ev, id), "timer_create(CLOCK_REALTIME, SIGEV_SIGNAL)")) {
            return;
        }
        byte[] cur = new byte[32];
        c.returned(0, LinuxEvents.timer_gettime(id[0], cur), "gettime of a new timer");
        c.equal(0, LinuxEvents.valueNanos(cur) + LinuxEvents.intervalNanos(cur), "disarmed");
        LinuxEvents.timer_settime(id[0], 0, LinuxEvents.itimerspec(3 * MILLIS, 2000 * MILLIS), null);
        LinuxEvents.timer_gettime(id[0], cur);
        c.equal(3 * MILLIS, LinuxEvents.intervalNanos(cur), "the interval");
        c.isTrue(LinuxEvents.valueNanos(cur) > 1000 * MILLIS, "about 2 s left");
        byte[] old = new byte[32];
        c.returned(0, LinuxEvents.timer_settime(id[0], 0, LinuxEvents.itimerspec(0, 0), old), "disarm with the old value");
        c.equal(3 * MILLIS, LinuxEvents.intervalNanos(old), "the old interval");
        LinuxEvents.timer_gettime(id[0], cur);
        c.equal(0, LinuxEvents.valueNanos(cur), "disarmed");
        c.returned(0, LinuxEvents.timer_delete(id[0]), "timer_delete");
        c.fails(Errno.EINVAL, LinuxEvents.timer_delete(id[0]), "timer_delete again");
    }

    private static void timerErrors(Check c) {
        int[] id = {-1};
        c.fails(Errno.EINVAL, LinuxEvents.timer_create(99, 0, Linux.address(id)), "clock 99");
        c.fails(Errno.EINVAL, LinuxEvents.timer_create(MONOTONIC, LinuxEvents.sigevent(7, 10, 0, 0), id), "sigev_notify 7");
        c.fails(Errno.EINVAL, LinuxEvents.timer_create(MONOTONIC, LinuxEvents.sigevent(LinuxEvents.SIGEV_SIGNAL, 65, 0, 0), id), "signal 65");
        c.fails(Errno.EINVAL, LinuxEvents.timer_create(MONOTONIC, LinuxEvents.sigevent(LinuxEvents.SIGEV_THREAD_ID, 10, 0, 0x7ffffff0), id),
                "SIGEV_THREAD_ID of no thread");
        c.fails(Errno.EFAULT, LinuxEvents.timer_create(MONOTONIC, 8, Linux.address(id)), "a sigevent at a bad address");
        c.fails(Errno.EINVAL, LinuxEvents.timer_settime(12345, 0, LinuxEvents.itimerspec(0, MILLIS), null), "settime of no timer");
        c.fails(Errno.EINVAL, LinuxEvents.timer_gettime(12345, new byte[32]), "gettime of no timer");
        c.fails(Errno.EINVAL, LinuxEvents.timer_getoverrun(12345), "getoverrun of no timer");
        c.fails(Errno.EINVAL, LinuxEvents.timer_delete(12345), "delete of no timer");
        byte[] ev = LinuxEvents.sigevent(LinuxEvents.SIGEV_NONE, 0, 0, 0);
        if (c.returned(0, LinuxEvents.timer_create(MONOTONIC, ev, id), "timer_create")) {
            c.fails(Errno.EINVAL, LinuxEvents.timer_settime(id[0], 0, 0, 0), "settime with a NULL new value");
            c.fails(Errno.EFAULT, LinuxEvents.timer_settime(id[0], 0, 8, 0), "settime with a bad new value");
            byte[] bad = LinuxEvents.itimerspec(0, 0);
            bad[27] = (byte) 0x40;
            c.fails(Errno.EINVAL, LinuxEvents.timer_settime(id[0], 0, bad, null), "tv_nsec past a second");
            LinuxEvents.timer_delete(id[0]);
        }
    }
}
