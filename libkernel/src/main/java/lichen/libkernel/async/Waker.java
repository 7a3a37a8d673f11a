package lichen.libkernel.async;

/** Something to call when an awaited event happens: usually a blocked task to make runnable. */
@FunctionalInterface
public interface Waker {
    /** Called when the event happens; must not sleep (it may run in interrupt context). */
    void wake();

    /**
     * Called when the event happens with the poll bits it concerns ({@code
     * events}: 0 when it may concern any), as Linux's wake_up_poll passes a key:
     * an epoll(7) entry that waits for other bits ignores it. Plain wakers wake.
     */
    default void wake(int events) { wake(); }

    /** A waker that wakes {@code t} on {@code ex} (as Linux's default_wake_function). */
    static Waker of(Executor ex, Task t) { return () -> ex.wake(t, WakeReason.WOKEN); }
}
