package lichen.libkernel.async;

/**
 * Which runnable task the executor runs next. The executor tells it of every
 * task that becomes runnable ({@link #enqueue}: spawned or woken), asks it for
 * the next one ({@link #pick}), and reports how each turn ended ({@link #ran})
 * with the time it took, so a fair scheduler can charge it.
 */
public interface Scheduler {
    /** How a turn ended. */
    int YIELDED = 0, BLOCKED = 1, FINISHED = 2;

    /** A task became runnable: spawned, or woken from a wait. */
    void enqueue(Task t);

    /** The task to run now, or null when none is runnable. */
    Task pick(long now);

    /** The task {@link #pick} gave ran for {@code nanos} and then yielded, blocked or finished. */
    void ran(Task t, long nanos, int outcome);

    /** A task's nice value changed (setpriority(2)); a scheduler without weights ignores it. */
    void reweight(Task t, int nice);
}
