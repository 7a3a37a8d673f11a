package lichen.libkernel.async;

/** Monotonic time in nanoseconds: the ARM generic timer in the kernel, a simulated clock in tests. */
public interface Clock {
    long now();

    /**
     * Called when nothing is runnable and the next timer is due at
     * {@code deadline}: a simulated clock jumps there and returns true; a
     * real one returns false and the CPU waits for an interrupt.
     */
    boolean idleUntil(long deadline);
}
