package lichen.libkernel.sched;

import lichen.libkernel.async.Scheduler;
import lichen.libkernel.async.Task;

/**
 * The executor's EEVDF scheduler: one {@link EevdfRunQueue} of the tasks'
 * {@link SchedEntity}s. A runnable task is queued; the running one stays
 * queued as the run queue's current entity and is charged the time it ran;
 * a task that blocks or finishes leaves with its lag saved (a woken task is
 * placed by it); a task that yields keeps its place but gives up the rest of
 * its slice, its deadline moved one slice on (as Linux's yield_task_fair), so
 * an equal competitor goes first.
 */
public final class EevdfScheduler implements Scheduler {
    /** The slice a task asks for: Linux's 0.75 ms base slice scaled for a few CPUs is about this. */
    public static final long SLICE_NS = 3_000_000;

    private final EevdfRunQueue queue = new EevdfRunQueue();

    public EevdfRunQueue runQueue() { return queue; }

    @Override
    public void enqueue(Task t) { queue.enqueue(entity(t)); }

    @Override
    public Task pick(long now) {
        SchedEntity se = queue.pickNext(now);
        return se == null ? null : (Task) se.owner();
    }

    @Override
    public void ran(Task t, long nanos, int outcome) {
        SchedEntity se = entity(t);
        queue.tick(Math.max(0, nanos));
        if (outcome == YIELDED) queue.yieldCurrent();
        else queue.dequeue(se);
    }

    @Override
    public void reweight(Task t, int nice) { queue.setNice(entity(t), nice); }

    /** The task's entity, made on first use with its nice value. */
    private static SchedEntity entity(Task t) {
        SchedEntity se = t.schedEntity();
        if (se == null) {
            se = new SchedEntity(t.id(), t.nice(), SLICE_NS);
            se.owner = t;
            t.setSchedEntity(se);
        }
        return se;
    }
}
