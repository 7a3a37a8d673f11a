package lichen.arch.aarch64;

import lichen.api.Irq;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The GICv2 interrupt controller (ARM IHI 0048B): the distributor routes
 * interrupts, the memory-mapped CPU interface hands them to this CPU. The
 * device tree's /intc node gives both addresses (QEMU virt: 0x08000000 and
 * 0x08010000).
 */
@Unsafe
public final class GicV2 implements InterruptController {
    /** Distributor registers (IHI 0048B 4.1.2). */
    private static final long GICD_CTLR = 0x000, GICD_ISENABLER = 0x100, GICD_IPRIORITYR = 0x400, GICD_ITARGETSR = 0x800,
            GICD_SGIR = 0xF00;
    /** CPU interface registers (IHI 0048B 4.1.3). */
    private static final long GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_IAR = 0x0C, GICC_EOIR = 0x10;
    /** GICD_SGIR.TargetListFilter = 0b10: to the CPU that writes it (IHI 0048B 4.3.15). */
    private static final int SGI_TO_SELF = 2 << 24;

    private final long distributor;
    private final long cpuInterface;

    public GicV2(long distributor, long cpuInterface) {
        this.distributor = distributor;
        this.cpuInterface = cpuInterface;
    }

    @Override
    public String name() { return "GICv2"; }

    @Override
    public void enable() {
        Mmio.write32(distributor + GICD_CTLR, 1);
        Mmio.write32(cpuInterface + GICC_PMR, 0xFF);
        Mmio.write32(cpuInterface + GICC_CTLR, 1);
    }

    @Override
    public void enableInterrupt(int intid) {
        // An SPI goes to this CPU: GICD_ITARGETSR0..7 read as this CPU's own bit (IHI 0048B 4.3.12).
        if (intid >= 32) Mmio.write8(distributor + GICD_ITARGETSR + intid, Mmio.read8(distributor + GICD_ITARGETSR));
        Mmio.write8(distributor + GICD_IPRIORITYR + intid, 0x80);
        Mmio.write32(distributor + GICD_ISENABLER + 4L * (intid / 32), 1 << (intid % 32));
    }

    @Override
    @Irq
    public int acknowledge() { return Mmio.read32(cpuInterface + GICC_IAR) & 0x3FF; }

    @Override
    @Irq
    public void endOfInterrupt(int intid) { Mmio.write32(cpuInterface + GICC_EOIR, intid); }

    @Override
    @Irq
    public void sendSgiToSelf(int intid) { Mmio.write32(distributor + GICD_SGIR, SGI_TO_SELF | (intid & 15)); }
}
