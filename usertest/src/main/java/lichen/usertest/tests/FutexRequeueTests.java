package lichen.usertest.tests;

import static lichen.usertest.sys.Futex.*;

import lichen.usertest.Check;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Futex;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.SyscallNumbers;
import lichen.usertest.sys.Timespec;

/**
 * futex(2)'s FUTEX_REQUEUE, FUTEX_CMP_REQUEUE and FUTEX_WAKE_OP, which act on
 * the sleepers of one word and another (glibc's condition variables). The
 * sleepers are threads ({@link Linux#threadThen4}) whose one call is
 * FUTEX_WAIT on word A with no timeout: a thread ends only when a wake
 * reaches it, and its CLONE_CHILD_CLEARTID word turns 0 then, so the tests
 * count wakes by the words. Threads left asleep by a failing test end with
 * the test's process (exit_group).
 */
public final class FutexRequeueTests {
    private FutexRequeueTests() {}

    /** pthread_create's flags without CLONE_PARENT_SETTID: threadThen4 has no parent TID word. */
    private static final long FLAGS = ThreadTests.THREAD_FLAGS & ~Signals.CLONE_PARENT_SETTID;
    /** Indexes in a test's word array: the futex words, then one clear-tid word per thread. */
    private static final int A = 0, B = 1, C = 2, TIDS = 3;

    public static void register(TestList list) {
        list.add("futex_cmp_requeue_moves_sleepers_without_waking", FutexRequeueTests::cmpRequeueMoves);
        list.add("futex_requeue_wakes_some_and_moves_the_rest", FutexRequeueTests::requeueWakesAndMoves);
        list.add("futex_cmp_requeue_errors_eagain_einval_efault", FutexRequeueTests::requeueErrors);
        list.add("futex_wake_op_changes_word_wakes_on_comparison", FutexRequeueTests::wakeOp);
    }

    private static long address(int[] words, int index) { return Linux.address(words) + 4L * index; }

    /** Starts {@code n} threads asleep on words[A] (which holds 0); false (the reason in {@code c}) when one cannot start. */
    private static boolean startSleepers(Check c, int[] words, long[] stacks, int n) {
        for (int i = 0; i < n; i++) {
            words[TIDS + i] = -1;
            stacks[i] = ThreadTests.stack();
            if (!c.succeeded(stacks[i], "mmap(a thread's stack)")) {
                return false;
            }
            long tid = Linux.threadThen4(FLAGS, stacks[i], address(words, TIDS + i), SyscallNumbers.FUTEX, address(words, A),
                                         FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0);
            if (!c.succeeded(tid, "clone(a thread)")) {
                stacks[i] = -1;
                return false;
            }
        }
        return true;
    }

    private static void sleepMillis(long ms) {
        LinuxSystem.nanosleep(Timespec.ofNanos(ms * 1_000_000L).encode(), null);
    }

    /**
     * Moves the {@code n} sleepers of words[A] to words[to] with
     * FUTEX_CMP_REQUEUE waking none, retrying for up to about 5 s while some
     * have not fallen asleep yet; returns how many moved.
     */
    private static long gather(Check c, int[] words, int to, int n) {
        long moved = 0;
        for (int i = 0; i < 5000 && moved < n && c.passed(); i++) {
            long r = Linux.futexCounts(address(words, A), FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 0, Integer.MAX_VALUE,
                                       address(words, to), 0);
            if (c.succeeded(r, "FUTEX_CMP_REQUEUE(wake 0, move all)")) {
                moved += r;
            }
            if (moved < n) {
                sleepMillis(1);
            }
        }
        return moved;
    }

    private static int ended(int[] words, int n) {
        int e = 0;
        for (int i = 0; i < n; i++) {
            if (words[TIDS + i] == 0) {
                e++;
            }
        }
        return e;
    }

    /** How many of the {@code n} threads have ended, once at least {@code want} have or about 5 s have passed. */
    private static int awaitEnded(int[] words, int n, int want) {
        for (int i = 0; i < 5000 && ended(words, n) < want; i++) {
            sleepMillis(1);
        }
        return ended(words, n);
    }

    /** Unmaps the stacks once every thread has ended (a thread still asleep keeps its stack until exit_group). */
    private static void finish(int[] words, long[] stacks, int n) {
        if (ended(words, n) < n) {
            return;
        }
        for (long top : stacks) {
            if (top > 0) {
                Linux.munmap(top - ThreadTests.STACK_SIZE, ThreadTests.STACK_SIZE);
            }
        }
    }

    private static long wake(int[] words, int index, int count) {
        return Linux.futex(address(words, index), FUTEX_WAKE | FUTEX_PRIVATE_FLAG, count, null, 0, 0);
    }

    /**
     * FUTEX_CMP_REQUEUE with nr_wake 0 moves sleepers to the second word
     * asleep: a wake of the first word finds nobody, each wake of the second
     * ends one thread.
     */
    private static void cmpRequeueMoves(Check c) {
        int[] words = new int[TIDS + 2];
        long[] stacks = new long[2];
        if (startSleepers(c, words, stacks, 2)) {
            c.returned(2, gather(c, words, B, 2), "sleepers moved from word A to word B");
            c.returned(0, wake(words, A, Integer.MAX_VALUE), "FUTEX_WAKE(A, all) after the move");
            sleepMillis(20);
            c.equal(0, ended(words, 2), "threads ended by the move itself");
            c.returned(1, wake(words, B, 1), "FUTEX_WAKE(B, 1)");
            c.equal(1, awaitEnded(words, 2, 1), "threads ended after one wake of B");
            c.returned(1, wake(words, B, Integer.MAX_VALUE), "FUTEX_WAKE(B, all)");
            c.equal(2, awaitEnded(words, 2, 2), "threads ended after the second wake of B");
        }
        finish(words, stacks, 2);
    }

    /**
     * FUTEX_REQUEUE(nr_wake 1, nr_requeue 1) of three sleepers: one wakes,
     * one moves, one stays; the result counts the woken and the moved
     * (Linux's futex_requeue returns both).
     */
    private static void requeueWakesAndMoves(Check c) {
        int[] words = new int[TIDS + 3];
        long[] stacks = new long[3];
        if (startSleepers(c, words, stacks, 3) && c.returned(3, gather(c, words, C, 3), "sleepers moved from A to C")) {
            c.returned(2, Linux.futexCounts(address(words, C), FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 1, address(words, B), 0),
                       "FUTEX_REQUEUE(C, wake 1, move 1, to B)");
            c.equal(1, awaitEnded(words, 3, 1), "threads ended by the requeue's wake");
            sleepMillis(20);
            c.equal(1, ended(words, 3), "threads ended 20 ms after the requeue");
            c.returned(1, wake(words, B, Integer.MAX_VALUE), "FUTEX_WAKE(B, all): the one moved");
            c.returned(1, wake(words, C, Integer.MAX_VALUE), "FUTEX_WAKE(C, all): the one left");
            c.equal(3, awaitEnded(words, 3, 3), "threads ended after the wakes");
        }
        finish(words, stacks, 3);
    }

    /**
     * FUTEX_CMP_REQUEUE is EAGAIN when word A does not hold val3; EINVAL for
     * a negative count or an unaligned second word; EFAULT for an unmapped
     * one (a shared futex's key needs the page).
     */
    private static void requeueErrors(Check c) {
        int[] words = {3, 0};
        long a = Linux.address(words);
        int op = FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG;
        c.fails(Errno.EAGAIN, Linux.futexCounts(a, op, 1, 1, a + 4, 2), "FUTEX_CMP_REQUEUE(A holds 3, val3 2)");
        c.returned(0, Linux.futexCounts(a, op, 1, 1, a + 4, 3), "FUTEX_CMP_REQUEUE(A holds 3, val3 3, no sleepers)");
        c.returned(0, Linux.futexCounts(a, FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 1, a + 4, 2), "FUTEX_REQUEUE(no sleepers)");
        c.fails(Errno.EINVAL, Linux.futexCounts(a, op, -1, 1, a + 4, 3), "FUTEX_CMP_REQUEUE(nr_wake -1)");
        c.fails(Errno.EINVAL, Linux.futexCounts(a, op, 1, -1, a + 4, 3), "FUTEX_CMP_REQUEUE(nr_requeue -1)");
        c.fails(Errno.EINVAL, Linux.futexCounts(a, op, 1, 1, a + 5, 3), "FUTEX_CMP_REQUEUE(second word unaligned)");
        c.fails(Errno.EFAULT, Linux.futexCounts(a, FUTEX_CMP_REQUEUE, 1, 1, 0xdead0000L, 3), "FUTEX_CMP_REQUEUE(shared, to 0xdead0000)");
    }

    /**
     * FUTEX_WAKE_OP changes word B by its operation, always, and wakes B's
     * sleepers only when B's old value passes the comparison (man 2 futex);
     * an unknown operation is ENOSYS with B unchanged, an unknown comparison
     * ENOSYS after the change; a read-only B is EFAULT.
     */
    private static void wakeOp(Check c) {
        int[] words = new int[TIDS + 1];
        long[] stacks = new long[1];
        long a = address(words, A);
        long b = address(words, B);
        int op = FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG;
        if (startSleepers(c, words, stacks, 1) && c.returned(1, gather(c, words, B, 1), "the sleeper moved from A to B")) {
            c.returned(0, Linux.futexCounts(a, op, 1, 1, b, Futex.op(FUTEX_OP_SET, 5, FUTEX_OP_CMP_EQ, 1)),
                       "FUTEX_WAKE_OP(B = 5 if B was 1)");
            c.equal(5, words[B], "B after SET 5");
            sleepMillis(20);
            c.equal(0, ended(words, 1), "threads ended by a failed comparison");
            c.returned(1, Linux.futexCounts(a, op, 1, 1, b, Futex.op(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 4)),
                       "FUTEX_WAKE_OP(B += 1, wake B if B was > 4)");
            c.equal(6, words[B], "B after ADD 1");
            c.equal(1, awaitEnded(words, 1, 1), "threads ended by a passed comparison");
        }
        finish(words, stacks, 1);
        if (!c.passed()) {
            return;
        }
        c.returned(0, Linux.futexCounts(a, op, 1, 1, b, Futex.op(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 4, FUTEX_OP_CMP_EQ, 0)),
                   "FUTEX_WAKE_OP(B |= 1 << 4)");
        c.equal(22, words[B], "B after OR 1 << 4");
        c.returned(0, Linux.futexCounts(a, op, 1, 1, b, Futex.op(FUTEX_OP_ANDN, 6, FUTEX_OP_CMP_NE, 0)), "FUTEX_WAKE_OP(B &= ~6)");
        c.equal(16, words[B], "B after ANDN 6");
        c.returned(0, Linux.futexCounts(a, op, 1, 1, b, Futex.op(FUTEX_OP_XOR, -1, FUTEX_OP_CMP_LT, 0)), "FUTEX_WAKE_OP(B ^= -1)");
        c.equal(~16, words[B], "B after XOR -1");
        c.fails(Errno.ENOSYS, Linux.futexCounts(a, op, 1, 1, b, Futex.op(7, 1, FUTEX_OP_CMP_EQ, 0)), "FUTEX_WAKE_OP(operation 7)");
        c.equal(~16, words[B], "B after an unknown operation");
        c.fails(Errno.ENOSYS, Linux.futexCounts(a, op, 1, 1, b, Futex.op(FUTEX_OP_SET, 1, 9, 0)), "FUTEX_WAKE_OP(comparison 9)");
        c.equal(1, words[B], "B after an unknown comparison (the operation was done)");
        long page = Linux.mmap(0, Mman.PAGE_SIZE, Mman.PROT_READ, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        if (c.succeeded(page, "mmap(PROT_READ)")) {
            c.fails(Errno.EFAULT, Linux.futexCounts(a, op, 1, 1, page, Futex.op(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)),
                    "FUTEX_WAKE_OP(B read-only)");
            Linux.munmap(page, Mman.PAGE_SIZE);
        }
    }
}
