package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Irq;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The GICv3 interrupt controller (ARM IHI 0069H): the distributor for shared
 * interrupts (SPIs), one redistributor per CPU for its SGIs and PPIs, and a
 * CPU interface of system registers (the Cpu.gic* intrinsics). The device
 * tree's /intc node gives the distributor and the redistributor regions
 * (QEMU virt with gic-version=3: 0x08000000 and one region at 0x080A0000),
 * which the caller has already made virtual.
 *
 * <p>Affinity routing is on, so SPIs are routed by MPIDR and each CPU's SGIs
 * and PPIs are configured in its own redistributor (IHI 0069H chapter 3, "GIC
 * Partitioning"). Every interrupt is non-secure group 1, the group EL1 takes
 * as IRQs (IHI 0069H chapter 4, "Interrupt grouping").
 */
@Unsafe
public final class GicV3 implements InterruptController {
    /** Distributor registers (IHI 0069H 12.8, 12.9). GICD_IROUTER<n> is at 0x6000 + 8n. */
    private static final long GICD_CTLR = 0x0000, GICD_TYPER = 0x0004, GICD_IGROUPR = 0x0080, GICD_ISENABLER = 0x0100,
            GICD_ICENABLER = 0x0180, GICD_IPRIORITYR = 0x0400, GICD_IROUTER = 0x6000;
    /**
     * GICD_CTLR (IHI 0069H 12.9, GICD_CTLR): Register Write Pending; affinity routing; the group
     * enables. Bits 0, 1 and 4 are EnableGrp0, EnableGrp1 and ARE with a single security state
     * (QEMU virt without secure=on), and EnableGrp1NS, EnableGrp1A and ARE_NS in the non-secure
     * view of two: setting all three turns group 1 on with affinity routing either way.
     */
    private static final int CTLR_RWP = 1 << 31, CTLR_ARE = 1 << 4, CTLR_ENABLE_GRP1 = 1 << 1, CTLR_ENABLE_GRP0 = 1;
    /** A redistributor (IHI 0069H 12.10): RD_base's registers, then the SGI_base frame 64 KiB on. */
    private static final long GICR_CTLR = 0x0000, GICR_TYPER = 0x0008, GICR_WAKER = 0x0014, SGI_BASE = 0x1_0000;
    /** SGI_base registers for this CPU's SGIs and PPIs (IHI 0069H 12.11). */
    private static final long GICR_IGROUPR0 = 0x0080, GICR_ISENABLER0 = 0x0100, GICR_ICENABLER0 = 0x0180, GICR_IPRIORITYR = 0x0400;
    /** GICR_CTLR.RWP: a write to GICR_ICENABLER0 has not taken effect yet. */
    private static final int GICR_CTLR_RWP = 1 << 3;
    private static final int WAKER_PROCESSOR_SLEEP = 1 << 1, WAKER_CHILDREN_ASLEEP = 1 << 2;
    /** GICR_TYPER: the last redistributor of a run; VLPIS: four 64 KiB frames (GICv4) instead of two. */
    private static final long TYPER_LAST = 1L << 4, TYPER_VLPIS = 1L << 1;
    private static final long FRAMES_V3 = 0x2_0000, FRAMES_V4 = 0x4_0000;
    /** A middle priority for every interrupt enabled (lower value is higher priority). */
    private static final int PRIORITY = 0x80;

    private final long distributor;
    /** The redistributor regions, base and size pairs. */
    private final long[] regions;

    public GicV3(long distributor, long[] redistributorRegions) {
        this.distributor = distributor;
        this.regions = redistributorRegions;
    }

    @Override
    public String name() { return "GICv3"; }

    @Override
    public void enable() {
        // Groups off while SPIs are set up: every one in group 1 and disabled until a driver asks (GICD_TYPER.ITLinesNumber
        // says how many there are). ARE may be set only while the group enables are 0 and clearing it is UNPREDICTABLE
        // (GICD_CTLR), so whatever set it before (firmware, an earlier kernel) it is kept, and this runs once.
        Mmio.write32(distributor + GICD_CTLR, Mmio.read32(distributor + GICD_CTLR) & CTLR_ARE);
        waitForDistributor();
        int lines = Math.min(32 * ((Mmio.read32(distributor + GICD_TYPER) & 0x1F) + 1), FIRST_SPECIAL);
        for (int i = 32; i < lines; i += 32) {
            Mmio.write32(distributor + GICD_IGROUPR + i / 8, 0xFFFF_FFFF);
            Mmio.write32(distributor + GICD_ICENABLER + i / 8, 0xFFFF_FFFF);
        }
        waitForDistributor();
        Mmio.write32(distributor + GICD_CTLR, CTLR_ARE | CTLR_ENABLE_GRP1 | CTLR_ENABLE_GRP0);
        waitForDistributor();
        if (!enableThisCpu()) {
            throw new IllegalStateException("GICv3: no redistributor has this CPU's affinity (MPIDR 0x" + Long.toHexString(Cpu.mpidr()) + ")");
        }
    }

    @Override
    public boolean enableThisCpu() {
        long rd = redistributorOf(Cpu.mpidr());
        if (rd == 0) return false;
        // Awake: clear ProcessorSleep, then wait for ChildrenAsleep to clear (IHI 0069H 12.11, GICR_WAKER).
        Mmio.write32(rd + GICR_WAKER, Mmio.read32(rd + GICR_WAKER) & ~WAKER_PROCESSOR_SLEEP);
        while ((Mmio.read32(rd + GICR_WAKER) & WAKER_CHILDREN_ASLEEP) != 0) {
            // Within a few cycles on QEMU; hardware takes as long as the interface's power-up.
        }
        // SGIs and PPIs: group 1, PPIs off until a driver asks, middle priority, SGIs on.
        long sgi = rd + SGI_BASE;
        Mmio.write32(sgi + GICR_IGROUPR0, 0xFFFF_FFFF);
        Mmio.write32(sgi + GICR_ICENABLER0, 0xFFFF_0000);
        while ((Mmio.read32(rd + GICR_CTLR) & GICR_CTLR_RWP) != 0) {
            // The disable has taken effect when RWP clears.
        }
        for (int i = 0; i < 32; i += 4) Mmio.write32(sgi + GICR_IPRIORITYR + i, PRIORITY * 0x0101_0101);
        Mmio.write32(sgi + GICR_ISENABLER0, 0xFFFF);
        // The CPU interface (IHI 0069H 12.2): system registers on, every priority let through, one priority group, group 1 on.
        Cpu.gicUseSystemRegisters();
        Cpu.gicSetPriorityMask(0xFF);
        Cpu.gicSetBinaryPoint(0);
        Cpu.gicEnableGroup1(1);
        return true;
    }

    /**
     * The redistributor (RD_base) serving the CPU with affinity {@code mpidr}, or 0. Redistributors
     * lie one after another in each region, each naming its CPU in GICR_TYPER[63:32] and the last
     * of a run marked by GICR_TYPER.Last (IHI 0069H 12.11, GICR_TYPER); the first is not
     * necessarily the boot CPU's. Allocates nothing.
     */
    @Irq
    long redistributorOf(long mpidr) {
        long affinity = (mpidr >>> 32 & 0xFF) << 24 | mpidr & 0xFF_FFFF;
        for (int r = 0; r + 1 < regions.length; r += 2) {
            long end = regions[r] + regions[r + 1];
            for (long rd = regions[r]; rd + FRAMES_V3 <= end; ) {
                long typer = Mmio.read64(rd + GICR_TYPER);
                if ((typer >>> 32) == affinity) return rd;
                if ((typer & TYPER_LAST) != 0) break;
                rd += (typer & TYPER_VLPIS) != 0 ? FRAMES_V4 : FRAMES_V3;
            }
        }
        return 0;
    }

    private void waitForDistributor() {
        while ((Mmio.read32(distributor + GICD_CTLR) & CTLR_RWP) != 0) {
            // Writes to GICD_CTLR and GICD_ICENABLER<n> have taken effect when RWP clears.
        }
    }

    @Override
    public void enableInterrupt(int intid) {
        if (intid < 32) {
            long rd = redistributorOf(Cpu.mpidr());
            if (rd == 0) return;
            long sgi = rd + SGI_BASE;
            Mmio.write8(sgi + GICR_IPRIORITYR + intid, PRIORITY);
            Mmio.write32(sgi + GICR_ISENABLER0, 1 << intid);
        } else {
            // To this CPU by affinity (GICD_IROUTER<n>.Interrupt_Routing_Mode 0; its layout is MPIDR_EL1's).
            Mmio.write64(distributor + GICD_IROUTER + 8L * intid, Cpu.mpidr() & 0xFF_00FF_FFFFL);
            Mmio.write8(distributor + GICD_IPRIORITYR + intid, PRIORITY);
            Mmio.write32(distributor + GICD_ISENABLER + 4L * (intid / 32), 1 << (intid % 32));
        }
    }

    @Override
    @Irq
    public void disableInterrupt(int intid) {
        if (intid >= 32) {
            Mmio.write32(distributor + GICD_ICENABLER + 4L * (intid / 32), 1 << (intid % 32));
            return;
        }
        long rd = redistributorOf(Cpu.mpidr());
        if (rd != 0) Mmio.write32(rd + SGI_BASE + GICR_ICENABLER0, 1 << intid);
    }

    /** ICC_IAR1_EL1: INTID in bits [23:0]. */
    @Override
    @Irq
    public int acknowledge() { return (int) (Cpu.gicAcknowledge() & INTID_MASK); }

    /** ICC_EOIR1_EL1 with EOImode 0: priority drop and deactivation together. */
    @Override
    @Irq
    public void endOfInterrupt(int acknowledged) { Cpu.gicEndOfInterrupt(acknowledged & INTID_MASK); }

    /**
     * ICC_SGI1R_EL1 (IHI 0069H 12.2, ICC_SGI1R_EL1): INTID at 24, the target's Aff3, Aff2 and
     * Aff1, and a 16-bit target list for Aff0, whose high bits select the list (RS, at 44).
     * The write is a system register write, which a DMB does not order: a DSB first.
     */
    @Override
    @Irq
    public boolean sendSgi(int intid, long mpidr) {
        long aff3 = mpidr >>> 32 & 0xFF, aff2 = mpidr >>> 16 & 0xFF, aff1 = mpidr >>> 8 & 0xFF, aff0 = mpidr & 0xFF;
        Cpu.makeStoresVisible();
        Cpu.gicSendSgi((long) (intid & 15) << 24 | aff3 << 48 | (aff0 >>> 4) << 44 | aff2 << 32 | aff1 << 16 | 1L << (aff0 & 15));
        return true;
    }

    @Override
    @Irq
    public void sendSgiToSelf(int intid) { sendSgi(intid, Cpu.mpidr()); }
}
