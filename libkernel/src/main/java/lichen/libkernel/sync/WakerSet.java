package lichen.libkernel.sync;

import lichen.libkernel.async.Waker;

/**
 * The wakers registered on one event source, for poll(2)/select(2): a task
 * waiting on several files registers one waker with each, sleeps once, and
 * unregisters on return. Registration is by identity.
 */
public final class WakerSet {
    private Waker[] wakers = new Waker[4];
    private int count;

    public int size() { return count; }

    public void add(Waker w) {
        if (count == wakers.length) {
            Waker[] bigger = new Waker[wakers.length * 2];
            System.arraycopy(wakers, 0, bigger, 0, count);
            wakers = bigger;
        }
        wakers[count++] = w;
    }

    /** Removes one registration of {@code w}; returns whether it was there. */
    public boolean remove(Waker w) {
        for (int i = 0; i < count; i++) {
            if (wakers[i] == w) {
                System.arraycopy(wakers, i + 1, wakers, i, count - i - 1);
                wakers[--count] = null;
                return true;
            }
        }
        return false;
    }

    /** Calls every registered waker, oldest first; they stay registered. Returns how many were called. */
    public int wakeAll() { return wakeAll(0); }

    /** As {@link #wakeAll()}, telling each waker which poll bits changed ({@link Waker#wake(int)}; 0: any). */
    public int wakeAll(int events) {
        int n = count;
        for (int i = 0; i < n && i < count; i++) wakers[i].wake(events);
        return n;
    }
}
