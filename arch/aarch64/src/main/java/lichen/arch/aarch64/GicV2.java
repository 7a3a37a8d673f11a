package lichen.arch.aarch64;

import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The GICv2 interrupt controller (ARM IHI 0048B): the distributor routes
 * interrupts, the CPU interface hands them to this CPU. QEMU virt places them
 * at 0x08000000 and 0x08010000 (its device tree's /intc node says so).
 */
@Unsafe
public final class GicV2 {
    /** Distributor registers (IHI 0048B 4.1.2). */
    private static final long GICD_CTLR = 0x000, GICD_ISENABLER = 0x100, GICD_IPRIORITYR = 0x400;
    /** CPU interface registers (IHI 0048B 4.1.3). */
    private static final long GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_IAR = 0x0C, GICC_EOIR = 0x10;
    /** Interrupt ids 1020..1023 are special; 1023 means none is pending (spurious). */
    public static final int SPURIOUS = 1023;

    private final long distributor;
    private final long cpuInterface;

    public GicV2(long distributor, long cpuInterface) {
        this.distributor = distributor;
        this.cpuInterface = cpuInterface;
    }

    /** Turns both halves on and lets every priority through. */
    public void enable() {
        Mmio.write32(distributor + GICD_CTLR, 1);
        Mmio.write32(cpuInterface + GICC_PMR, 0xFF);
        Mmio.write32(cpuInterface + GICC_CTLR, 1);
    }

    /** Enables one interrupt (a PPI such as the timer's, or an SPI) at a middle priority. */
    public void enableInterrupt(int id) {
        long priority = distributor + GICD_IPRIORITYR + id;
        Mmio.write8(priority, 0x80);
        Mmio.write32(distributor + GICD_ISENABLER + 4L * (id / 32), 1 << (id % 32));
    }

    /** Acknowledges the highest-priority pending interrupt and returns its id (SPURIOUS if none). */
    public int acknowledge() { return Mmio.read32(cpuInterface + GICC_IAR) & 0x3FF; }

    public void endOfInterrupt(int id) { Mmio.write32(cpuInterface + GICC_EOIR, id); }
}
