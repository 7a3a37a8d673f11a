package lichen.libkernel.sync;

import java.util.function.BooleanSupplier;
import lichen.api.Async;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Task;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.container.IntrusiveList;
import lichen.libkernel.container.ListNode;

/**
 * Tasks waiting for an event, in arrival order (Linux's wait_queue_head).
 * {@link #waitUntil} is wait_event: test the condition, queue, sleep, and
 * test again on every wake, so a wake that finds the condition false (or a
 * spurious one) only costs a loop.
 */
public final class WaitQueue {
    private final IntrusiveList<Task> waiters = new IntrusiveList<>();

    public int waiting() { return waiters.size(); }

    public boolean isEmpty() { return waiters.isEmpty(); }

    /** Queues the current task without sleeping yet (prepare_to_wait), for callers that must drop a lock first. */
    public void enqueue(Task t) {
        if (!t.waitNode.isLinked()) waiters.addLast(t.waitNode);
    }

    /**
     * Takes a task off the queue it waits on, if it still waits (finish_wait):
     * this one, or the one {@link #moveTo} put it on since it slept.
     */
    public void dequeue(Task t) {
        IntrusiveList<Task> on = t.waitNode.list();
        if (on != null) on.remove(t.waitNode);
    }

    /** Sleeps once: 0 when woken, -ETIMEDOUT at the absolute {@code deadline}, -EINTR on a signal if interruptible. */
    @Async
    public int sleep(Executor ex, long deadline, boolean interruptible) {
        Task t = ex.current();
        enqueue(t);
        int r = ex.block(deadline, interruptible);
        dequeue(t);
        return r;
    }

    /** Sleeps until {@code condition} holds: 0, -ETIMEDOUT or -EINTR. */
    @Async
    public int waitUntil(Executor ex, BooleanSupplier condition, long deadline, boolean interruptible) {
        while (!condition.getAsBoolean()) {
            int r = sleep(ex, deadline, interruptible);
            if (r != WakeReason.WOKEN && !condition.getAsBoolean()) return r;
        }
        return 0;
    }

    /** Wakes the first waiter that is still asleep; returns the task woken, or null. */
    public Task wakeOne(Executor ex) {
        Task t;
        while ((t = waiters.pollFirst()) != null) if (ex.wake(t, WakeReason.WOKEN)) return t;
        return null;
    }

    /**
     * Moves up to {@code max} of the tasks asleep here, longest waiting first,
     * to the end of {@code other} without waking them (futex(2)'s
     * FUTEX_CMP_REQUEUE): from then on a wake of {@code other} wakes them.
     * Returns how many moved.
     */
    public int moveTo(WaitQueue other, int max) {
        if (other == this) return 0;
        int moved = 0;
        ListNode<Task> n = waiters.firstNode();
        while (n != null && moved < max) {
            ListNode<Task> next = waiters.nextNode(n);
            if (n.owner().isBlocked()) { // a task already woken is on its way out; it takes itself off
                waiters.remove(n);
                other.waiters.addLast(n);
                moved++;
            }
            n = next;
        }
        return moved;
    }

    /** Wakes every waiter; returns how many were asleep. */
    public int wakeAll(Executor ex) {
        int n = 0;
        Task t;
        while ((t = waiters.pollFirst()) != null) if (ex.wake(t, WakeReason.WOKEN)) n++;
        return n;
    }
}
