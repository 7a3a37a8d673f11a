package lichen.libkernel.async;

import lichen.libkernel.container.IntrusiveList;

/**
 * Runnable tasks in the order they became runnable, a yielding task at the
 * back: the order tests of the executor's own logic reason about.
 */
public final class FifoScheduler implements Scheduler {
    private final IntrusiveList<Task> queue = new IntrusiveList<>();

    @Override
    public void enqueue(Task t) { queue.addLast(t.runNode); }

    @Override
    public Task pick(long now) { return queue.pollFirst(); }

    @Override
    public void ran(Task t, long nanos, int outcome) {
        if (outcome == YIELDED) queue.addLast(t.runNode);
    }

    @Override
    public void reweight(Task t, int nice) {}
}
