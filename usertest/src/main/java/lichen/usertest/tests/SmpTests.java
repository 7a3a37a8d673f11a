package lichen.usertest.tests;

import lichen.api.AtomicWord;
import lichen.api.Syscall;
import lichen.api.Unsafe;
import lichen.usertest.Check;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Futex;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.RawMemory;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.SyscallNumbers;
import lichen.usertest.sys.Timespec;

/**
 * What a multiprocessor kernel must get right for threads on several CPUs:
 * a futex-based mutex loses no update however the threads are spread
 * (futex(2)), sched_setaffinity(2) pins a thread where getcpu(2) then finds
 * it, a forked child inherits the mask, and a page one thread unmaps is gone
 * for every other thread of the process (the TLB shootdown munmap(2) needs).
 * On one CPU they pass by preemption alone; on several, only if the kernel's
 * locks, wake-ups and TLB maintenance are right.
 *
 * <p>jcc has no threads: a thread here is clone(2) followed by a call to a
 * static method that never returns ({@link #counterThread}, {@link #readerThread}):
 * it makes its own frame on the new stack, allocates nothing and reaches
 * shared state through static fields only.
 */
@Unsafe
public final class SmpTests {
    private SmpTests() {}

    private static final int THREADS = 4;
    private static final int ROUNDS = 3000;
    /** No CPU a machine of this suite has: a mask of it alone is "no online CPU". */
    private static final int ABSENT_CPU = 63;

    public static void register(TestList list) {
        list.add("futex_mutex_counter_no_lost_update_across_threads", SmpTests::mutexCounter);
        list.add("sched_setaffinity_pins_getcpu_reports_the_cpu", SmpTests::pinning);
        list.add("sched_affinity_inherited_by_fork", SmpTests::inherited);
        list.add("sched_setaffinity_getcpu_errors", SmpTests::errors);
        list.add("munmap_in_one_thread_faults_another", SmpTests::shootdown);
    }

    // ---- a futex mutex (Drepper, "Futexes Are Tricky", mutex 2): 0 free, 1 locked, 2 locked with waiters ----

    private static AtomicWord lock;
    private static long[] counter;
    private static int[] cpusSeen;
    private static AtomicWord nextThread;

    private static void acquire(AtomicWord m) {
        if (m.compareAndSet(0, 1)) {
            return;
        }
        long c = m.getAndSet(2);
        while (c != 0) {
            Syscall.invoke(SyscallNumbers.FUTEX, Syscall.addressOf(m), Futex.FUTEX_WAIT | Futex.FUTEX_PRIVATE_FLAG, 2, 0, 0, 0);
            c = m.getAndSet(2);
        }
    }

    private static void release(AtomicWord m) {
        if (m.getAndAdd(-1) != 1) {
            m.set(0);
            Syscall.invoke(SyscallNumbers.FUTEX, Syscall.addressOf(m), Futex.FUTEX_WAKE | Futex.FUTEX_PRIVATE_FLAG, 1, 0, 0, 0);
        }
    }

    /** A counting thread's whole life: ROUNDS increments under the mutex, a plain load and store each, then exit(2). */
    private static void counterThread() {
        int me = (int) nextThread.getAndAdd(1);
        long cpuWord = Syscall.addressOf(cpusSeen) + 4L * me;
        for (int i = 0; i < ROUNDS; i++) {
            acquire(lock);
            long v = counter[0];
            if ((i & 63) == 0) {
                Syscall.invoke(SyscallNumbers.GETCPU, cpuWord, 0, 0); // inside the section: a window for another CPU
            }
            counter[0] = v + 1;
            release(lock);
        }
        while (true) {
            Syscall.invoke(SyscallNumbers.EXIT, 0);
        }
    }

    /**
     * THREADS threads each add ROUNDS to one counter, reading and writing it
     * under a futex mutex: the sum is exact, and each thread's exit clears its
     * CLONE_CHILD_CLEARTID word and wakes the futex there (clone(2)), which is
     * how the caller waits for them.
     */
    private static void mutexCounter(Check c) {
        lock = new AtomicWord(0);
        counter = new long[1];
        cpusSeen = new int[THREADS];
        nextThread = new AtomicWord(0);
        int[] tids = new int[THREADS];
        long[] stacks = new long[THREADS];
        int started = 0;
        for (int t = 0; t < THREADS; t++) {
            stacks[t] = ThreadTests.stack();
            if (!c.succeeded(stacks[t], "mmap(a thread's stack)")) {
                break;
            }
            tids[t] = -1;
            long tid = Syscall.invoke(SyscallNumbers.CLONE, ThreadTests.THREAD_FLAGS, stacks[t], Linux.address(tids) + 4L * t, 0,
                                      Linux.address(tids) + 4L * t);
            if (tid == 0) {
                counterThread();
            }
            if (!c.succeeded(tid, "clone(a counting thread)")) {
                break;
            }
            started++;
        }
        for (int t = 0; t < started; t++) {
            waitForExit(c, tids, t);
        }
        c.equal((long) started * ROUNDS, counter[0], started + " threads x " + ROUNDS + " increments under the futex mutex");
        c.isTrue(lock.get() == 0, "the mutex is free at the end: " + lock.get());
        for (int t = 0; t < THREADS; t++) {
            if (stacks[t] > 0) {
                Linux.munmap(stacks[t] - ThreadTests.STACK_SIZE, ThreadTests.STACK_SIZE);
            }
        }
    }

    /** Until thread {@code t}'s CLONE_CHILD_CLEARTID word is 0 (at most about 20 s). */
    private static void waitForExit(Check c, int[] tids, int t) {
        long word = Linux.address(tids) + 4L * t;
        for (int i = 0; i < 2000 && tids[t] != 0; i++) {
            long r = Linux.futex(word, Futex.FUTEX_WAIT, tids[t], Timespec.ofNanos(10_000_000L).encode(), 0, 0);
            if (r != 0 && r != -Errno.EAGAIN && r != -Errno.ETIMEDOUT && r != -Errno.EINTR) {
                c.fail("FUTEX_WAIT on a thread's tid word: " + Errno.describe(r));
                return;
            }
        }
        c.equal(0, tids[t], "thread " + t + "'s tid word after it exited");
    }

    // ---- affinity ----

    /** The caller's CPU set, or 0 with the failure recorded. */
    private static long affinity(Check c) {
        long[] mask = new long[1];
        long n = LinuxSystem.sched_getaffinity(0, mask, 8);
        return c.returned(8, n, "sched_getaffinity(8 bytes)") ? mask[0] : 0;
    }

    /**
     * For each CPU in the caller's set: pinned there alone, sched_getaffinity
     * says so and getcpu(2) (after a yield, which a migration may need) reports
     * that CPU, with node 0; then the first set comes back.
     */
    private static void pinning(Check c) {
        long all = affinity(c);
        if (!c.isTrue(all != 0, "the caller may run on some CPU")) {
            return;
        }
        int[] cpuNode = new int[2];
        for (int cpu = 0; cpu < 64 && c.passed(); cpu++) {
            if ((all & 1L << cpu) == 0) {
                continue;
            }
            c.returned(0, LinuxSystem.sched_setaffinity(0, new long[] {1L << cpu}, 8), "sched_setaffinity({" + cpu + "})");
            c.equal(1L << cpu, affinity(c), "sched_getaffinity after pinning to CPU " + cpu);
            LinuxSystem.sched_yield();
            for (int i = 0; i < 20 && c.passed(); i++) {
                cpuNode[0] = -1;
                cpuNode[1] = -1;
                c.returned(0, LinuxSystem.getcpu(cpuNode), "getcpu");
                c.equal(cpu, cpuNode[0], "getcpu's CPU while pinned to CPU " + cpu);
                c.equal(0, cpuNode[1], "getcpu's NUMA node");
            }
        }
        c.returned(0, LinuxSystem.sched_setaffinity(0, new long[] {all}, 8), "sched_setaffinity(the first set)");
        c.equal(all, affinity(c), "the first set again");
    }

    /** A child forked while the caller is pinned to its last CPU starts with that mask and runs there. */
    private static void inherited(Check c) {
        long all = affinity(c);
        if (all == 0) {
            return;
        }
        int last = 63 - Long.numberOfLeadingZeros(all);
        c.returned(0, LinuxSystem.sched_setaffinity(0, new long[] {1L << last}, 8), "sched_setaffinity({" + last + "})");
        long[] answers = Processes.answersFromChild(c, 2, () -> {
            long[] mask = new long[1];
            long n = LinuxSystem.sched_getaffinity(0, mask, 8);
            return new long[] {n < 0 ? n : mask[0], LinuxSystem.currentCpu()};
        });
        LinuxSystem.sched_setaffinity(0, new long[] {all}, 8);
        if (answers != null) {
            c.equal(1L << last, answers[0], "the child's mask");
            c.equal(last, answers[1], "the child's CPU");
        }
    }

    /**
     * EINVAL for a mask of no CPU there is and for an empty one (the mask is
     * left as it was), EFAULT for a bad mask or getcpu pointer, ESRCH for no
     * such thread; getcpu with both pointers NULL succeeds.
     */
    private static void errors(Check c) {
        long all = affinity(c);
        c.fails(Errno.EINVAL, LinuxSystem.sched_setaffinity(0, new long[] {1L << ABSENT_CPU}, 8), "sched_setaffinity({63})");
        c.fails(Errno.EINVAL, LinuxSystem.sched_setaffinity(0, new long[] {0}, 8), "sched_setaffinity({})");
        c.equal(all, affinity(c), "the mask after the refused calls");
        c.fails(Errno.EFAULT, Syscall.invoke(SyscallNumbers.SCHED_SETAFFINITY, 0, 8, 8), "sched_setaffinity(a bad pointer)");
        c.fails(Errno.ESRCH, LinuxSystem.sched_setaffinity(0x3fff_fff0L, new long[] {all}, 8), "sched_setaffinity(no such pid)");
        c.returned(0, Syscall.invoke(SyscallNumbers.GETCPU, 0, 0, 0), "getcpu(NULL, NULL, NULL)");
        c.fails(Errno.EFAULT, Syscall.invoke(SyscallNumbers.GETCPU, 8, 0, 0), "getcpu(a bad pointer)");
    }

    // ---- TLB shootdown ----

    private static long sharedPage;
    private static AtomicWord reads;

    /** Reads the page for ever, counting; the read after the munmap must fault and end the process. */
    private static void readerThread() {
        while (true) {
            reads.getAndAdd(RawMemory.load8(sharedPage)); // the page holds 1: the load is used, so it stays
        }
    }

    /**
     * In a forked child: a thread reads a page in a loop; once it has read it,
     * the main thread unmaps the page and waits up to 2 s. The reader's next
     * access must fault (SIGSEGV ends the whole process), whichever CPU it is
     * on: a stale TLB entry on another CPU would let it read on, and the child
     * would exit 0.
     */
    private static void shootdown(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            sharedPage = Linux.mmap(0, 4096, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
            reads = new AtomicWord(0);
            long top = ThreadTests.stack();
            if (sharedPage < 0 || top < 0) {
                Processes.childExit(2);
            }
            RawMemory.store8(sharedPage, 1);
            long tid = Syscall.invoke(SyscallNumbers.CLONE, ThreadTests.THREAD_FLAGS & ~(Signals.CLONE_PARENT_SETTID | Signals.CLONE_CHILD_CLEARTID),
                                      top, 0, 0, 0);
            if (tid == 0) {
                readerThread();
            }
            if (tid < 0) {
                Processes.childExit(3);
            }
            for (int i = 0; i < 2000 && reads.get() == 0; i++) {
                LinuxSystem.nanosleep(Timespec.ofNanos(1_000_000L).encode(), null);
            }
            if (reads.get() == 0) {
                Processes.childExit(4);
            }
            Linux.munmap(sharedPage, 4096);
            for (int i = 0; i < 200; i++) {
                LinuxSystem.nanosleep(Timespec.ofNanos(10_000_000L).encode(), null);
            }
            Processes.childExit(0); // the reader read on: the unmap did not reach it
        }
        Processes.expectKilledBy(c, pid, Signals.SIGSEGV, "a process whose thread read a page another thread unmapped");
    }
}
