package lichen.libkernel.async;

import lichen.api.Slab;
import lichen.libkernel.container.ListNode;

/**
 * A kernel task: a continuation with its run state, its nice value and
 * scheduler entity, the links that put it on a FIFO run queue, one wait queue
 * and the timer list, the reason it was woken,
 * and whether a signal is pending (which ends interruptible sleeps, as
 * TASK_INTERRUPTIBLE does in Linux).
 */
@Slab
public final class Task {
    public static final int RUNNABLE = 0, RUNNING = 1, BLOCKED = 2, DONE = 3;

    private final int id;
    private final String name;
    Continuation continuation;
    int state = RUNNABLE;
    int wakeReason;
    boolean interruptible;
    boolean signalPending;
    long deadline = Executor.NO_DEADLINE;
    int nice;
    private Object owner;
    /** The executor's count of wakes when this task was last woken: the order tasks were woken in. */
    long wakeSequence;
    /** The EEVDF scheduler's state for this task, made by the scheduler on first use. */
    private lichen.libkernel.sched.SchedEntity schedEntity;
    final ListNode<Task> runNode = new ListNode<>(this);
    final ListNode<Task> timerNode = new ListNode<>(this);
    /** The link a {@code WaitQueue} holds the task by; a task waits on one queue at a time. */
    public final ListNode<Task> waitNode = new ListNode<>(this);
    final ListNode<Task> joinNode = new ListNode<>(this);
    final lichen.libkernel.container.IntrusiveList<Task> joiners = new lichen.libkernel.container.IntrusiveList<>();
    /** CPU time: every finished turn's length (Linux's sum_exec_runtime), and the part of it spent in user mode. */
    long runNanos;
    /** The CPU it is queued on or last ran on (-1 before its first placement). */
    int cpu = -1;
    /** The CPUs it may run on, bit n for CPU n (sched_setaffinity(2)). */
    long cpuMask = -1L;
    private long userNanos;
    /** When the task last entered user mode (0: it is in the kernel). */
    /** Turns that ended by blocking (a voluntary switch) and by yielding (a preemption), as /proc/PID/status counts them. */
    long voluntarySwitches, involuntarySwitches;

    Task(int id, String name) {
        this.id = id;
        this.name = name;
    }

    public int id() { return id; }

    /** The CPU it is queued on or last ran on, -1 before it was first placed. */
    public int cpu() { return cpu; }

    /** The CPUs it may run on, bit n for CPU n. */
    public long cpuMask() { return cpuMask; }

    /** Where it may run from its next placement on (a running task moves at its next yield). */
    public void setCpuMask(long mask) { cpuMask = mask; }

    /** What the task runs for, set by its creator (the kernel: the user process whose thread it is), or null. */
    public Object owner() { return owner; }

    public void setOwner(Object o) { owner = o; }

    public String name() { return name; }

    public int state() { return state; }

    /** When the task was last woken, as the executor's count of wakes so far (0: never). */
    public long wakeSequence() { return wakeSequence; }

    /** The nice value, -20..19 (setpriority(2)); 0 unless set. */
    public int nice() { return nice; }

    public lichen.libkernel.sched.SchedEntity schedEntity() { return schedEntity; }

    public void setSchedEntity(lichen.libkernel.sched.SchedEntity se) { schedEntity = se; }

    public boolean isDone() { return state == DONE; }

    public boolean isBlocked() { return state == BLOCKED; }

    public boolean isRunning() { return state == RUNNING; }

    public boolean signalPending() { return signalPending; }

    /** Forgets a pending signal once it has been delivered. */
    public void clearSignal() { signalPending = false; }

    /** Whether the current sleep ends on a signal. */
    public boolean isInterruptible() { return interruptible; }

    /** Nanoseconds of finished turns; {@link Executor#runNanos} adds the turn in progress. */
    public long finishedRunNanos() { return runNanos; }

    /** Nanoseconds spent in user mode, as charged by {@link #chargeUser}. */
    public long userNanos() { return userNanos; }

    public long voluntarySwitches() { return voluntarySwitches; }

    public long involuntarySwitches() { return involuntarySwitches; }

    /** {@code ns} more of user time, measured elsewhere (ticks that landed in user mode). */
    public void chargeUser(long ns) { userNanos += ns; }

    @Override
    public String toString() { return "Task#" + id + "(" + name + ")"; }
}
