package lichen.libkernel.async;

import lichen.api.Async;
import lichen.libkernel.container.IntrusiveList;
import lichen.libkernel.container.ListNode;

/**
 * Runs tasks on one CPU: a {@link Scheduler} that picks what runs, a
 * deadline-ordered timer list, and the three ways a blocked task comes back
 * (woken, timed out, interrupted by a signal). The platform supplies the
 * continuations and the clock, so the same logic runs in the kernel and,
 * deterministically, in JVM tests. Each turn is timed with the clock and
 * charged to the task ({@link Scheduler#ran}).
 *
 * <p>The kernel schedules with EEVDF (sched.EevdfScheduler); the FIFO
 * scheduler, the default here, gives the order tests of the executor's own
 * logic reason about.
 */
public class Executor {
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Continuations continuations;
    private final Clock clock;
    private final Scheduler scheduler;
    private final IntrusiveList<Task> timers = new IntrusiveList<>();
    private Task current;
    private int nextId = 1;
    private int live;
    private long switches;
    private long wakes;
    /** The length of every finished turn, summed: the CPU's busy time (what is not idle). */
    private long busyNanos;
    /** Tasks runnable and waiting for a turn (not counting the one running). */
    private int runnable;

    private Runnable deferred;

    /** An executor with FIFO scheduling. */
    public Executor(Continuations continuations, Clock clock) { this(continuations, clock, new FifoScheduler()); }

    public Executor(Continuations continuations, Clock clock, Scheduler scheduler) {
        this.continuations = continuations;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public long now() { return clock.now(); }

    /** The task running now, or null outside any task. */
    public Task current() { return current; }

    private long turnStart;

    /** Tasks spawned and not finished. */
    public int liveTasks() { return live; }

    /** Times a task was resumed. */
    public long contextSwitches() { return switches; }

    /** Nanoseconds the CPU has spent running tasks, the turn in progress included. */
    public long busyNanos() { return busyNanos + currentTurnNanos(); }

    /** Nanoseconds {@code t} has run (Linux's sum_exec_runtime), its turn in progress included. */
    public long runNanos(Task t) { return t.runNanos + (t == current ? currentTurnNanos() : 0); }

    /** Tasks runnable now: those waiting for a turn, and the one running if any (Linux's nr_running). */
    public int runnableTasks() { return runnable + (current != null ? 1 : 0); }

    /** Starts a task; it runs when the executor reaches it. */
    public Task spawn(String name, AsyncBody body) { return spawn(name, 0, body); }

    /** Starts a task with a nice value (-20..19: its weight under a fair scheduler). */
    public Task spawn(String name, int nice, AsyncBody body) {
        Task t = new Task(nextId++, name);
        t.nice = nice;
        t.continuation = continuations.create(body);
        scheduler.enqueue(t);
        runnable++;
        live++;
        return t;
    }

    /** setpriority(2) for a task: its weight from now on. */
    public void setNice(Task t, int nice) {
        t.nice = nice;
        scheduler.reweight(t, nice);
    }

    /**
     * Blocks the current task until {@link #wake}, {@link #interrupt} (when
     * {@code interruptible}) or the absolute {@code deadline}; returns the
     * {@link WakeReason}. Wait queues call it after queueing the task.
     */
    @Async
    public int block(long deadline, boolean interruptible) {
        Task t = requireCurrent();
        if (interruptible && t.signalPending) return WakeReason.INTERRUPTED;
        if (deadline != NO_DEADLINE && deadline <= clock.now()) return WakeReason.TIMED_OUT;
        t.state = Task.BLOCKED;
        t.interruptible = interruptible;
        t.wakeReason = WakeReason.WOKEN;
        if (deadline != NO_DEADLINE) armTimer(t, deadline);
        continuations.suspend();
        return t.wakeReason;
    }

    /** Sleeps for {@code nanos} (nanosleep): 0, or -EINTR when a signal ends it early. */
    @Async
    public int sleep(long nanos, boolean interruptible) {
        long deadline = nanos >= NO_DEADLINE - clock.now() ? NO_DEADLINE - 1 : clock.now() + nanos;
        int r = block(deadline, interruptible);
        return r == WakeReason.TIMED_OUT ? 0 : r;
    }

    /** Lets every other runnable task run once before the current one continues. */
    @Async
    public void yieldNow() {
        Task t = requireCurrent();
        t.state = Task.RUNNABLE;
        runnable++;
        continuations.suspend();
    }

    /** Waits for {@code t} to finish; 0, or -EINTR. */
    @Async
    public int join(Task t, boolean interruptible) {
        Task me = requireCurrent();
        while (!t.isDone()) {
            t.joiners.addLast(me.joinNode);
            int r = block(NO_DEADLINE, interruptible);
            if (me.joinNode.isLinked()) t.joiners.remove(me.joinNode);
            if (r == WakeReason.INTERRUPTED) return r;
        }
        return 0;
    }

    /** Makes a blocked task runnable with {@code reason}; false when it was not blocked (already woken). */
    public boolean wake(Task t, int reason) {
        if (t.state != Task.BLOCKED) return false;
        if (t.timerNode.isLinked()) timers.remove(t.timerNode);
        t.deadline = NO_DEADLINE;
        t.wakeReason = reason;
        t.state = Task.RUNNABLE;
        t.wakeSequence = ++wakes;
        scheduler.enqueue(t);
        runnable++;
        return true;
    }

    /** Delivers a signal: marks it pending and ends an interruptible sleep with -EINTR. */
    public void interrupt(Task t) {
        if (t.state == Task.DONE) return;
        t.signalPending = true;
        if (t.state == Task.BLOCKED && t.interruptible) wake(t, WakeReason.INTERRUPTED);
    }

    private void armTimer(Task t, long deadline) {
        t.deadline = deadline;
        // Insert after every timer with an earlier or equal deadline: equal deadlines fire in arming order.
        ListNode<Task> n = timers.lastNode();
        while (n != null && n.owner().deadline > deadline) n = timers.prevNode(n);
        if (n == null) timers.addFirst(t.timerNode);
        else if (timers.nextNode(n) == null) timers.addLast(t.timerNode);
        else timers.addBefore(timers.nextNode(n), t.timerNode);
    }

    /** The earliest armed deadline, or NO_DEADLINE. */
    public long nextDeadline() {
        Task t = timers.first();
        return t == null ? NO_DEADLINE : t.deadline;
    }

    /** Wakes every task whose deadline has passed; returns how many. */
    public int fireTimers() {
        int n = 0;
        long now = clock.now();
        while (!timers.isEmpty() && timers.first().deadline <= now) {
            wake(timers.first(), WakeReason.TIMED_OUT);
            n++;
        }
        return n;
    }

    /** How long the running task's current turn has lasted (0 outside a task): a tick preempts only a task past its slice. */
    public long currentTurnNanos() { return current == null ? 0 : clock.now() - turnStart; }

    /**
     * Work that interrupt handlers leave for task context (as Linux's
     * softirqs are), run before every turn: it may wake tasks but must not
     * sleep. Null for none.
     */
    public void setDeferredWork(Runnable work) { deferred = work; }

    /** Runs the next runnable task until it blocks, yields or ends; false when none was runnable. */
    public boolean runOne() {
        if (deferred != null) deferred.run();
        fireTimers();
        long start = clock.now();
        turnStart = start;
        Task t = scheduler.pick(start);
        if (t == null) return false;
        runnable--;
        current = t;
        t.state = Task.RUNNING;
        switches++;
        t.continuation.resume();
        long ran = clock.now() - start;
        current = null;
        t.runNanos += ran;
        busyNanos += ran;
        if (t.continuation.isDone()) {
            t.state = Task.DONE;
            live--;
            scheduler.ran(t, ran, Scheduler.FINISHED);
            Task j;
            while ((j = t.joiners.pollFirst()) != null) wake(j, WakeReason.WOKEN);
        } else if (t.state == Task.RUNNING) {
            throw new IllegalStateException(t + " suspended without blocking or yielding");
        } else {
            if (t.state == Task.RUNNABLE) t.involuntarySwitches++;
            else t.voluntarySwitches++;
            scheduler.ran(t, ran, t.state == Task.RUNNABLE ? Scheduler.YIELDED : Scheduler.BLOCKED);
        }
        return true;
    }

    /**
     * Runs until nothing is runnable; while timers are armed, asks the clock
     * to idle until the next one. Returns when all tasks are done or blocked
     * without a deadline (or the clock cannot idle).
     */
    public void runUntilIdle() {
        while (true) {
            if (runOne()) continue;
            long d = nextDeadline();
            if (d == NO_DEADLINE || !clock.idleUntil(d)) return;
        }
    }

    /** Runs while the clock is before {@code until}, then fires what is due at it. */
    public void runUntil(long until) {
        while (true) {
            if (runOne()) continue;
            long d = nextDeadline();
            if (d > until) {
                if (clock.now() < until && clock.idleUntil(until)) continue; // a real clock may wake early
                return;
            }
            if (!clock.idleUntil(d)) return;
        }
    }

    private Task requireCurrent() {
        if (current == null) throw new IllegalStateException("not inside a task");
        return current;
    }
}
