package lichen.kernel;

import lichen.arch.aarch64.Timer;
import lichen.kernel.selftest.SelfTest;

/**
 * The kernel's entry, called by arch/aarch64's boot code at EL1 with the MMU
 * off. For now it reports what it was given and how long it took, runs the
 * in-kernel self-test and powers off; the boot sequence of issue 6 (memory,
 * interrupts, tasks) grows here.
 */
public final class Kernel {
    public static final String VERSION = "0.1.0";

    private Kernel() {}

    public static void start(long deviceTree, long freeMemory) {
        long entered = Timer.nanos();
        System.out.println("Lichen " + VERSION + " (AArch64, compiled by jcc)");
        System.out.println("device tree at 0x" + Long.toHexString(deviceTree) + ", kernel ends at 0x" + Long.toHexString(freeMemory));
        System.out.println("timer: " + Timer.frequency() + " Hz");
        long now = Timer.nanos();
        System.out.println("boot: " + (now / 1000) + " us since reset, " + ((now - entered) / 1000) + " us in the kernel");
        // No root filesystem yet (issue 6): the in-kernel self-test, then power-off.
        SelfTest.runAll(deviceTree);
        System.out.println("powering off");
    }
}
