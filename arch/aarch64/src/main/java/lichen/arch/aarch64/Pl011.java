package lichen.arch.aarch64;

import lichen.api.Irq;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The PL011 UART as a console (ARM PrimeCell UART PL011 TRM, DDI 0183):
 * bytes go to the data register once the transmit FIFO has room; received
 * bytes are read from it while the receive FIFO is not empty, and the
 * receive and receive-timeout interrupts (UARTIMSC's RXIM, RTIM) say when.
 */
@Unsafe
public final class Pl011 {
    private static final int DR = 0x00;   // data register
    private static final int FR = 0x18;   // flag register
    private static final int FR_TXFF = 1 << 5; // transmit FIFO full
    private static final int FR_RXFE = 1 << 4; // receive FIFO empty
    private static final int CR = 0x30;    // control register
    private static final int CR_ENABLE = 1 | 1 << 8 | 1 << 9; // UARTEN, TXE, RXE
    private static final int IMSC = 0x38;  // interrupt mask set/clear
    private static final int ICR = 0x44;   // interrupt clear
    private static final int RX_INTERRUPTS = 1 << 4 | 1 << 6; // RXIM, RTIM

    private final long base;

    public Pl011(long base) { this.base = base; }

    public void put(int b) {
        while ((Mmio.read32(base + FR) & FR_TXFF) != 0) {
            // The FIFO drains at the line rate; under QEMU it never fills.
        }
        Mmio.write32(base + DR, b & 0xff);
    }

    /** Whether a received byte waits in the data register. */
    @Irq
    public boolean canRead() { return (Mmio.read32(base + FR) & FR_RXFE) == 0; }

    /** The next received byte (the error bits above it dropped); call only when {@link #canRead}. */
    @Irq
    public int read() { return Mmio.read32(base + DR) & 0xff; }

    /** Raises the UART's interrupt when bytes arrive (and when the receive FIFO has sat unread for a while). */
    public void enableReceiveInterrupts() {
        // Firmware may leave the UART half on (QEMU resets UARTCR to TXE|RXE without UARTEN): all of it on.
        Mmio.write32(base + CR, Mmio.read32(base + CR) | CR_ENABLE);
        Mmio.write32(base + ICR, RX_INTERRUPTS);
        Mmio.write32(base + IMSC, Mmio.read32(base + IMSC) | RX_INTERRUPTS);
    }

    /** Clears the receive interrupts once the FIFO is drained. */
    @Irq
    public void clearReceiveInterrupts() { Mmio.write32(base + ICR, RX_INTERRUPTS); }
}
