package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Resources;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Timespec;

/**
 * Real-time signals queue and standard ones do not (man 7 signal, "Real-time
 * signals"): every sigqueue(3) of a blocked real-time signal waits with its
 * own value and is taken in order, the lowest-numbered signal first; a
 * standard signal sent again while pending is merged, keeping the first
 * siginfo; RLIMIT_SIGPENDING bounds what one user may queue (EAGAIN). Each
 * test blocks its signals and leaves nothing pending.
 */
public final class RealTimeSignalTests {
    private RealTimeSignalTests() {}

    private static final int SIGINFO_SIZE = 128, SI_QUEUE = -1;
    /** glibc keeps 32 and 33 for itself: its SIGRTMIN is 34. */
    private static final int RT_LOW = 35, RT_HIGH = 40;

    public static void register(TestList list) {
        list.add("realtime_signal_instances_queue_in_order_with_their_values", RealTimeSignalTests::instancesQueue);
        list.add("realtime_signals_lowest_number_first", RealTimeSignalTests::lowestFirst);
        list.add("standard_signal_merges_keeping_the_first_siginfo", RealTimeSignalTests::standardMerges);
        list.add("sigqueue_past_rlimit_sigpending_is_eagain", RealTimeSignalTests::limitRefuses);
        list.add("proc_status_sigq_counts_queued_instances", RealTimeSignalTests::sigq);
    }

    private static long block(Check c, long set) {
        long[] old = new long[1];
        c.returned(0, Linux.rt_sigprocmask(Signals.SIG_BLOCK, new long[] {set}, old), "block the signals");
        return old[0];
    }

    private static void restore(long old) {
        Linux.rt_sigprocmask(Signals.SIG_SETMASK, new long[] {old}, null);
    }

    /** sigqueue(3): {@code sig} to this process with {@code value}. */
    private static long queue(int sig, long value) {
        byte[] b = new byte[SIGINFO_SIZE];
        LittleEndian.put32(b, 0, sig);
        LittleEndian.put32(b, 8, SI_QUEUE);
        LittleEndian.put32(b, 16, (int) Linux.getpid());
        LittleEndian.put64(b, 24, value);
        return Linux.rt_sigqueueinfo(Linux.getpid(), sig, Linux.address(b));
    }

    /** Takes one of {@code set} without waiting: the signal, with its siginfo in {@code info}, or -EAGAIN. */
    private static long takeOne(long set, byte[] info) {
        long[] s = {set};
        byte[] zero = Timespec.ofNanos(0).encode();
        return Linux.rt_sigtimedwait(Linux.address(s), Linux.address(info), Linux.address(zero), Signals.SIGSET_SIZE);
    }

    private static void drain(long set) {
        byte[] info = new byte[SIGINFO_SIZE];
        while (takeOne(set, info) > 0) {
            // each call takes one instance
        }
    }

    private static void instancesQueue(Check c) {
        long set = Signals.bit(RT_LOW);
        long old = block(c, set);
        for (int i = 1; i <= 3; i++) c.returned(0, queue(RT_LOW, 100 + i), "sigqueue #" + i);
        byte[] info = new byte[SIGINFO_SIZE];
        for (int i = 1; i <= 3; i++) {
            if (c.returned(RT_LOW, takeOne(set, info), "take #" + i)) {
                c.equal(SI_QUEUE, LittleEndian.u32(info, 8), "si_code of #" + i);
                c.equal(100 + i, LittleEndian.u64(info, 24), "si_value of #" + i + ": sent order");
            }
        }
        c.fails(Errno.EAGAIN, takeOne(set, info), "all three taken: nothing left");
        long[] pending = new long[1];
        Linux.rt_sigpending(pending);
        c.equal(0, pending[0] & set, "no longer pending");
        restore(old);
    }

    private static void lowestFirst(Check c) {
        long set = Signals.bit(RT_LOW) | Signals.bit(RT_HIGH);
        long old = block(c, set);
        c.returned(0, queue(RT_HIGH, 1), "sigqueue the higher first");
        c.returned(0, queue(RT_LOW, 2), "then the lower");
        c.returned(0, queue(RT_HIGH, 3), "then the higher again");
        byte[] info = new byte[SIGINFO_SIZE];
        c.returned(RT_LOW, takeOne(set, info), "the lowest-numbered is taken first");
        c.equal(2, LittleEndian.u64(info, 24), "its value");
        c.returned(RT_HIGH, takeOne(set, info), "then the higher's first instance");
        c.equal(1, LittleEndian.u64(info, 24), "its value");
        c.returned(RT_HIGH, takeOne(set, info), "then its second");
        c.equal(3, LittleEndian.u64(info, 24), "its value");
        drain(set);
        restore(old);
    }

    private static void standardMerges(Check c) {
        long set = Signals.bit(Signals.SIGUSR1);
        long old = block(c, set);
        c.returned(0, queue(Signals.SIGUSR1, 11), "sigqueue SIGUSR1 once");
        c.returned(0, queue(Signals.SIGUSR1, 22), "and again while it is pending (merged, not an error)");
        c.returned(0, Linux.kill(Linux.getpid(), Signals.SIGUSR1), "and a kill");
        byte[] info = new byte[SIGINFO_SIZE];
        if (c.returned(Signals.SIGUSR1, takeOne(set, info), "taken")) {
            c.equal(SI_QUEUE, LittleEndian.u32(info, 8), "the first siginfo's si_code");
            c.equal(11, LittleEndian.u64(info, 24), "the first siginfo's value");
        }
        c.fails(Errno.EAGAIN, takeOne(set, info), "one instance only");
        restore(old);
    }

    private static void limitRefuses(Check c) {
        long[] saved = new long[2];
        if (!c.returned(0, LinuxSystem.getrlimit(Resources.RLIMIT_SIGPENDING, saved), "getrlimit(RLIMIT_SIGPENDING)")) return;
        c.isTrue(saved[0] > 16 && saved[0] != Resources.RLIM_INFINITY, "the default is a finite count sized by memory: " + saved[0]);
        long set = Signals.bit(RT_LOW);
        long old = block(c, set);
        int queued = 0;
        long rc = 0;
        // The count is the user's across every process (qemu-user's is the host's): the limit is 4 above what is pending now.
        long others = Math.max(0, sigqQueued(c));
        if (c.returned(0, LinuxSystem.setrlimit(Resources.RLIMIT_SIGPENDING, new long[] {others + 4, saved[1]}), "a soft limit of 4 more")) {
            while (queued < 8 && (rc = queue(RT_LOW, queued)) == 0) queued++;
            c.fails(Errno.EAGAIN, rc, "sigqueue past the limit");
            c.isTrue(queued >= 1 && queued <= 4, "at most 4 queued before EAGAIN (the user's other pending signals count too): " + queued);
            c.returned(0, Linux.kill(Linux.getpid(), RT_LOW), "kill(2) past the limit succeeds (the signal is already pending)");
        }
        byte[] info = new byte[SIGINFO_SIZE];
        int taken = 0;
        while (takeOne(set, info) == RT_LOW) taken++;
        c.equal(queued, taken, "every queued instance is taken; kill's added none");
        LinuxSystem.setrlimit(Resources.RLIMIT_SIGPENDING, new long[] {0, saved[1]});
        c.returned(0, Linux.kill(Linux.getpid(), RT_LOW), "kill(2) with nothing pending, past a limit of 0");
        c.returned(RT_LOW, takeOne(set, info), "its signal is pending all the same");
        c.equal(0, LittleEndian.u32(info, 8), "without its siginfo: si_code SI_USER");
        c.equal(0, LittleEndian.u32(info, 16), "and si_pid 0");
        c.fails(Errno.EAGAIN, takeOne(set, info), "once");
        LinuxSystem.setrlimit(Resources.RLIMIT_SIGPENDING, saved);
        restore(old);
    }

    private static long sigqQueued(Check c) {
        String s = Files.contents(c, "/proc/self/status");
        int at = s == null ? -1 : s.indexOf("SigQ:\t");
        if (at < 0) return -1;
        int slash = s.indexOf('/', at);
        return slash < 0 ? -1 : Long.parseLong(s.substring(at + 6, slash));
    }

    private static void sigq(Check c) {
        long set = Signals.bit(RT_LOW) | Signals.bit(Signals.SIGUSR2);
        long old = block(c, set);
        long before = sigqQueued(c);
        c.returned(0, queue(RT_LOW, 1), "sigqueue one");
        c.returned(0, queue(RT_LOW, 2), "and a second instance");
        c.returned(0, Linux.kill(Linux.getpid(), Signals.SIGUSR2), "and a standard signal");
        c.equal(before + 3, sigqQueued(c), "SigQ counts each queued instance and the standard one");
        long[] limit = new long[2];
        LinuxSystem.getrlimit(Resources.RLIMIT_SIGPENDING, limit);
        String s = Files.contents(c, "/proc/self/status");
        c.isTrue(s != null && s.contains("/" + limit[0] + "\n"), "SigQ's second field is RLIMIT_SIGPENDING's soft limit " + limit[0]);
        drain(set);
        c.equal(before, sigqQueued(c), "taken: the count is back");
        restore(old);
    }
}
