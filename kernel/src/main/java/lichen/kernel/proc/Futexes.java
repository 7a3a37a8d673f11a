package lichen.kernel.proc;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.sync.WaitQueue;

/**
 * futex(2)'s wait queues. A futex is named by the physical address of its
 * 32-bit word, so two mappings of one page meet at one queue and private
 * pages (every page, until memory is shared) never do. The value check and
 * the sleep happen with no switch between them, so a wake that follows a
 * store to the word cannot be missed (man 2 futex, FUTEX_WAIT). A requeue
 * moves sleepers from one word's queue to another's; a queue with nobody on
 * it is free for any word.
 */
@Unsafe
public final class Futexes {
    private static final int BUCKETS = 64;

    /** One futex word's waiters; reused for another word when empty (at most as many as there are tasks waiting at once). */
    private static final class Queue {
        long key;
        final WaitQueue waiters = new WaitQueue();
        Queue next;
    }

    private static final Queue[] buckets = new Queue[BUCKETS];

    private Futexes() {}

    /**
     * FUTEX_WAIT: sleeps while the word at {@code uaddr} holds {@code expected},
     * until a wake, the absolute {@code deadline} (-ETIMEDOUT) or a signal
     * (-EINTR); -EAGAIN at once when the word holds something else, -EFAULT
     * or -EINVAL for a bad or unaligned address.
     */
    @Async
    public static int await(Process p, long uaddr, int expected, long deadline) {
        if ((uaddr & 3) != 0) return -Errno.EINVAL;
        long pa = p.mm().fault(uaddr, Prot.READ);
        if (pa < 0) return -Errno.EFAULT;
        if (Mem.load32(pa) != expected) return -Errno.EAGAIN;
        Queue q = queue(pa, true);
        Executor ex = Processes.executor();
        return q.waiters.sleep(ex, deadline, true);
    }

    /** FUTEX_WAKE: wakes up to {@code count} waiters on the word at {@code uaddr}; how many, or -EFAULT/-EINVAL. */
    @Async
    public static int wake(Process p, long uaddr, int count) {
        if ((uaddr & 3) != 0) return -Errno.EINVAL;
        long pa = p.mm().fault(uaddr, Prot.READ);
        if (pa < 0) return -Errno.EFAULT;
        return wakeAt(pa, count);
    }

    /** Wakes up to {@code count} waiters on the word at physical address {@code pa}; how many. */
    private static int wakeAt(long pa, int count) {
        Queue q = queue(pa, false);
        if (q == null) return 0;
        int woken = 0;
        while (woken < count && q.waiters.wakeOne(Processes.executor()) != null) woken++;
        return woken;
    }

    /**
     * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wakes up to {@code nrWake} waiters
     * on {@code uaddr} and moves up to {@code nrRequeue} of the rest to
     * {@code uaddr2}'s queue, still asleep. With {@code compare}, -EAGAIN
     * when the word at {@code uaddr} does not hold {@code expected}, checked
     * with no switch before the moves (man 2 futex). Returns how many were
     * woken and moved, -EINVAL for an unaligned word, -EFAULT for an unmapped one.
     */
    @Async
    public static int requeue(Process p, long uaddr, int nrWake, int nrRequeue, long uaddr2, boolean compare, int expected) {
        if ((uaddr & 3) != 0 || (uaddr2 & 3) != 0) return -Errno.EINVAL;
        long pa = p.mm().fault(uaddr, Prot.READ);
        if (pa < 0) return -Errno.EFAULT;
        long pa2 = p.mm().fault(uaddr2, Prot.READ);
        if (pa2 < 0) return -Errno.EFAULT;
        if (compare && Mem.load32(pa) != expected) return -Errno.EAGAIN;
        int done = wakeAt(pa, nrWake);
        Queue from = queue(pa, false);
        if (from == null || from.waiters.isEmpty() || nrRequeue == 0) return done;
        if (pa2 == pa) return done + Math.min(nrRequeue, from.waiters.waiting()); // requeued onto itself: they stay where they are
        return done + from.waiters.moveTo(queue(pa2, true).waiters, nrRequeue);
    }

    /**
     * FUTEX_WAKE_OP (man 2 futex): the word at {@code uaddr2} is changed by
     * {@code op} as one step (no other thread runs between the load and the
     * store), up to {@code nrWake} waiters on {@code uaddr} are woken, and,
     * when the old value of {@code uaddr2} passes the comparison {@code op}
     * encodes, up to {@code nrWake2} waiters on {@code uaddr2}. Returns how many
     * were woken; -ENOSYS for an unknown operation or comparison, -EFAULT
     * when a word is unmapped or {@code uaddr2} is not writable.
     */
    @Async
    public static int wakeOp(Process p, long uaddr, int nrWake, int nrWake2, long uaddr2, int op) {
        if ((uaddr & 3) != 0 || (uaddr2 & 3) != 0) return -Errno.EINVAL;
        long pa = p.mm().fault(uaddr, Prot.READ);
        if (pa < 0) return -Errno.EFAULT;
        long pa2 = p.mm().fault(uaddr2, Prot.WRITE);
        if (pa2 < 0) return -Errno.EFAULT;
        int old = Mem.load32(pa2);
        long changed = FutexOp.apply(op, old);
        if (changed == FutexOp.UNKNOWN) return -Errno.ENOSYS;
        Mem.store32(pa2, (int) changed);
        int passes = FutexOp.compare(op, old);
        if (passes < 0) return -Errno.ENOSYS;
        int woken = wakeAt(pa, nrWake);
        return passes == 1 ? woken + wakeAt(pa2, nrWake2) : woken;
    }

    private static Queue queue(long key, boolean create) {
        int b = (int) ((key >>> 2) * 0x9E3779B97F4A7C15L >>> 58);
        Queue free = null;
        for (Queue q = buckets[b]; q != null; q = q.next) {
            if (q.key == key) return q;
            if (free == null && q.waiters.isEmpty()) free = q;
        }
        if (!create) return null;
        if (free == null) {
            free = new Queue();
            free.next = buckets[b];
            buckets[b] = free;
        }
        free.key = key;
        return free;
    }
}
