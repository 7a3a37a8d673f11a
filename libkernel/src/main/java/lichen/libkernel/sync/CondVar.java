package lichen.libkernel.sync;

import lichen.api.Async;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Task;

/**
 * A condition variable used with a {@link Mutex} (pthread_cond semantics):
 * {@link #await} queues the caller before it drops the mutex, so a signal
 * sent after the caller saw the condition false cannot be lost, and retakes
 * the mutex before returning whatever woke it.
 */
public final class CondVar {
    private final WaitQueue waiters = new WaitQueue();

    public int waiting() { return waiters.waiting(); }

    /** Waits with {@code m} held: 0 when signalled, -ETIMEDOUT at {@code deadline}, -EINTR on a signal if interruptible. */
    @Async
    public int await(Executor ex, Mutex m, long deadline, boolean interruptible) {
        Task me = ex.current();
        waiters.enqueue(me);
        m.unlock(ex);
        int r = ex.block(deadline, interruptible);
        waiters.dequeue(me);
        m.lock(ex);
        return r;
    }

    @Async
    public int await(Executor ex, Mutex m) { return await(ex, m, Executor.NO_DEADLINE, false); }

    /** Wakes one waiter; returns whether there was one. */
    public boolean signal(Executor ex) { return waiters.wakeOne(ex) != null; }

    /** Wakes every waiter; returns how many. */
    public int broadcast(Executor ex) { return waiters.wakeAll(ex); }
}
