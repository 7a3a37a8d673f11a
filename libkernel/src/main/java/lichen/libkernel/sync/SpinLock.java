package lichen.libkernel.sync;

import lichen.api.AtomicWord;
import lichen.api.Unsafe;

/**
 * A test-and-set spinlock on an {@link AtomicWord}: the word holds 0 when
 * free, else 1 + the owning CPU. Held only for short, non-sleeping sections:
 * jcc rejects an {@code @Async} call while a {@link SpinGuard} is live.
 * {@link #lockIrqSave} also masks interrupts, for data an interrupt handler
 * shares. Taking a lock the same CPU holds is a deadlock and panics.
 */
@Unsafe
public final class SpinLock {
    private final AtomicWord word = new AtomicWord(0);
    private long acquisitions;
    private long contended;

    /** Spins until the lock is taken; close the guard to release it. */
    public SpinGuard lock() {
        acquire();
        return new SpinGuard(this, false, false);
    }

    /** Masks IRQs, then locks; closing the guard unlocks and restores the IRQ mask (spin_lock_irqsave). */
    public SpinGuard lockIrqSave() {
        boolean was = Cpus.current().disableIrqs();
        acquire();
        return new SpinGuard(this, true, was);
    }

    /** Takes the lock if it is free; returns whether it did. */
    public boolean tryLock() {
        if (!word.compareAndSet(0, 1 + Cpus.currentCpu())) return false;
        acquisitions++;
        return true;
    }

    private void acquire() {
        long me = 1 + Cpus.currentCpu();
        if (word.compareAndSet(0, me)) {
            acquisitions++;
            return;
        }
        if (word.get() == me) throw new IllegalStateException("spinlock deadlock: CPU " + (me - 1) + " already holds it");
        contended++;
        while (!word.compareAndSet(0, me)) {
            // spin: jcc lowers AtomicWord to exclusive loads, which let WFE-based waiting come later
        }
        acquisitions++;
    }

    /** Releases the lock; only its holder may. */
    public void unlock() {
        long me = 1 + Cpus.currentCpu();
        if (!word.compareAndSet(me, 0)) throw new IllegalStateException("spinlock released by CPU " + (me - 1) + " which does not hold it");
    }

    public boolean isLocked() { return word.get() != 0; }

    /** The CPU holding it, or -1. */
    public int holder() { return (int) word.get() - 1; }

    public long acquisitions() { return acquisitions; }

    public long contentions() { return contended; }
}
