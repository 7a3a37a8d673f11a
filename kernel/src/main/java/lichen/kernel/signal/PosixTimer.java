package lichen.kernel.signal;

import lichen.api.Async;
import lichen.fs.event.IntervalTimer;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Task;

/**
 * One POSIX per-process timer (man 2 timer_create): an {@link IntervalTimer}
 * whose expirations send a signal to the process, or to one of its threads
 * (SIGEV_THREAD_ID), with si_code SI_TIMER and the sigev_value asked for;
 * SIGEV_NONE sends nothing. An expiration while the last signal is still
 * pending is an overrun (timer_getoverrun(2)). A kernel task sleeps until
 * each deadline while the timer is armed.
 */
public final class PosixTimer {
    public static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD_ID = 4;

    final Process owner;
    public final int id, clock;
    final int notify, signal;
    final long value;
    /** The thread SIGEV_THREAD_ID names, else the process. */
    final Process target;
    private final IntervalTimer timer = new IntervalTimer();
    private int overrun, lastOverrun;
    private Task waker;
    boolean deleted;

    PosixTimer(Process owner, int id, int clock, int notify, int signal, long value, Process target) {
        this.owner = owner;
        this.id = id;
        this.clock = clock;
        this.notify = notify;
        this.signal = signal;
        this.value = value;
        this.target = target;
    }

    private static Executor executor() { return Processes.executor(); }

    /** Arms it for the monotonic {@code at} (0 disarms), then every {@code every} ns. */
    public void set(long at, long every) {
        timer.arm(at, every);
        overrun = 0;
        lastOverrun = 0; // timer_settime starts the count again, as Linux's common_timer_set does
        Executor ex = executor();
        if (waker != null) ex.interrupt(waker);
        else if (at != 0) waker = ex.spawn("posix-timer", this::run);
    }

    /** Nanoseconds to the next expiration (0: disarmed); a periodic timer's missed expirations are overruns. */
    public long remaining() {
        long now = executor().now();
        if (timer.armed() && now >= timer.deadline()) fire(timer.expire(now));
        return timer.remaining(now);
    }

    public long interval() { return timer.interval(); }

    /** timer_getoverrun(2): the overruns the last signal sent carries. */
    public int overrun() { return lastOverrun; }

    void delete() {
        deleted = true;
        timer.arm(0, 0);
        if (waker != null) executor().interrupt(waker);
    }

    @Async
    private void run() {
        Executor ex = executor();
        while (timer.armed() && !deleted && owner.state() == Process.LIVE) {
            long wait = timer.deadline() - ex.now();
            if (wait > 0) {
                ex.sleep(wait, true);
                ex.current().clearSignal();
                continue;
            }
            fire(timer.expire(ex.now()));
        }
        waker = null;
    }

    /**
     * {@code n} expirations: one signal, the rest overruns. While the last
     * signal is still pending no other is sent: its siginfo's si_overrun
     * counts the expirations instead, as Linux's preallocated timer signal
     * does (timer_getoverrun(2) then says the same).
     */
    private void fire(long n) {
        if (n == 0 || notify == SIGEV_NONE) return;
        Process to = target.state() == Process.LIVE ? target : owner;
        SignalState s = to.signals();
        if (s.pendingFrom(signal, Signals.SI_TIMER, id)) {
            overrun = (int) Math.min((long) overrun + n, Integer.MAX_VALUE);
            lastOverrun = overrun;
            s.updatePending(signal, Signals.SI_TIMER, id, overrun);
            return;
        }
        overrun = (int) Math.min(n - 1, Integer.MAX_VALUE);
        lastOverrun = overrun;
        // SIGEV_THREAD_ID names a thread, which alone takes the signal; SIGEV_SIGNAL's goes to the process.
        if (notify == SIGEV_THREAD_ID && to == target) Signals.sendToThread(to, signal, Signals.SI_TIMER, id, overrun, value);
        else Signals.send(to, signal, Signals.SI_TIMER, id, overrun, value);
    }
}
