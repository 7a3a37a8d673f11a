package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Futex;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.SyscallNumbers;
import lichen.usertest.sys.Timespec;

/**
 * Signals and threads (man 7 signal, "Signal mask and pending signals"):
 * each thread has its own mask, and a signal is pending either for one
 * thread (tgkill) or for the whole process (kill), where any thread that
 * does not block it may take it. Each thread here is one system call
 * ({@link Linux#threadThen4}) whose result lands in shared memory.
 */
public final class ThreadSignalTests {
    private ThreadSignalTests() {}

    /** pthread_create's flags, without CLONE_PARENT_SETTID (threadThen4 passes no parent TID word). */
    private static final long FLAGS = ThreadTests.THREAD_FLAGS & ~Signals.CLONE_PARENT_SETTID;

    public static void register(TestList list) {
        list.add("rt_sigprocmask_in_a_thread_leaves_the_others_mask", ThreadSignalTests::maskPerThread);
        list.add("signal_pending_for_a_thread_or_for_the_process", ThreadSignalTests::pendingSets);
    }

    /** Runs {@code nr(a0, a1, a2, a3)} in a new thread and waits for it to exit; false (recorded) when it did not run or end. */
    private static boolean inThread(Check c, long nr, long a0, long a1, long a2, long a3) {
        long top = ThreadTests.stack();
        if (!c.succeeded(top, "mmap(a thread's stack)")) {
            return false;
        }
        int[] word = {-1};
        long tid = Linux.threadThen4(FLAGS, top, Linux.address(word), nr, a0, a1, a2, a3);
        boolean ok = c.succeeded(tid, "clone(a thread)");
        for (int i = 0; ok && i < 500 && word[0] != 0; i++) {
            Linux.futex(Linux.address(word), Futex.FUTEX_WAIT, word[0], Timespec.ofNanos(10_000_000L).encode(), 0, 0);
        }
        ok = ok && c.equal(0, word[0], "the thread's CLONE_CHILD_CLEARTID word once it exited");
        Linux.munmap(top - ThreadTests.STACK_SIZE, ThreadTests.STACK_SIZE);
        return ok;
    }

    private static long mask() {
        long[] m = new long[1];
        Linux.rt_sigprocmask(Signals.SIG_BLOCK, null, m);
        return m[0];
    }

    /** What musl and glibc do as a thread ends: block every signal in that thread, and only there. */
    private static void maskPerThread(Check c) {
        long before = mask();
        long[] all = {-1L};
        if (inThread(c, SyscallNumbers.RT_SIGPROCMASK, Signals.SIG_BLOCK, Linux.address(all), 0, Signals.SIGSET_SIZE)) {
            c.equal(before, mask(), "the main thread's mask after another thread blocked everything");
        }
    }

    private static void pendingSets(Check c) {
        long usr1 = Signals.bit(Signals.SIGUSR1), usr2 = Signals.bit(Signals.SIGUSR2);
        long[] old = new long[1];
        c.returned(0, Linux.rt_sigprocmask(Signals.SIG_BLOCK, new long[] {usr1 | usr2}, old), "block SIGUSR1 and SIGUSR2");
        c.returned(0, Linux.tgkill(Linux.getpid(), Linux.gettid(), Signals.SIGUSR1), "tgkill(SIGUSR1) to this thread");
        c.returned(0, Linux.kill(Linux.getpid(), Signals.SIGUSR2), "kill(SIGUSR2) to the process");
        long[] mine = new long[1];
        Linux.rt_sigpending(mine);
        c.equal(usr1 | usr2, mine[0] & (usr1 | usr2), "this thread sees both pending");
        byte[] theirs = new byte[8];
        if (inThread(c, SyscallNumbers.RT_SIGPENDING, Linux.address(theirs), Signals.SIGSET_SIZE, 0, 0)) {
            long t = LittleEndian.u64(theirs, 0);
            c.equal(usr2, t & (usr1 | usr2), "another thread sees the process's SIGUSR2 and not this thread's SIGUSR1");
        }
        // Ignoring a pending signal discards it (sigaction(2)); then the defaults and the old mask come back.
        byte[] act = new byte[Signals.SIGACTION_SIZE];
        LittleEndian.put64(act, 0, Signals.SIG_IGN);
        Linux.rt_sigaction(Signals.SIGUSR1, act, null);
        Linux.rt_sigaction(Signals.SIGUSR2, act, null);
        LittleEndian.put64(act, 0, Signals.SIG_DFL);
        Linux.rt_sigaction(Signals.SIGUSR1, act, null);
        Linux.rt_sigaction(Signals.SIGUSR2, act, null);
        long[] left = new long[1];
        Linux.rt_sigpending(left);
        c.equal(0, left[0] & (usr1 | usr2), "nothing left pending once both were ignored");
        c.returned(0, Linux.rt_sigprocmask(Signals.SIG_SETMASK, old, null), "the old mask back");
    }
}
