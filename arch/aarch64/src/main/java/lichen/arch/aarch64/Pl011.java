package lichen.arch.aarch64;

import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The PL011 UART as a console (ARM PrimeCell UART PL011 TRM, DDI 0183):
 * bytes go to the data register once the transmit FIFO has room.
 */
@Unsafe
public final class Pl011 {
    private static final int DR = 0x00;   // data register
    private static final int FR = 0x18;   // flag register
    private static final int FR_TXFF = 1 << 5; // transmit FIFO full

    private final long base;

    public Pl011(long base) { this.base = base; }

    public void put(int b) {
        while ((Mmio.read32(base + FR) & FR_TXFF) != 0) {
            // The FIFO drains at the line rate; under QEMU it never fills.
        }
        Mmio.write32(base + DR, b & 0xff);
    }
}
