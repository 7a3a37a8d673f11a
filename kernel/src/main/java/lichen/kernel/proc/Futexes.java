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
 * store to the word cannot be missed (man 2 futex, FUTEX_WAIT).
 */
@Unsafe
public final class Futexes {
    private static final int BUCKETS = 64;

    /** One futex word's waiters; kept for reuse when empty (at most as many as there are tasks waiting at once). */
    private static final class Queue {
        long key = -1;
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
        int rc = q.waiters.sleep(ex, deadline, true);
        if (q.waiters.isEmpty()) q.key = -1;
        return rc;
    }

    /** FUTEX_WAKE: wakes up to {@code count} waiters on the word at {@code uaddr}; how many, or -EFAULT/-EINVAL. */
    @Async
    public static int wake(Process p, long uaddr, int count) {
        if ((uaddr & 3) != 0) return -Errno.EINVAL;
        long pa = p.mm().fault(uaddr, Prot.READ);
        if (pa < 0) return -Errno.EFAULT;
        Queue q = queue(pa, false);
        if (q == null) return 0;
        int woken = 0;
        while (woken < count && q.waiters.wakeOne(Processes.executor()) != null) woken++;
        return woken;
    }

    private static Queue queue(long key, boolean create) {
        int b = (int) ((key >>> 2) * 0x9E3779B97F4A7C15L >>> 58);
        Queue free = null;
        for (Queue q = buckets[b]; q != null; q = q.next) {
            if (q.key == key) return q;
            if (q.key == -1 && free == null) free = q;
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
