package lichen.arch.aarch64;

import lichen.api.Irq;

/** A driver's interrupt handler, registered for an INTID with {@link Interrupts#register}; it runs in interrupt context. */
public interface IrqHandler {
    @Irq
    void handle(int intid);
}
