package lichen.libkernel.async;

import lichen.api.Async;
import lichen.libkernel.container.IntrusiveList;
import lichen.libkernel.container.ListNode;
import lichen.libkernel.sync.Cpus;

import java.util.function.IntConsumer;

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
 *
 * <p>On a multiprocessor each CPU has its own scheduler (run queue), its
 * own running task and turn, and runs {@link #runOne} itself; a task made
 * runnable goes to the least-loaded CPU its mask allows ({@link #placeOf}),
 * and that CPU is kicked ({@link #setKick}: an IPI) when it is not the
 * caller. The executor has no lock of its own: its caller serialises every
 * call (the kernel's big lock, docs/kernel.md "SMP").
 */
public class Executor {
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Continuations continuations;
    private final Clock clock;
    /** One scheduler a CPU; {@code schedulers[c]} holds the tasks queued on CPU c. */
    private final Scheduler[] schedulers;
    private final IntrusiveList<Task> timers = new IntrusiveList<>();
    /** The task each CPU runs now (null in its executor's own context). */
    private final Task[] current;
    /** When each CPU's current turn began. */
    private final long[] turnStarts;
    /** Tasks queued and waiting for a turn on each CPU (not counting the one running). */
    private final int[] queued;
    /** The CPUs that run this executor's tasks, bit n for CPU n: CPU 0 alone until others join. */
    private long cpusRunning = 1;
    private IntConsumer kick;
    private Runnable betweenTurns;
    private int nextId = 1;
    private int live;
    private long switches;
    private long wakes;
    /** Tasks made runnable on a CPU other than the one that made them so (each a kick, an IPI in the kernel). */
    private long placedElsewhere;
    /** The length of every finished turn, summed: the CPU's busy time (what is not idle). */
    private long busyNanos;

    private Runnable deferred;

    /** An executor with FIFO scheduling. */
    public Executor(Continuations continuations, Clock clock) { this(continuations, clock, new FifoScheduler()); }

    public Executor(Continuations continuations, Clock clock, Scheduler scheduler) {
        this(continuations, clock, new Scheduler[] {scheduler});
    }

    /** An executor for {@code schedulers.length} CPUs, one scheduler each; CPU 0 runs tasks from the start, the others once they {@link #join}. */
    public Executor(Continuations continuations, Clock clock, Scheduler[] schedulers) {
        this.continuations = continuations;
        this.clock = clock;
        this.schedulers = schedulers;
        this.current = new Task[schedulers.length];
        this.turnStarts = new long[schedulers.length];
        this.queued = new int[schedulers.length];
    }

    /** CPU {@code cpu} runs tasks from now on: placement may choose it. */
    public void join(int cpu) {
        if (cpu >= 0 && cpu < schedulers.length) cpusRunning |= 1L << cpu;
    }

    /** The CPUs that run tasks, bit n for CPU n. */
    public long cpusRunning() { return cpusRunning; }

    /** What wakes CPU n when a task is placed there by another CPU (an IPI); null for nothing. */
    public void setKick(IntConsumer kick) { this.kick = kick; }

    /**
     * What each CPU does before every turn, where no task is half-way through one (the kernel gives
     * its big lock up for a moment there, so a CPU does not keep it while it turns from task to task); null for nothing.
     */
    public void setBetweenTurns(Runnable r) { betweenTurns = r; }

    /** The scheduler of CPU {@code cpu}. */
    public Scheduler scheduler(int cpu) { return schedulers[cpu]; }

    private int here() {
        int c = Cpus.currentCpu();
        return c < schedulers.length ? c : 0;
    }

    public long now() { return clock.now(); }

    /** The task running now on this CPU, or null outside any task. */
    public Task current() { return current[here()]; }

    /** Tasks spawned and not finished. */
    public int liveTasks() { return live; }

    /** Times a task was resumed. */
    public long contextSwitches() { return switches; }

    /** Nanoseconds the CPU has spent running tasks, the turn in progress included. */
    public long busyNanos() { return busyNanos + currentTurnNanos(); }

    /** Nanoseconds {@code t} has run (Linux's sum_exec_runtime), its turn in progress included. */
    public long runNanos(Task t) {
        if (t.state != Task.RUNNING || t.cpu < 0 || current[t.cpu] != t) return t.runNanos;
        return t.runNanos + clock.now() - turnStarts[t.cpu];
    }

    /** Tasks runnable now: those waiting for a turn, and the one running if any (Linux's nr_running). */
    public int runnableTasks() {
        int n = 0;
        for (int c = 0; c < schedulers.length; c++) n += queued[c] + (current[c] != null ? 1 : 0);
        return n;
    }

    /** Tasks runnable on CPU {@code cpu}: those queued there and the one it runs. */
    public int runnableOn(int cpu) { return queued[cpu] + (current[cpu] != null ? 1 : 0); }

    /**
     * The CPU for a task becoming runnable: of those running tasks that its
     * mask allows, the one with the fewest runnable tasks, its previous CPU
     * on a tie (a warm cache), else the lowest. CPU 0 when none is allowed.
     */
    int placeOf(Task t) {
        int best = -1;
        for (int c = 0; c < schedulers.length; c++) {
            if ((cpusRunning & 1L << c) == 0 || (t.cpuMask & 1L << c) == 0) continue;
            if (best < 0 || runnableOn(c) < runnableOn(best) || (runnableOn(c) == runnableOn(best) && c == t.cpu)) best = c;
        }
        return best < 0 ? 0 : best;
    }

    /**
     * The CPU for a woken task: the waker's, when a task of the waker's CPU woke it, nothing else is
     * queued there and the mask allows it (a wake-affine placement, as Linux's wake_affine for a sync
     * wake-up): the waker usually blocks next (a pipe's other end, a parent's wait4 ended by the exit of
     * its child), and the woken task then runs on this CPU without an IPI, a wait for the other vCPU to
     * leave WFI, or the big kernel lock passed between CPUs. Otherwise {@link #placeOf}.
     */
    int placeWoken(Task t) {
        int w = here();
        if (current[w] != null && current[w] != t && queued[w] == 0 && (t.cpuMask & 1L << w) != 0
                && (cpusRunning & 1L << w) != 0) {
            return w;
        }
        return placeOf(t);
    }

    /** Queues {@code t} on the CPU placement chooses, and wakes that CPU if it is another. */
    private void enqueue(Task t) { enqueueOn(t, placeOf(t)); }

    private void enqueueOn(Task t, int c) {
        t.cpu = c;
        schedulers[c].enqueue(t);
        queued[c]++;
        if (c != here()) {
            placedElsewhere++;
            if (kick != null) kick.accept(c);
        }
    }

    /** Tasks made runnable on another CPU than the caller's, so far. */
    public long placedElsewhere() { return placedElsewhere; }

    /** Starts a task; it runs when the executor reaches it. */
    public Task spawn(String name, AsyncBody body) { return spawn(name, 0, body); }

    /** Starts a task with a nice value (-20..19: its weight under a fair scheduler). */
    public Task spawn(String name, int nice, AsyncBody body) { return spawn(name, nice, -1L, body); }

    /** Starts a task that may run only on the CPUs in {@code cpuMask} (bit n for CPU n). */
    public Task spawn(String name, int nice, long cpuMask, AsyncBody body) {
        Task t = new Task(nextId++, name);
        t.nice = nice;
        t.cpuMask = cpuMask;
        t.continuation = continuations.create(body);
        live++;
        enqueue(t);
        return t;
    }

    /** setpriority(2) for a task: its weight from now on. */
    public void setNice(Task t, int nice) {
        t.nice = nice;
        if (t.cpu >= 0) schedulers[t.cpu].reweight(t, nice);
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
        queued[t.cpu]++;
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
        enqueueOn(t, placeWoken(t));
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
    public long currentTurnNanos() {
        int c = here();
        return current[c] == null ? 0 : clock.now() - turnStarts[c];
    }

    /**
     * Work that interrupt handlers leave for task context (as Linux's
     * softirqs are), run before every turn: it may wake tasks but must not
     * sleep. Null for none.
     */
    public void setDeferredWork(Runnable work) { deferred = work; }

    /** Runs the next runnable task on this CPU until it blocks, yields or ends; false when none was runnable. */
    public boolean runOne() {
        if (betweenTurns != null) betweenTurns.run();
        if (deferred != null) deferred.run();
        fireTimers();
        int cpu = here();
        Scheduler scheduler = schedulers[cpu];
        long start = clock.now();
        turnStarts[cpu] = start;
        Task t = scheduler.pick(start);
        if (t == null) return false;
        queued[cpu]--;
        current[cpu] = t;
        t.state = Task.RUNNING;
        switches++;
        t.continuation.resume();
        long ran = clock.now() - start;
        current[cpu] = null;
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
        } else if (t.state == Task.RUNNABLE && (t.cpuMask & 1L << cpu) == 0) {
            // It yielded after its mask left this CPU (sched_setaffinity): it leaves this queue for an allowed CPU's.
            t.involuntarySwitches++;
            scheduler.ran(t, ran, Scheduler.BLOCKED);
            queued[cpu]--;
            enqueue(t);
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
        Task t = current[here()];
        if (t == null) throw new IllegalStateException("not inside a task");
        return t;
    }
}
