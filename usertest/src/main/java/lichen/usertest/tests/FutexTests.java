package lichen.usertest.tests;

import static lichen.usertest.sys.Futex.*;

import lichen.usertest.Check;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Clocks;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.Timespec;

/**
 * futex(2) without threads (jcc has none): waits that fail or time out in
 * one process, and a wake across fork through a MAP_SHARED page, which is
 * where a shared (not FUTEX_PRIVATE_FLAG) futex lives.
 */
public final class FutexTests {
    private FutexTests() {}

    public static void register(TestList list) {
        list.add("futex_wait_other_value_eagain", FutexTests::valueMismatch);
        list.add("futex_wait_relative_timeout_etimedout", FutexTests::relativeTimeout);
        list.add("futex_wait_bitset_absolute_timeout_etimedout", FutexTests::absoluteTimeout);
        list.add("futex_wake_without_waiters_returns_zero", FutexTests::wakeNobody);
        list.add("futex_bad_arguments_einval_efault_enosys", FutexTests::errors);
        list.add("futex_shared_wake_across_fork", FutexTests::sharedWake);
    }

    /** futex(2) FUTEX_WAIT: "if the futex value does not match val, then the call fails immediately with EAGAIN". */
    private static void valueMismatch(Check c) {
        int[] word = {1};
        long u = Linux.address(word);
        c.fails(Errno.EAGAIN, Linux.futex(u, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 2, null, 0, 0), "FUTEX_WAIT(private, expects 2, holds 1)");
        c.fails(Errno.EAGAIN, Linux.futex(u, FUTEX_WAIT, 0, null, 0, 0), "FUTEX_WAIT(shared, expects 0, holds 1)");
    }

    static long monotonic(Check c) {
        byte[] ts = new byte[Timespec.SIZE];
        c.returned(0, LinuxSystem.clock_gettime(Clocks.CLOCK_MONOTONIC, ts), "clock_gettime(MONOTONIC)");
        return Timespec.decode(ts).toNanos();
    }

    /** FUTEX_WAIT's timeout is relative, measured against CLOCK_MONOTONIC; ETIMEDOUT when it passes. */
    private static void relativeTimeout(Check c) {
        int[] word = {5};
        long before = monotonic(c);
        c.fails(Errno.ETIMEDOUT, Linux.futex(Linux.address(word), FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 5,
                                             Timespec.ofNanos(20_000_000L).encode(), 0, 0), "FUTEX_WAIT(20 ms)");
        long slept = monotonic(c) - before;
        c.isTrue(slept >= 20_000_000L && slept < 5_000_000_000L, "waited " + slept + " ns for a 20 ms timeout");
    }

    /** FUTEX_WAIT_BITSET's timeout is absolute: CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME. */
    private static void absoluteTimeout(Check c) {
        int[] word = {5};
        long u = Linux.address(word);
        long deadline = monotonic(c) + 20_000_000L;
        c.fails(Errno.ETIMEDOUT, Linux.futex(u, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 5, Timespec.ofNanos(deadline).encode(), 0,
                                             FUTEX_BITSET_MATCH_ANY), "FUTEX_WAIT_BITSET(monotonic now + 20 ms)");
        long now = monotonic(c);
        c.isTrue(now >= deadline, "woke at " + now + " ns, before the deadline " + deadline);
        c.fails(Errno.ETIMEDOUT, Linux.futex(u, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, 5,
                                             new Timespec(1, 0).encode(), 0, FUTEX_BITSET_MATCH_ANY),
                "FUTEX_WAIT_BITSET(CLOCK_REALTIME, a time long past)");
    }

    private static void wakeNobody(Check c) {
        int[] word = {0};
        long u = Linux.address(word);
        c.returned(0, Linux.futex(u, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, null, 0, 0), "FUTEX_WAKE(private, 1)");
        c.returned(0, Linux.futex(u, FUTEX_WAKE, Integer.MAX_VALUE, null, 0, 0), "FUTEX_WAKE(shared, all)");
        c.returned(0, Linux.futex(u, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 1, null, 0, FUTEX_BITSET_MATCH_ANY),
                   "FUTEX_WAKE_BITSET");
    }

    private static void errors(Check c) {
        int[] word = {0, 0};
        long u = Linux.address(word);
        c.fails(Errno.EINVAL, Linux.futex(u + 1, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, null, 0, 0), "FUTEX_WAIT(unaligned word)");
        c.fails(Errno.EINVAL, Linux.futex(u, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 1, null, 0, 0), "FUTEX_WAIT_BITSET(bitset 0)");
        c.fails(Errno.EINVAL, Linux.futex(u, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, new Timespec(0, Timespec.NANOS_PER_SECOND).encode(), 0, 0),
                "FUTEX_WAIT(tv_nsec = 1e9)");
        c.fails(Errno.EFAULT, Linux.futex(0xdead0000L, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, null, 0, 0), "FUTEX_WAIT(0xdead0000)");
        c.fails(Errno.ENOSYS, Linux.futex(u, 99, 0, null, 0, 0), "futex(op 99)");
    }

    /**
     * A child waits on a word of a MAP_SHARED page; the parent wakes it:
     * FUTEX_WAKE returns the number woken, 0 until the child is asleep, so the
     * parent retries. The child exits 0 when its wait returned 0 (woken).
     */
    private static void sharedWake(Check c) {
        long page = Linux.mmap(0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(page, "mmap(MAP_SHARED | MAP_ANONYMOUS)")) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            long r = Linux.futex(page, FUTEX_WAIT, 0, Timespec.ofNanos(10_000_000_000L).encode(), 0, 0);
            Processes.childExit(r == 0 ? 0 : r == -Errno.ETIMEDOUT ? 2 : 3);
        }
        if (c.succeeded(pid, "clone")) {
            long woken = 0;
            // Up to about 5 s for the child to fall asleep on the word.
            for (int i = 0; i < 5000 && woken == 0 && c.passed(); i++) {
                LinuxSystem.nanosleep(Timespec.ofNanos(1_000_000).encode(), null);
                woken = Linux.futex(page, FUTEX_WAKE, 1, null, 0, 0);
                c.succeeded(woken, "FUTEX_WAKE(shared)");
            }
            c.equal(1, woken, "FUTEX_WAKE woke the child");
            c.equal(0, Processes.waitFor(pid), "the child's status (exit 2: its wait timed out, 3: it failed)");
        }
        Linux.munmap(page, Mman.PAGE_SIZE);
    }
}
