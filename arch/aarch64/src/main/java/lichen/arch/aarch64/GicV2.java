package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Irq;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The GICv2 interrupt controller (ARM IHI 0048B): the distributor routes
 * interrupts, the memory-mapped CPU interface hands them to this CPU. The
 * device tree's /intc node gives both addresses (QEMU virt: 0x08000000 and
 * 0x08010000), which the caller has already made virtual. The registers of
 * SGIs and PPIs (the first of each bank) and the CPU interface are banked:
 * each CPU sees its own at the same address (IHI 0048B 4.1.3).
 */
@Unsafe
public final class GicV2 implements InterruptController {
    /** Distributor registers (IHI 0048B 4.1.2). */
    private static final long GICD_CTLR = 0x000, GICD_TYPER = 0x004, GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180,
            GICD_IPRIORITYR = 0x400, GICD_ITARGETSR = 0x800, GICD_SGIR = 0xF00;
    /** CPU interface registers (IHI 0048B 4.1.3). */
    private static final long GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_IAR = 0x0C, GICC_EOIR = 0x10;
    /** GICD_SGIR.TargetListFilter (IHI 0048B 4.3.15): 0b00 the CPUs in CPUTargetList, 0b10 the writing CPU. */
    private static final int SGI_TO_LIST = 0, SGI_TO_SELF = 2 << 24;
    /** GICC_IAR.CPUID (IHI 0048B 4.4.4): for an SGI, the CPU interface that sent it; GICC_EOIR wants it back. */
    private static final int IAR_CPUID_SHIFT = 10, IAR_ID_MASK = 0x3FF, ACK_CPUID_SHIFT = 24;
    /** A middle priority for every interrupt enabled (lower value is higher priority). */
    private static final int PRIORITY = 0x80;
    /** GICD_ITARGETSR has one bit for each CPU interface, eight in all (IHI 0048B 4.3.12). */
    private static final int MAX_CPUS = 8;

    private final long distributor;
    private final long cpuInterface;
    /** Which CPU interface bit (GICD_ITARGETSR) belongs to which MPIDR: recorded by each CPU in {@link #enableThisCpu}. */
    private final long[] cpuMpidrs = new long[MAX_CPUS];
    private final int[] cpuTargets = new int[MAX_CPUS];
    private int cpusKnown;

    public GicV2(long distributor, long cpuInterface) {
        this.distributor = distributor;
        this.cpuInterface = cpuInterface;
    }

    @Override
    public String name() { return "GICv2"; }

    @Override
    public void enable() {
        // Every SPI off until a driver asks (firmware may leave some on); GICD_TYPER.ITLinesNumber says how many (4.3.2).
        Mmio.write32(distributor + GICD_CTLR, 0);
        int lines = Math.min(32 * ((Mmio.read32(distributor + GICD_TYPER) & 0x1F) + 1), FIRST_SPECIAL);
        for (int i = 32; i < lines; i += 32) Mmio.write32(distributor + GICD_ICENABLER + i / 8, 0xFFFF_FFFF);
        Mmio.write32(distributor + GICD_CTLR, 1);
        enableThisCpu();
    }

    @Override
    public boolean enableThisCpu() {
        // GICD_ITARGETSR0-7 read as this CPU interface's own bit (IHI 0048B 4.3.12): the target of SGIs sent to it.
        int target = Mmio.read8(distributor + GICD_ITARGETSR);
        if (cpusKnown < MAX_CPUS) {
            cpuMpidrs[cpusKnown] = Cpu.mpidr();
            cpuTargets[cpusKnown] = target;
            cpusKnown++;
        }
        // This CPU's banked SGIs and PPIs: middle priority, SGIs on (their enable bits may be fixed at 1: 4.3.5).
        for (int i = 0; i < 32; i += 4) Mmio.write32(distributor + GICD_IPRIORITYR + i, PRIORITY * 0x0101_0101);
        Mmio.write32(distributor + GICD_ISENABLER, 0xFFFF);
        Mmio.write32(cpuInterface + GICC_PMR, 0xFF);
        Mmio.write32(cpuInterface + GICC_CTLR, 1);
        return true;
    }

    @Override
    public void enableInterrupt(int intid) {
        // An SPI goes to this CPU: the target byte of ITARGETSR0 is this CPU's own bit.
        if (intid >= 32) Mmio.write8(distributor + GICD_ITARGETSR + intid, Mmio.read8(distributor + GICD_ITARGETSR));
        Mmio.write8(distributor + GICD_IPRIORITYR + intid, PRIORITY);
        Mmio.write32(distributor + GICD_ISENABLER + 4L * (intid / 32), 1 << (intid % 32));
    }

    @Override
    @Irq
    public void disableInterrupt(int intid) {
        Mmio.write32(distributor + GICD_ICENABLER + 4L * (intid / 32), 1 << (intid % 32));
    }

    /** The INTID, with an SGI's source CPU moved above {@link #INTID_MASK} for {@link #endOfInterrupt}. */
    @Override
    @Irq
    public int acknowledge() {
        int iar = Mmio.read32(cpuInterface + GICC_IAR);
        return iar & IAR_ID_MASK | (iar >>> IAR_CPUID_SHIFT & 7) << ACK_CPUID_SHIFT;
    }

    /** GICC_EOIR takes the value GICC_IAR gave, source CPU included (IHI 0048B 4.4.5). */
    @Override
    @Irq
    public void endOfInterrupt(int acknowledged) {
        Mmio.write32(cpuInterface + GICC_EOIR, acknowledged & IAR_ID_MASK | (acknowledged >>> ACK_CPUID_SHIFT & 7) << IAR_CPUID_SHIFT);
    }

    @Override
    @Irq
    public boolean sendSgi(int intid, long mpidr) {
        for (int i = 0; i < cpusKnown; i++) {
            if (cpuMpidrs[i] != mpidr) continue;
            // Normal memory stores before the device write that raises the SGI (IHI 0048B 4.3.15, GICD_SGIR).
            Cpu.makeStoresVisible();
            Mmio.write32(distributor + GICD_SGIR, SGI_TO_LIST | (cpuTargets[i] & 0xFF) << 16 | (intid & 15));
            return true;
        }
        return false;
    }

    @Override
    @Irq
    public void sendSgiToSelf(int intid) {
        Cpu.makeStoresVisible();
        Mmio.write32(distributor + GICD_SGIR, SGI_TO_SELF | (intid & 15));
    }
}
