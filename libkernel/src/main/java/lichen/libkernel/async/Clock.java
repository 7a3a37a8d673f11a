package lichen.libkernel.async;

/** Monotonic time in nanoseconds: the ARM generic timer in the kernel, a simulated clock in tests. */
public interface Clock {
    long now();

    /**
     * Called when nothing is runnable and the next timer is due at
     * {@code deadline}: a simulated clock jumps there; a real one waits for
     * the next interrupt, which may come sooner (the tick, typed input), and
     * the executor looks again. True when it idled, false when it cannot.
     */
    boolean idleUntil(long deadline);
}
