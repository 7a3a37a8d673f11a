package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Signals;

/**
 * Signals as far as default actions go (no handlers): tgkill(2),
 * rt_sigaction(2) and rt_sigprocmask(2) recorded with their errors
 * (sigaction(2), sigprocmask(2)), and the interval timers of getitimer(2).
 * Handlers and signal frames belong to another suite.
 */
public final class SignalTests {
    private SignalTests() {}

    private static final long MISSING_PID = 0x3fff_fff0L;

    public static void register(TestList list) {
        list.add("tgkill_checks_thread_and_group_esrch_einval", SignalTests::tgkill);
        list.add("tgkill_sigkill_child_reported_by_wait4", SignalTests::tgkillChild);
        list.add("rt_sigaction_records_ignore_and_default", SignalTests::records);
        list.add("rt_sigaction_sigkill_sigstop_bad_signal_einval", SignalTests::sigactionErrors);
        list.add("rt_sigprocmask_blocks_but_never_sigkill", SignalTests::procmask);
        list.add("rt_sigprocmask_bad_how_or_size_einval", SignalTests::procmaskErrors);
        list.add("getitimer_shows_setitimer_countdown", SignalTests::itimer);
    }

    private static void tgkill(Check c) {
        long pid = Linux.getpid();
        c.returned(0, Linux.tgkill(pid, Linux.gettid(), 0), "tgkill(self, own tid, 0)");
        c.fails(Errno.ESRCH, Linux.tgkill(pid, MISSING_PID, 0), "tgkill(self, a tid that does not exist)");
        c.fails(Errno.ESRCH, Linux.tgkill(MISSING_PID, Linux.gettid(), 0), "tgkill(a tgid the thread is not in)");
        c.fails(Errno.EINVAL, Linux.tgkill(-1, Linux.gettid(), 0), "tgkill(tgid -1)");
        c.fails(Errno.EINVAL, Linux.tgkill(pid, 0, 0), "tgkill(tid 0)");
        c.fails(Errno.EINVAL, Linux.tgkill(pid, Linux.gettid(), 999), "tgkill(signal 999)");
    }

    private static void tgkillChild(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = Processes.forkBlockedReader(hold);
        if (c.succeeded(pid, "clone")) {
            c.returned(0, Linux.tgkill(pid, pid, Signals.SIGKILL), "tgkill(child, child, SIGKILL)");
            Linux.close(hold[1]);                          // should tgkill fail, the child sees EOF: a failure, not a hang
            hold[1] = -1;
            Processes.expectKilledBy(c, pid, Signals.SIGKILL, "tgkill's SIGKILL");
        }
        Pipes.close(hold);
    }

    /** A kernel struct sigaction with {@code handler} (SIG_DFL, SIG_IGN), no flags, an empty mask. */
    private static byte[] action(long handler) {
        byte[] act = new byte[Signals.SIGACTION_SIZE];
        LittleEndian.put64(act, 0, handler);
        return act;
    }

    /**
     * sigaction(2): the old action comes back as it was set; SIG_IGN makes a
     * signal that would end the process do nothing (signal(7)).
     */
    private static void records(Check c) {
        byte[] old = new byte[Signals.SIGACTION_SIZE];
        if (!c.returned(0, Linux.rt_sigaction(Signals.SIGUSR1, null, old), "rt_sigaction(SIGUSR1, NULL, old)")) {
            return;
        }
        c.equal(Signals.SIG_DFL, LittleEndian.u64(old, 0), "SIGUSR1's action in a new process is SIG_DFL");
        c.returned(0, Linux.rt_sigaction(Signals.SIGUSR1, action(Signals.SIG_IGN), null), "rt_sigaction(SIGUSR1, SIG_IGN)");
        byte[] now = new byte[Signals.SIGACTION_SIZE];
        c.returned(0, Linux.rt_sigaction(Signals.SIGUSR1, null, now), "rt_sigaction(SIGUSR1, NULL, now)");
        c.equal(Signals.SIG_IGN, LittleEndian.u64(now, 0), "the recorded handler");
        c.returned(0, Linux.kill(Linux.getpid(), Signals.SIGUSR1), "kill(self, SIGUSR1) while it is ignored");
        c.returned(0, Linux.rt_sigaction(Signals.SIGUSR1, action(Signals.SIG_DFL), now), "rt_sigaction(SIGUSR1, SIG_DFL)");
        c.equal(Signals.SIG_IGN, LittleEndian.u64(now, 0), "the old action returned by the same call");
        // A child inherits the disposition (fork(2)); SIG_DFL's default then ends it.
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.kill(Linux.getpid(), Signals.SIGUSR1);
            Processes.childExit(0);
        }
        Processes.expectKilledBy(c, pid, Signals.SIGUSR1, "SIGUSR1 with SIG_DFL");
    }

    private static void sigactionErrors(Check c) {
        long ignore = Linux.address(action(Signals.SIG_IGN));
        long old = Linux.address(new byte[Signals.SIGACTION_SIZE]);
        c.fails(Errno.EINVAL, Linux.rt_sigaction(Signals.SIGKILL, ignore, 0, Signals.SIGSET_SIZE), "rt_sigaction(SIGKILL, SIG_IGN)");
        c.fails(Errno.EINVAL, Linux.rt_sigaction(Signals.SIGSTOP, ignore, 0, Signals.SIGSET_SIZE), "rt_sigaction(SIGSTOP, SIG_IGN)");
        c.returned(0, Linux.rt_sigaction(Signals.SIGKILL, 0, old, Signals.SIGSET_SIZE), "reading SIGKILL's action is allowed");
        c.fails(Errno.EINVAL, Linux.rt_sigaction(0, 0, old, Signals.SIGSET_SIZE), "rt_sigaction(signal 0)");
        c.fails(Errno.EINVAL, Linux.rt_sigaction(65, 0, old, Signals.SIGSET_SIZE), "rt_sigaction(signal 65)");
        c.fails(Errno.EINVAL, Linux.rt_sigaction(Signals.SIGUSR1, 0, old, 4), "rt_sigaction(sigsetsize 4)");
        c.fails(Errno.EFAULT, Linux.rt_sigaction(Signals.SIGUSR1, 0xdead0000L, 0, Signals.SIGSET_SIZE), "rt_sigaction(act=0xdead0000)");
    }

    /** sigprocmask(2): "it is not possible to block SIGKILL or SIGSTOP. Attempts to do so are silently ignored." */
    private static void procmask(Check c) {
        long[] old = new long[1];
        long usr1 = Signals.bit(Signals.SIGUSR1);
        long unblockable = Signals.bit(Signals.SIGKILL) | Signals.bit(Signals.SIGSTOP);
        if (!c.returned(0, Linux.rt_sigprocmask(Signals.SIG_BLOCK, new long[] {usr1 | unblockable}, old),
                        "rt_sigprocmask(SIG_BLOCK, SIGUSR1 | SIGKILL | SIGSTOP)")) {
            return;
        }
        long[] now = new long[1];
        c.returned(0, Linux.rt_sigprocmask(Signals.SIG_BLOCK, null, now), "rt_sigprocmask(read the mask)");
        c.equal(usr1, now[0] & (usr1 | unblockable), "the mask holds SIGUSR1 and neither SIGKILL nor SIGSTOP");
        // A blocked SIGUSR1 stays pending instead of ending the process.
        c.returned(0, Linux.kill(Linux.getpid(), Signals.SIGUSR1), "kill(self, SIGUSR1) while blocked");
        long[] pending = new long[1];
        c.returned(0, Linux.rt_sigpending(pending), "rt_sigpending");
        c.equal(usr1, pending[0] & usr1, "SIGUSR1 is pending");
        // Ignoring a pending signal discards it (sigaction(2)), so unblocking it afterwards is harmless.
        c.returned(0, Linux.rt_sigaction(Signals.SIGUSR1, action(Signals.SIG_IGN), null), "rt_sigaction(SIGUSR1, SIG_IGN)");
        c.returned(0, Linux.rt_sigpending(pending), "rt_sigpending after SIG_IGN");
        c.equal(0, pending[0] & usr1, "SIGUSR1 was discarded");
        c.returned(0, Linux.rt_sigprocmask(Signals.SIG_UNBLOCK, new long[] {usr1}, now), "rt_sigprocmask(SIG_UNBLOCK, SIGUSR1)");
        c.equal(usr1, now[0] & usr1, "the old mask returned by SIG_UNBLOCK held SIGUSR1");
        c.returned(0, Linux.rt_sigprocmask(Signals.SIG_SETMASK, old, null), "rt_sigprocmask(SIG_SETMASK, the old mask)");
        Linux.rt_sigaction(Signals.SIGUSR1, action(Signals.SIG_DFL), null);
    }

    private static void procmaskErrors(Check c) {
        long[] set = {Signals.bit(Signals.SIGUSR1)};
        long[] old = new long[1];
        c.fails(Errno.EINVAL, Linux.rt_sigprocmask(99, set, old, Signals.SIGSET_SIZE), "rt_sigprocmask(how 99)");
        c.fails(Errno.EINVAL, Linux.rt_sigprocmask(Signals.SIG_BLOCK, set, old, 4), "rt_sigprocmask(sigsetsize 4)");
        c.returned(0, Linux.rt_sigprocmask(99, null, old, Signals.SIGSET_SIZE), "how is ignored when set is NULL");
    }

    /**
     * getitimer(2): ITIMER_REAL counts down from what setitimer set; setitimer
     * returns the old value. The runner's own time limit is this timer (unless
     * --no-fork), so the test puts it back.
     */
    private static void itimer(Check c) {
        long[] runner = new long[4];
        if (!c.returned(0, Linux.getitimer(Clocks.ITIMER_REAL, runner), "getitimer(ITIMER_REAL)")) {
            return;
        }
        long[] old = new long[4];
        c.returned(0, Linux.setitimer(Clocks.ITIMER_REAL, new long[] {0, 0, 100, 0}, old), "setitimer(ITIMER_REAL, 100 s)");
        c.isTrue(old[2] <= runner[2] && old[2] >= runner[2] - 1, "setitimer's old value " + old[2] + " s is getitimer's " + runner[2]);
        long[] now = new long[4];
        c.returned(0, Linux.getitimer(Clocks.ITIMER_REAL, now), "getitimer after setitimer");
        long micros = now[2] * 1_000_000 + now[3];
        c.isTrue(micros > 99_000_000 && micros <= 100_000_000, "remaining " + micros + " us of 100 s");
        c.isTrue(now[3] >= 0 && now[3] < 1_000_000, "it_value.tv_usec in [0, 1e6)");
        c.returned(0, Linux.setitimer(Clocks.ITIMER_REAL, old, null), "setitimer back to the runner's limit");
        c.fails(Errno.EINVAL, Linux.getitimer(5, now), "getitimer(which 5)");
        c.fails(Errno.EFAULT, Linux.getitimer(Clocks.ITIMER_REAL, 0xdead0000L), "getitimer(0xdead0000)");
    }
}
