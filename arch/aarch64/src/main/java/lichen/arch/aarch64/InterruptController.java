package lichen.arch.aarch64;

import lichen.api.Irq;

/**
 * What the kernel asks of a GIC, whichever version drives it ({@link GicV2},
 * {@link GicV3}). INTIDs as the GIC architecture numbers them (ARM IHI 0069H
 * 2.2): 0-15 SGIs (raised by software, for one CPU), 16-31 PPIs (each CPU's
 * own, such as its timer), 32-1019 SPIs (shared devices), 1020-1023 special
 * (1023: nothing pending).
 *
 * <p>SGIs 0-15 are enabled on every CPU whose interface is on: only software
 * raises them, and one with no handler is counted by dispatch, so there is
 * nothing to gain from enabling them one by one on each CPU.
 */
public interface InterruptController {
    /** The first special INTID; 1020-1023 are never ended (IHI 0069H 2.2.1). */
    int FIRST_SPECIAL = 1020;
    /** The acknowledged value's INTID field; a driver may keep more above it (see {@link #acknowledge}). */
    int INTID_MASK = 0xFF_FFFF;

    /** "GICv2" or "GICv3", for the boot log. */
    String name();

    /**
     * Turns the distributor on and then this CPU's own part ({@link #enableThisCpu}); once, on
     * the boot CPU, before any other CPU's. IRQs stay masked in PSTATE until the caller unmasks.
     */
    void enable();

    /**
     * Turns on the calling CPU's own part: its redistributor (GICv3) or banked registers (GICv2),
     * its SGIs, and its CPU interface. Allocates nothing (secondary CPUs call it). False when this
     * CPU has no part in the GIC (GICv3: no redistributor with its affinity).
     */
    boolean enableThisCpu();

    /** Enables one interrupt at a middle priority: an SPI routed to this CPU, or this CPU's own SGI or PPI. */
    void enableInterrupt(int intid);

    /** Disables one interrupt (this CPU's own, for an SGI or PPI). */
    @Irq
    void disableInterrupt(int intid);

    /**
     * Acknowledges the highest-priority pending interrupt. Its INTID is in the bits of
     * {@link #INTID_MASK} ({@link #FIRST_SPECIAL} or above: none); a driver may keep more above
     * them (GICv2: the CPU that sent an SGI), so {@link #endOfInterrupt} is given the value whole.
     */
    @Irq
    int acknowledge();

    /** Ends the interrupt {@link #acknowledge} returned {@code acknowledged} for. */
    @Irq
    void endOfInterrupt(int acknowledged);

    /**
     * Raises SGI {@code intid} (0-15) on the CPU whose MPIDR_EL1 affinity is {@code mpidr}, after
     * this CPU's earlier stores are visible to it. False when the GIC does not know that CPU
     * (GICv2: it has not turned its interface on).
     */
    @Irq
    boolean sendSgi(int intid, long mpidr);

    /** Raises SGI {@code intid} (0-15) on this CPU. */
    @Irq
    void sendSgiToSelf(int intid);
}
