package lichen.libkernel.sync;

/**
 * What sync needs from the CPU: which one is running, how many there are, and
 * masking interrupts (DAIF.I on AArch64: "msr daifset, #2"). arch implements
 * it; tests install a fake through {@link Cpus}.
 */
public interface CpuContext {
    int currentCpu();

    int cpuCount();

    /** Masks IRQs; returns whether they were enabled before. */
    boolean disableIrqs();

    /** Unmasks IRQs if {@code enabled}, as they were before the matching disable. */
    void restoreIrqs(boolean enabled);
}
