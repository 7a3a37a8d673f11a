package lichen.kernel.signal;

import lichen.api.Async;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Task;

/**
 * A process's ITIMER_REAL (man 2 setitimer): SIGALRM when the wall-clock
 * deadline passes, then again every interval if one is set. A kernel task
 * sleeps until the deadline; re-arming or cancelling wakes it to read the
 * new one. The task ends when the timer is disarmed.
 */
public final class RealTimer {
    private final Process owner;
    private long deadline, interval;
    private Task task;

    private RealTimer(Process owner) { this.owner = owner; }

    /** The process's timer, made on first use. */
    public static RealTimer of(Process p) {
        Process leader = p.leader(); // one per process, shared by its threads (signal_struct's real_timer)
        if (leader.realTimer() == null) leader.setRealTimer(new RealTimer(leader));
        return leader.realTimer();
    }

    /** Nanoseconds until it fires (0: disarmed). */
    public long remaining() {
        if (deadline == 0) return 0;
        long left = deadline - Processes.executor().now();
        return left > 0 ? left : 1;
    }

    public long interval() { return interval; }

    /** Arms it to fire in {@code value} ns and then every {@code every} ns (0, 0 disarms). */
    public void set(long value, long every) {
        Executor ex = Processes.executor();
        deadline = value == 0 ? 0 : ex.now() + value;
        interval = value == 0 ? 0 : every;
        if (task != null) ex.interrupt(task);
        else if (deadline != 0) task = ex.spawn("itimer", this::run);
    }

    @Async
    private void run() {
        Executor ex = Processes.executor();
        while (deadline != 0 && owner.state() == Process.LIVE) {
            long wait = deadline - ex.now();
            if (wait > 0) {
                ex.sleep(wait, true);
                ex.current().clearSignal();
                continue;
            }
            Signals.send(owner, Signals.SIGALRM, Signals.SI_KERNEL, 0, 0, 0);
            deadline = interval == 0 ? 0 : deadline + interval;
        }
        task = null;
    }
}
