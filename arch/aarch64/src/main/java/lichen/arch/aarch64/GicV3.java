package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Irq;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The GICv3 interrupt controller (ARM IHI 0069H): the distributor for shared
 * interrupts, one redistributor per CPU for its SGIs and PPIs, and a CPU
 * interface of system registers (the Cpu.gic* intrinsics). The device tree's
 * /intc node gives the distributor and the redistributor region (QEMU virt
 * with gic-version=3: 0x08000000 and 0x080A0000). Affinity routing is on and
 * every interrupt is non-secure group 1, the group EL1 takes as IRQs.
 */
@Unsafe
public final class GicV3 implements InterruptController {
    /** Distributor (IHI 0069H 12.9): control, type, groups, enables, priorities. */
    private static final long GICD_CTLR = 0x0000, GICD_TYPER = 0x0004, GICD_IGROUPR = 0x0080, GICD_ISENABLER = 0x0100,
            GICD_IPRIORITYR = 0x0400, GICD_IROUTER = 0x6000;
    /** GICD_CTLR: Register Write Pending, affinity routing, group 1 (non-secure view, or the single security state). */
    private static final int CTLR_RWP = 1 << 31, CTLR_ARE = 1 << 4, CTLR_ENABLE_GRP1 = 1 << 1, CTLR_ENABLE_GRP0 = 1;
    /** Redistributor frames (IHI 0069H 12.10, 12.11): RD_base, then SGI_base 64 KiB on. */
    private static final long GICR_WAKER = 0x0014, GICR_TYPER = 0x0008, SGI_BASE = 0x1_0000;
    private static final long GICR_IGROUPR0 = 0x0080, GICR_ISENABLER0 = 0x0100, GICR_IPRIORITYR = 0x0400;
    private static final int WAKER_PROCESSOR_SLEEP = 1 << 1, WAKER_CHILDREN_ASLEEP = 1 << 2;
    /** GICR_TYPER: the last redistributor of the region; VLPIS means four frames (GICv4) instead of two. */
    private static final long TYPER_LAST = 1L << 4, TYPER_VLPIS = 1L << 1;
    /** Redistributors to look at before giving up (QEMU virt's region holds 123). */
    private static final int MAX_REDISTRIBUTORS = 512;

    private final long distributor;
    private final long redistributors;
    /** This CPU's redistributor (RD_base), found by affinity in {@link #enable}. */
    private long redistributor;

    public GicV3(long distributor, long redistributors) {
        this.distributor = distributor;
        this.redistributors = redistributors;
    }

    @Override
    public String name() { return "GICv3"; }

    @Override
    public void enable() {
        // Distributor: affinity routing on, groups enabled; every SPI in group 1 (GICD_TYPER.ITLinesNumber).
        Mmio.write32(distributor + GICD_CTLR, 0);
        waitForDistributor();
        int lines = 32 * ((Mmio.read32(distributor + GICD_TYPER) & 0x1F) + 1);
        for (int i = 32; i < lines; i += 32) Mmio.write32(distributor + GICD_IGROUPR + i / 8, 0xFFFF_FFFF);
        Mmio.write32(distributor + GICD_CTLR, CTLR_ARE | CTLR_ENABLE_GRP1 | CTLR_ENABLE_GRP0);
        waitForDistributor();
        // This CPU's redistributor: awake, its SGIs and PPIs in group 1.
        redistributor = findRedistributor(affinity(Cpu.mpidr()));
        if (redistributor == 0) throw new IllegalStateException("GICv3: no redistributor for MPIDR 0x" + Long.toHexString(Cpu.mpidr()));
        Mmio.write32(redistributor + GICR_WAKER, Mmio.read32(redistributor + GICR_WAKER) & ~WAKER_PROCESSOR_SLEEP);
        while ((Mmio.read32(redistributor + GICR_WAKER) & WAKER_CHILDREN_ASLEEP) != 0) {
            // The redistributor reports itself awake within a few cycles (IHI 0069H 12.11.42).
        }
        Mmio.write32(redistributor + SGI_BASE + GICR_IGROUPR0, 0xFFFF_FFFF);
        // CPU interface: system registers, every priority, one group of priorities, group 1 on.
        Cpu.gicUseSystemRegisters();
        Cpu.gicSetPriorityMask(0xFF);
        Cpu.gicSetBinaryPoint(0);
        Cpu.gicEnableGroup1(1);
    }

    /** Redistributors are laid out one after another; each names the CPU it serves in GICR_TYPER[63:32]. */
    private long findRedistributor(long affinity) {
        long rd = redistributors;
        for (int i = 0; i < MAX_REDISTRIBUTORS; i++) {
            long typer = Mmio.read64(rd + GICR_TYPER);
            if ((typer >>> 32) == affinity) return rd;
            if ((typer & TYPER_LAST) != 0) return 0;
            rd += (typer & TYPER_VLPIS) != 0 ? 0x4_0000 : 0x2_0000;
        }
        return 0;
    }

    /** MPIDR_EL1's Aff3.Aff2.Aff1.Aff0 as GICR_TYPER's 32-bit affinity value. */
    private static long affinity(long mpidr) { return (mpidr >>> 32 & 0xFF) << 24 | mpidr & 0xFF_FFFF; }

    /** GICD_IROUTER's layout: Aff3 at 32, Aff2.Aff1.Aff0 at 0 (as MPIDR_EL1 itself). */
    private static long affinityRoute(long mpidr) { return mpidr & 0xFF_00FF_FFFFL; }

    private void waitForDistributor() {
        while ((Mmio.read32(distributor + GICD_CTLR) & CTLR_RWP) != 0) {
            // GICD_CTLR writes take effect when RWP clears.
        }
    }

    @Override
    public void enableInterrupt(int intid) {
        if (intid < 32) {
            Mmio.write8(redistributor + SGI_BASE + GICR_IPRIORITYR + intid, 0x80);
            Mmio.write32(redistributor + SGI_BASE + GICR_ISENABLER0, 1 << intid);
        } else {
            // An SPI: routed to this CPU by affinity (GICD_IROUTER<n>, Interrupt_Routing_Mode 0).
            Mmio.write64(distributor + GICD_IROUTER + 8L * intid, affinityRoute(Cpu.mpidr()));
            Mmio.write8(distributor + GICD_IPRIORITYR + intid, 0x80);
            Mmio.write32(distributor + GICD_ISENABLER + 4L * (intid / 32), 1 << (intid % 32));
        }
    }

    @Override
    @Irq
    public int acknowledge() { return (int) (Cpu.gicAcknowledge() & 0xFF_FFFF); }

    @Override
    @Irq
    public void endOfInterrupt(int intid) { Cpu.gicEndOfInterrupt(intid); }

    /** ICC_SGI1R_EL1 (IHI 0069H 12.2.23): INTID at 24, this CPU's Aff3/Aff2/Aff1 and its bit in the target list. */
    @Override
    @Irq
    public void sendSgiToSelf(int intid) {
        long mpidr = Cpu.mpidr();
        long aff3 = mpidr >>> 32 & 0xFF, aff2 = mpidr >>> 16 & 0xFF, aff1 = mpidr >>> 8 & 0xFF, aff0 = mpidr & 0xFF;
        Cpu.gicSendSgi((long) (intid & 15) << 24 | aff3 << 48 | aff2 << 32 | aff1 << 16 | 1L << (aff0 & 15));
    }
}
