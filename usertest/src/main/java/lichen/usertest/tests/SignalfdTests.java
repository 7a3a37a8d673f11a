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
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Timespec;

/** signalfd(2): pending signals in the mask read as struct signalfd_siginfo, readiness, the mask replaced. */
public final class SignalfdTests {
    private SignalfdTests() {}

    private static final int SIGUSR2 = 12;
    private static final long USR1 = 1L << (Signals.SIGUSR1 - 1), USR2 = 1L << (SIGUSR2 - 1);
    private static final int SIZE = LinuxEvents.SIGNALFD_SIGINFO_SIZE;
    private static final long MILLIS = 1_000_000L;

    public static void register(TestList list) {
        list.add("signalfd_reads_blocked_pending_signal_siginfo", SignalfdTests::readsPending);
        list.add("signalfd_nonblock_eagain_short_read_einval_cloexec", SignalfdTests::nonBlocking);
        list.add("signalfd_mask_replaced_on_existing_fd", SignalfdTests::replaceMask);
        list.add("signalfd_errors_einval_efault_ebadf", SignalfdTests::errors);
        list.add("signalfd_epoll_and_read_woken_by_childs_kill", SignalfdTests::wokenByChild);
        list.add("signalfd_timer_signal_si_timer_value_and_id", SignalfdTests::timerSignal);
        list.add("signalfd_timer_sigev_thread_id_to_caller", SignalfdTests::threadTimer);
        list.add("timer_overrun_counts_expirations_while_pending", SignalfdTests::overrun);
    }

    /** Blocks {@code set}, returning the old mask for {@link #restore}. */
    private static long[] block(long set) {
        long[] old = {0};
        Linux.rt_sigprocmask(Signals.SIG_BLOCK, new long[] {set}, old);
        return old;
    }

    /** Drops what is still pending of {@code set} (ignoring a pending signal discards it) and puts the mask back. */
    private static void restore(long set, long[] old) {
        byte[] ign = new byte[32];
        ign[0] = 1;
        byte[] dfl = new byte[32];
        for (int sig = 1; sig <= 64; sig++) {
            if ((set & (1L << (sig - 1))) != 0) {
                Linux.rt_sigaction(sig, ign, null);
                Linux.rt_sigaction(sig, dfl, null);
            }
        }
        Linux.rt_sigprocmask(Signals.SIG_SETMASK, old, null);
    }

    private static long monotonicNow() {
        byte[] t = new byte[Timespec.SIZE];
        LinuxSystem.clock_gettime(1, t);
        return Timespec.decode(t).toNanos();
    }

    private static int signo(byte[] b, int at) {
        return LittleEndian.u32(b, at);
    }

    private static void readsPending(Check c) {
        long[] old = block(USR1);
        long fd = LinuxEvents.signalfd4(-1, new long[] {USR1}, 0);
        if (c.succeeded(fd, "signalfd4(-1, {SIGUSR1})")) {
            c.returned(0, Linux.kill(Linux.getpid(), Signals.SIGUSR1), "kill(self, SIGUSR1)");
            byte[] info = new byte[2 * SIZE];
            if (c.returned(SIZE, Linux.read((int) fd, info, 0, 2 * SIZE), "read: one record for one signal")) {
                c.equal(Signals.SIGUSR1, signo(info, 0), "ssi_signo");
                c.equal(0, signo(info, 8), "ssi_code SI_USER");
                c.equal(Linux.getpid(), signo(info, 12), "ssi_pid");
            }
            long[] pending = {0};
            Linux.rt_sigpending(pending);
            c.equal(0, pending[0] & USR1, "read took it: no longer pending");
            Linux.close((int) fd);
        }
        restore(USR1, old);
    }

    private static void nonBlocking(Check c) {
        long[] old = block(USR1);
        long fd = LinuxEvents.signalfd4(-1, new long[] {USR1}, Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC);
        if (c.succeeded(fd, "signalfd4(SFD_NONBLOCK | SFD_CLOEXEC)")) {
            c.returned(1, Linux.fcntl((int) fd, Fcntl.F_GETFD, 0), "close-on-exec");
            byte[] info = new byte[SIZE];
            c.fails(Errno.EAGAIN, Linux.read((int) fd, info, 0, SIZE), "nothing pending");
            Linux.kill(Linux.getpid(), Signals.SIGUSR1);
            c.fails(Errno.EINVAL, Linux.read((int) fd, info, 0, SIZE - 1), "a buffer of 127 bytes");
            c.returned(SIZE, Linux.read((int) fd, info, 0, SIZE), "a buffer of 128");
            Linux.close((int) fd);
        }
        restore(USR1, old);
    }

    private static void replaceMask(Check c) {
        long[] old = block(USR1 | USR2);
        long fd = LinuxEvents.signalfd4(-1, new long[] {USR1}, Fcntl.O_NONBLOCK);
        if (c.succeeded(fd, "signalfd4({SIGUSR1})")) {
            Linux.kill(Linux.getpid(), SIGUSR2);
            byte[] info = new byte[SIZE];
            c.fails(Errno.EAGAIN, Linux.read((int) fd, info, 0, SIZE), "SIGUSR2 is not in the mask");
            c.returned(fd, LinuxEvents.signalfd4((int) fd, new long[] {USR2}, 0), "signalfd4(fd, {SIGUSR2}) returns fd");
            if (c.returned(SIZE, Linux.read((int) fd, info, 0, SIZE), "now it is")) {
                c.equal(SIGUSR2, signo(info, 0), "ssi_signo");
            }
            Linux.close((int) fd);
        }
        restore(USR1 | USR2, old);
    }

    private static void errors(Check c) {
        long[] m = {USR1};
        c.fails(Errno.EINVAL, LinuxEvents.signalfd4(-1, Linux.address(m), 4, 0), "sizemask 4");
        c.fails(Errno.EINVAL, LinuxEvents.signalfd4(-1, m, 1), "flag 1");
        c.fails(Errno.EFAULT, LinuxEvents.signalfd4(-1, 8, 8, 0), "a mask at a bad address");
        c.fails(Errno.EBADF, LinuxEvents.signalfd4(999, m, 0), "a closed descriptor");
        int[] p = Pipes.open(c);
        if (p != null) {
            c.fails(Errno.EINVAL, LinuxEvents.signalfd4(p[0], m, 0), "a pipe is no signalfd");
            Pipes.close(p);
        }
    }

    private static void wokenByChild(Check c) {
        long[] old = block(USR1 | USR2);
        long fd = LinuxEvents.signalfd4(-1, new long[] {USR1 | USR2}, 0);
        long ep = LinuxEvents.epoll_create1(0);
        if (c.succeeded(fd, "signalfd4") && c.succeeded(ep, "epoll_create1")) {
            LinuxEvents.epoll_ctl((int) ep, LinuxEvents.EPOLL_CTL_ADD, (int) fd, LinuxEvents.event(LinuxEvents.EPOLLIN, 3));
            long parent = Linux.getpid();
            long pid = Processes.fork();
            if (pid == 0) {
                LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
                Linux.kill(parent, Signals.SIGUSR1);
                LinuxSystem.nanosleep(Timespec.ofNanos(30 * MILLIS).encode(), null);
                Linux.kill(parent, SIGUSR2);
                Processes.childExit(0);
            }
            byte[] out = new byte[LinuxEvents.EPOLL_EVENT_SIZE];
            if (c.returned(1, LinuxEvents.epoll_pwait((int) ep, out, 1, 5000, null), "epoll_pwait until the child's SIGUSR1")) {
                c.equal(3, LinuxEvents.data(out, 0), "the signalfd's data");
            }
            byte[] info = new byte[SIZE];
            c.returned(SIZE, Linux.read((int) fd, info, 0, SIZE), "read SIGUSR1");
            c.equal(Signals.SIGUSR1, signo(info, 0), "SIGUSR1");
            c.equal(pid, signo(info, 12), "from the child");
            c.returned(SIZE, Linux.read((int) fd, info, 0, SIZE), "a blocking read until SIGUSR2");
            c.equal(SIGUSR2, signo(info, 0), "SIGUSR2");
            c.returned(0, Processes.waitFor(pid), "the child's status");
            Linux.close((int) ep);
            Linux.close((int) fd);
        }
        restore(USR1 | USR2, old);
    }

    private static void timerSignal(Check c) {
        long[] old = block(USR2);
        long fd = LinuxEvents.signalfd4(-1, new long[] {USR2}, 0);
        int[] id = {-1};
        if (c.succeeded(fd, "signalfd4")
                && c.returned(0, LinuxEvents.timer_create(1, LinuxEvents.sigevent(LinuxEvents.SIGEV_SIGNAL, SIGUSR2, 0x1234, 0), id),
                        "timer_create(SIGEV_SIGNAL, SIGUSR2, value 0x1234)")) {
            LinuxEvents.timer_settime(id[0], 0, LinuxEvents.itimerspec(0, 20 * MILLIS), null);
            byte[] info = new byte[SIZE];
            if (c.returned(SIZE, Linux.read((int) fd, info, 0, SIZE), "read waits for the expiration")) {
                c.equal(SIGUSR2, signo(info, 0), "ssi_signo");
                c.equal(LinuxEvents.SI_TIMER, signo(info, 8), "ssi_code SI_TIMER");
                c.equal(id[0], signo(info, 24), "ssi_tid: the timer id");
                c.equal(0x1234, signo(info, 44), "ssi_int: the sigev_value");
                c.equal(0x1234, LittleEndian.u64(info, 48), "ssi_ptr");
            }
            LinuxEvents.timer_delete(id[0]);
        }
        if (fd >= 0) {
            Linux.close((int) fd);
        }
        restore(USR2, old);
    }

    private static void threadTimer(Check c) {
        long[] old = block(USR1);
        long fd = LinuxEvents.signalfd4(-1, new long[] {USR1}, 0);
        int[] id = {-1};
        byte[] ev = LinuxEvents.sigevent(LinuxEvents.SIGEV_THREAD_ID, Signals.SIGUSR1, 77, (int) Linux.gettid());
        if (c.succeeded(fd, "signalfd4") && c.returned(0, LinuxEvents.timer_create(0, ev, id), "timer_create(SIGEV_THREAD_ID, self)")) {
            LinuxEvents.timer_settime(id[0], 0, LinuxEvents.itimerspec(0, 10 * MILLIS), null);
            byte[] info = new byte[SIZE];
            if (c.returned(SIZE, Linux.read((int) fd, info, 0, SIZE), "read the thread's timer signal")) {
                c.equal(Signals.SIGUSR1, signo(info, 0), "ssi_signo");
                c.equal(LinuxEvents.SI_TIMER, signo(info, 8), "ssi_code SI_TIMER");
                c.equal(77, signo(info, 44), "ssi_int");
            }
            LinuxEvents.timer_delete(id[0]);
        }
        if (fd >= 0) {
            Linux.close((int) fd);
        }
        restore(USR1, old);
    }

    /**
     * A periodic timer's signal, blocked: the expirations while it is pending
     * send nothing more but count as overruns, in ssi_overrun and in
     * timer_getoverrun(2).
     */
    private static void overrun(Check c) {
        long[] old = block(USR2);
        long fd = LinuxEvents.signalfd4(-1, new long[] {USR2}, 0);
        int[] id = {-1};
        if (c.succeeded(fd, "signalfd4")
                && c.returned(0, LinuxEvents.timer_create(1, LinuxEvents.sigevent(LinuxEvents.SIGEV_SIGNAL, SIGUSR2, 0, 0), id),
                        "timer_create(SIGUSR2)")) {
            c.returned(0, LinuxEvents.timer_getoverrun(id[0]), "no overrun before any expiration");
            long interval = 40 * MILLIS;
            long before = monotonicNow();
            LinuxEvents.timer_settime(id[0], 0, LinuxEvents.itimerspec(interval, interval), null);
            long armed = monotonicNow();
            LinuxSystem.nanosleep(Timespec.ofNanos(250 * MILLIS).encode(), null);
            long reading = monotonicNow();
            byte[] info = new byte[2 * SIZE];
            long got = Linux.read((int) fd, info, 0, 2 * SIZE);
            long said = LinuxEvents.timer_getoverrun(id[0]);
            long after = monotonicNow();
            // Before the disarm: timer_settime starts the count again (Linux's common_timer_set).
            LinuxEvents.timer_settime(id[0], 0, LinuxEvents.itimerspec(0, 0), null);
            if (c.returned(SIZE, got, "one signal for all the expirations")) {
                long overrun = LittleEndian.u32(info, 32);
                // Every 40 ms from the arming is an expiration, however long the sleep really took on a loaded host;
                // the one due just before the read may not be counted yet when the signal is taken.
                long least = (reading - armed) / interval - 2, most = (after - before) / interval - 1;
                c.isTrue(overrun >= 5 && overrun >= least && overrun <= most,
                        "ssi_overrun: the expirations after the first: " + overrun + ", between " + least + " and " + most);
                c.returned(overrun, said, "timer_getoverrun says the same");
            }
            c.returned(0, LinuxEvents.timer_getoverrun(id[0]), "0 after timer_settime");
            LinuxEvents.timer_delete(id[0]);
        }
        if (fd >= 0) {
            Linux.close((int) fd);
        }
        restore(USR2, old);
    }
}
