package lichen.arch.aarch64;

import lichen.api.Async;

/**
 * What the kernel does with an exception taken from EL0 (vector entries 8..15): a
 * system call, a page fault, an interrupt that may preempt. arch knows no
 * processes, so the process layer registers one with {@link Traps#setUserTrapHandler}.
 * It runs on the user thread's own kernel stack, above the user frame
 * ({@code user.S}), with IRQs masked; it may sleep (the thread is a stackful task).
 */
public interface UserTrapHandler {
    /** {@code frame} is the saved user frame; {@code entry} the vector number (8 synchronous, 9 IRQ, 10 FIQ, 11 SError). */
    @Async
    void handle(long frame, long entry);
}
