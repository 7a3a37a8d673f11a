package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Timespec;

/**
 * Signals taken synchronously and sent with a value: rt_sigtimedwait(2)
 * and rt_sigqueueinfo(2)/rt_tgsigqueueinfo(2). Each test blocks the signal
 * it waits for, as sigwait's callers must, and unblocks it afterwards with
 * nothing left pending.
 */
public final class SignalWaitTests {
    private SignalWaitTests() {}

    private static final int SIGINFO_SIZE = 128, SI_USER = 0, SI_QUEUE = -1;

    public static void register(TestList list) {
        list.add("rt_sigtimedwait_takes_a_pending_signal_with_its_siginfo", SignalWaitTests::takesPending);
        list.add("rt_sigtimedwait_wakes_for_a_signal_sent_while_waiting", SignalWaitTests::wakes);
        list.add("rt_sigtimedwait_timeout_eagain_and_errors", SignalWaitTests::timeoutAndErrors);
        list.add("rt_sigqueueinfo_carries_the_value_eperm_efault", SignalWaitTests::queueinfo);
    }

    private static long block(Check c, int sig) {
        long[] old = new long[1];
        c.returned(0, Linux.rt_sigprocmask(Signals.SIG_BLOCK, new long[] {Signals.bit(sig)}, old), "block the signal");
        return old[0];
    }

    private static void restore(long old) {
        Linux.rt_sigprocmask(Signals.SIG_SETMASK, new long[] {old}, null);
    }

    private static long waitFor(int sig, byte[] info, long timeoutNanos) {
        long[] set = {Signals.bit(sig)};
        byte[] ts = timeoutNanos < 0 ? null : Timespec.ofNanos(timeoutNanos).encode();
        return Linux.rt_sigtimedwait(Linux.address(set), info == null ? 0 : Linux.address(info), ts == null ? 0 : Linux.address(ts),
                                     Signals.SIGSET_SIZE);
    }

    private static void takesPending(Check c) {
        long old = block(c, Signals.SIGUSR1);
        c.returned(0, Linux.kill(Linux.getpid(), Signals.SIGUSR1), "kill(self, SIGUSR1)");
        byte[] info = new byte[SIGINFO_SIZE];
        if (c.returned(Signals.SIGUSR1, waitFor(Signals.SIGUSR1, info, 1_000_000_000L), "rt_sigtimedwait")) {
            c.equal(Signals.SIGUSR1, LittleEndian.u32(info, 0), "si_signo");
            c.equal(SI_USER, LittleEndian.u32(info, 8), "si_code SI_USER");
            c.equal(Linux.getpid(), LittleEndian.u32(info, 16), "si_pid");
        }
        long[] pending = new long[1];
        Linux.rt_sigpending(pending);
        c.equal(0, pending[0] & Signals.bit(Signals.SIGUSR1), "taken: no longer pending");
        restore(old);
    }

    private static void wakes(Check c) {
        long old = block(c, Signals.SIGUSR2);
        long parent = Linux.getpid();
        long pid = Processes.fork();
        if (pid == 0) {
            LinuxSystem.nanosleep(Timespec.ofNanos(50_000_000L).encode(), null);
            Processes.childExit(Linux.kill(parent, Signals.SIGUSR2) == 0 ? 0 : 1);
        }
        byte[] info = new byte[SIGINFO_SIZE];
        if (c.succeeded(pid, "clone")) {
            c.returned(Signals.SIGUSR2, waitFor(Signals.SIGUSR2, info, 5_000_000_000L), "rt_sigtimedwait while the child sends it");
            c.equal(pid, LittleEndian.u32(info, 16), "si_pid: the child");
            c.equal(0, Processes.waitFor(pid), "the child's wait status");
        }
        restore(old);
    }

    private static void timeoutAndErrors(Check c) {
        long old = block(c, Signals.SIGUSR2);
        c.fails(Errno.EAGAIN, waitFor(Signals.SIGUSR2, null, 20_000_000L), "nothing pending within 20 ms");
        c.fails(Errno.EAGAIN, waitFor(Signals.SIGUSR2, null, 0), "a zero timeout polls");
        long[] set = {Signals.bit(Signals.SIGUSR2)};
        c.fails(Errno.EINVAL, Linux.rt_sigtimedwait(Linux.address(set), 0, 0, 4), "a sigsetsize of 4");
        byte[] bad = new Timespec(0, 2_000_000_000L).encode();
        c.fails(Errno.EINVAL, Linux.rt_sigtimedwait(Linux.address(set), 0, Linux.address(bad), Signals.SIGSET_SIZE), "tv_nsec of 2e9");
        c.fails(Errno.EFAULT, Linux.rt_sigtimedwait(8L, 0, 0, Signals.SIGSET_SIZE), "the set at a bad address");
        restore(old);
    }

    private static byte[] siginfo(int sig, int code, long pid, long value) {
        byte[] b = new byte[SIGINFO_SIZE];
        LittleEndian.put32(b, 0, sig);
        LittleEndian.put32(b, 8, code);
        LittleEndian.put32(b, 16, (int) pid);
        LittleEndian.put64(b, 24, value);
        return b;
    }

    private static void queueinfo(Check c) {
        long old = block(c, Signals.SIGUSR1);
        long me = Linux.getpid();
        byte[] sent = siginfo(Signals.SIGUSR1, SI_QUEUE, me, 0x1234_5678_9abcL);
        c.returned(0, Linux.rt_sigqueueinfo(me, Signals.SIGUSR1, Linux.address(sent)), "rt_sigqueueinfo(SI_QUEUE)");
        byte[] info = new byte[SIGINFO_SIZE];
        if (c.returned(Signals.SIGUSR1, waitFor(Signals.SIGUSR1, info, 1_000_000_000L), "rt_sigtimedwait")) {
            c.equal(SI_QUEUE, LittleEndian.u32(info, 8), "si_code SI_QUEUE");
            c.equal(me, LittleEndian.u32(info, 16), "si_pid as sent");
            c.equal(0x1234_5678_9abcL, LittleEndian.u64(info, 24), "si_value as sent");
        }
        c.returned(0, Linux.rt_tgsigqueueinfo(me, Linux.gettid(), Signals.SIGUSR1, Linux.address(sent)), "rt_tgsigqueueinfo to this thread");
        c.returned(Signals.SIGUSR1, waitFor(Signals.SIGUSR1, null, 1_000_000_000L), "taken again");
        byte[] other = siginfo(Signals.SIGUSR2, SI_QUEUE, me, 7);
        c.returned(0, Linux.rt_sigqueueinfo(me, Signals.SIGUSR1, Linux.address(other)), "a siginfo naming another signal");
        if (c.returned(Signals.SIGUSR1, waitFor(Signals.SIGUSR1, info, 1_000_000_000L), "sig is what is sent")) {
            c.equal(Signals.SIGUSR1, LittleEndian.u32(info, 0), "si_signo is sig, not what the caller wrote");
        }
        byte[] asKill = siginfo(0, SI_USER, me, 0);
        c.fails(Errno.EPERM, Linux.rt_sigqueueinfo(1, 0, Linux.address(asKill)), "claiming SI_USER to another process");
        c.fails(Errno.EFAULT, Linux.rt_sigqueueinfo(me, Signals.SIGUSR1, 8L), "the siginfo at a bad address");
        restore(old);
    }
}
