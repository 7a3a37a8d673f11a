package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Futex;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.SyscallNumbers;
import lichen.usertest.sys.Timespec;
import lichen.usertest.sys.WaitStatus;

/**
 * Threads as clone(2) makes them for pthread_create (CLONE_VM, FS, FILES,
 * SIGHAND, THREAD, SYSVSEM, PARENT_SETTID, CHILD_CLEARTID; no TLS). jcc has
 * no threads, so each thread is {@link Linux#threadThen}: one system call on
 * registers, then exit(2). What the tests check is what the kernel does
 * around it: the TID words, the wake at exit that pthread_join waits for
 * (set_tid_address(2), futex(2)), and exit_group(2) ending every thread.
 */
public final class ThreadTests {
    private ThreadTests() {}

    static final long THREAD_FLAGS = Signals.CLONE_VM | Signals.CLONE_FS | Signals.CLONE_FILES | Signals.CLONE_SIGHAND
            | Signals.CLONE_THREAD | Signals.CLONE_SYSVSEM | Signals.CLONE_PARENT_SETTID | Signals.CLONE_CHILD_CLEARTID;
    static final int STACK_SIZE = 64 * 1024;
    /** 2020-01-01T00:00:00Z in seconds: a CLOCK_REALTIME stamp after this was written by a clock. */
    private static final long YEAR_2020 = 1_577_836_800L;

    public static void register(TestList list) {
        list.add("clone_thread_settid_cleartid_wake_shared_memory", ThreadTests::settidCleartid);
        list.add("exit_group_ends_a_blocked_thread", ThreadTests::exitGroupEndsThreads);
    }

    /** A stack for a thread: the top of a fresh 64 KiB mapping, or a negative errno. */
    static long stack() {
        long a = Linux.mmap(0, STACK_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        return a < 0 ? a : a + STACK_SIZE;
    }

    /**
     * CLONE_PARENT_SETTID stores the new tid in the parent's word before clone
     * returns; CLONE_CHILD_CLEARTID zeroes the child's word when it exits and
     * wakes a futex waiter there (clone(2)). The thread's clock_gettime lands
     * in memory the caller shares; the thread is not a child to wait for.
     */
    private static void settidCleartid(Check c) {
        long top = stack();
        if (!c.succeeded(top, "mmap(a thread's stack)")) {
            return;
        }
        int[] words = {-1, -1};                            // [0]: parent's tid word, [1]: the child's
        long base = Linux.address(words);
        long[] stamp = new long[2];
        words[1] = -2;
        long tid = Linux.threadThen(THREAD_FLAGS, top, base, base + 4, SyscallNumbers.CLOCK_GETTIME,
                                    Clocks.CLOCK_REALTIME, Linux.address(stamp), 0);
        if (c.succeeded(tid, "clone(a thread)")) {
            c.isTrue(tid > 0 && tid != Linux.getpid(), "the thread's tid " + tid + " is its own");
            c.equal(tid, words[0], "CLONE_PARENT_SETTID's word");
            // Until the thread exits its word holds -2 (or, on a kernel that stores the tid there too, the tid).
            for (int i = 0; i < 500 && words[1] != 0 && c.passed(); i++) {
                long r = Linux.futex(base + 4, Futex.FUTEX_WAIT, words[1], Timespec.ofNanos(10_000_000L).encode(), 0, 0);
                c.isTrue(r == 0 || r == -Errno.EAGAIN || r == -Errno.ETIMEDOUT, "FUTEX_WAIT on the child's word: " + Errno.describe(r));
            }
            c.equal(0, words[1], "CLONE_CHILD_CLEARTID's word after the thread exited");
            c.isTrue(stamp[0] > YEAR_2020, "the thread's clock_gettime reached the shared memory: " + stamp[0]);
            c.equal(Linux.getpid(), Linux.gettid(), "the caller is still the thread-group leader");
            c.fails(Errno.ECHILD, Linux.wait4(-1, null, WaitStatus.WNOHANG), "wait4: a thread is not a child");
        }
        Linux.munmap(top - STACK_SIZE, STACK_SIZE);
    }

    /**
     * exit_group(2) "terminates all threads in the calling process": a forked
     * process starts a thread that blocks in read(2) for ever, sees it with
     * tgkill(2) signal 0, and exit_groups; the wait4 for it returns only when
     * every thread has gone.
     */
    private static void exitGroupEndsThreads(Check c) {
        int[] never = Pipes.open(c);
        if (never == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(never[1]);                         // so that the parent's close is the thread's EOF
            long top = stack();
            int[] words = new int[2];
            byte[] buf = new byte[1];
            long tid = top < 0 ? top : Linux.threadThen(THREAD_FLAGS, top, Linux.address(words), Linux.address(words) + 4,
                                                         SyscallNumbers.READ, never[0], Linux.address(buf), 1);
            if (tid <= 0) {
                Processes.childExit(9);
            }
            Processes.childExit(Linux.tgkill(Linux.getpid(), tid, 0) == 0 ? 7 : 8);
        }
        if (c.succeeded(pid, "clone")) {
            // Up to about 5 s for the whole process to end; then the thread is let go (EOF) so the test fails instead of hanging.
            int[] status = {-1};
            long r = 0;
            for (int i = 0; i < 500 && r == 0; i++) {
                LinuxSystem.nanosleep(Timespec.ofNanos(10_000_000L).encode(), null);
                r = Linux.wait4(pid, status, WaitStatus.WNOHANG);
            }
            if (c.returned(pid, r, "wait4 within 5 s of exit_group (0: a thread outlived it)")) {
                c.equal(7 << 8, status[0], "the process's wait status (exited 7; 8: tgkill did not find the thread, 9: no thread)");
            }
            Pipes.close(never);
            if (r == 0) {
                Processes.waitFor(pid);
            }
        } else {
            Pipes.close(never);
        }
    }
}
