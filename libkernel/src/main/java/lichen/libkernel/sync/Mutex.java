package lichen.libkernel.sync;

import lichen.api.Async;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Task;
import lichen.libkernel.async.WakeReason;

/**
 * A sleeping lock owned by a task. Unlock hands ownership straight to the
 * longest waiter (FIFO, no barging), so a waiter cannot starve. Relocking by
 * the owner and unlocking by anyone else are bugs and panic.
 */
public final class Mutex {
    private final WaitQueue waiters = new WaitQueue();
    private Task owner;

    public Task owner() { return owner; }

    public boolean isLocked() { return owner != null; }

    public int waiting() { return waiters.waiting(); }

    /** Takes the lock without sleeping; returns whether it did. */
    public boolean tryLock(Executor ex) {
        if (owner != null) return false;
        owner = ex.current();
        return true;
    }

    @Async
    public void lock(Executor ex) {
        int r = acquire(ex, false);
        if (r != 0) throw new IllegalStateException("uninterruptible mutex wait ended with " + r);
    }

    /** mutex_lock_interruptible: 0 with the lock held, or -EINTR without it. */
    @Async
    public int lockInterruptible(Executor ex) { return acquire(ex, true); }

    @Async
    private int acquire(Executor ex, boolean interruptible) {
        Task me = ex.current();
        if (owner == me) throw new IllegalStateException("mutex relocked by its owner " + me);
        if (owner == null) {
            owner = me;
            return 0;
        }
        int r = waiters.sleep(ex, Executor.NO_DEADLINE, interruptible);
        if (r == WakeReason.WOKEN) {
            if (owner != me) throw new IllegalStateException("woken without the mutex");
            return 0;
        }
        return r == WakeReason.INTERRUPTED ? -Errno.EINTR : r;
    }

    /** Releases the lock, handing it to the first waiter still asleep. */
    public void unlock(Executor ex) {
        if (owner != ex.current()) throw new IllegalStateException("mutex unlocked by " + ex.current() + ", owner " + owner);
        // wakeOne reports only a task it actually woke (not one a signal already woke): that task owns the lock now.
        owner = waiters.wakeOne(ex);
    }
}
