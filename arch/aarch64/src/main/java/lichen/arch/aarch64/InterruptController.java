package lichen.arch.aarch64;

import lichen.api.Irq;

/**
 * What the kernel asks of a GIC, whichever version drives it ({@link GicV2},
 * {@link GicV3}). INTIDs as the GIC architecture numbers them: 0-15 SGIs,
 * 16-31 PPIs (this CPU's own, such as the timer), 32-1019 SPIs, 1020-1023
 * special (1023: nothing pending).
 */
public interface InterruptController {
    int SPURIOUS = 1023;

    /** "GICv2" or "GICv3", for the boot log. */
    String name();

    /** Turns the controller and this CPU's interface on, every priority let through. */
    void enable();

    /** Enables one interrupt at a middle priority, delivered to this CPU. */
    void enableInterrupt(int intid);

    /** Acknowledges the highest-priority pending interrupt; its INTID, or {@link #SPURIOUS}. */
    @Irq
    int acknowledge();

    @Irq
    void endOfInterrupt(int intid);

    /** Raises software-generated interrupt {@code intid} (0-15) on this CPU. */
    @Irq
    void sendSgiToSelf(int intid);
}
