package lichen.libkernel.sync;

import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Task;
import lichen.libkernel.async.WakeReason;
import lichen.libkernel.async.Waker;

/**
 * One poll(2)/select(2) call's registrations (Linux's poll_table): the first
 * pass over the files adds one waker to each file's {@link WakerSet}; later
 * passes only ask for readiness. The waker notes that it fired as well as
 * waking the task, so an event between a pass and the sleep is not lost: the
 * caller checks {@link #takeTriggered} before it blocks.
 */
public final class PollTable {
    private final Waker waker;
    private WakerSet[] sets = new WakerSet[8];
    private int count;
    private boolean collecting = true;
    private boolean triggered;

    public PollTable(Executor ex, Task t) {
        waker = () -> {
            triggered = true;
            ex.wake(t, WakeReason.WOKEN);
        };
    }

    /**
     * A table whose registrations call {@code waker} instead of waking a task:
     * an epoll(7) entry's, which lives as long as the entry and queues it as
     * ready ({@link #takeTriggered} is then never set).
     */
    public PollTable(Waker waker) { this.waker = waker; }

    /** A file's poll method calls this with the set that its state changes wake (poll_wait). */
    public void wait(WakerSet s) {
        if (!collecting) return;
        for (int i = 0; i < count; i++) if (sets[i] == s) return;
        if (count == sets.length) {
            WakerSet[] bigger = new WakerSet[count * 2];
            System.arraycopy(sets, 0, bigger, 0, count);
            sets = bigger;
        }
        sets[count++] = s;
        s.add(waker);
    }

    /** The first pass is over: later passes register nothing more. */
    public void stopCollecting() { collecting = false; }

    /** Whether an event came since the last call, clearing it. */
    public boolean takeTriggered() {
        boolean t = triggered;
        triggered = false;
        return t;
    }

    /** Takes the waker off every set it was added to (the call is returning). */
    public void release() {
        for (int i = 0; i < count; i++) {
            sets[i].remove(waker);
            sets[i] = null;
        }
        count = 0;
    }
}
