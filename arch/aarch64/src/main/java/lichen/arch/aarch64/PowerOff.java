package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The end of the machine. Under QEMU with semihosting enabled, SYS_EXIT
 * carries an exit status out to the host (Arm IHI0056, SYS_EXIT 0x18 with the
 * AArch64 parameter block {ADP_Stopped_ApplicationExit, status}); otherwise
 * PSCI SYSTEM_OFF (Arm DEN0022, 0x84000008) powers the machine off.
 */
@Unsafe
public final class PowerOff {
    private static final long SYS_EXIT = 0x18;
    private static final long ADP_STOPPED_APPLICATION_EXIT = 0x20026;
    private static final long PSCI_SYSTEM_OFF = 0x8400_0008L;

    /** A two-word parameter block in the image, so no allocation is needed on the way out. */
    private static final long[] block = new long[2];

    private static boolean semihosting;

    private PowerOff() {}

    /** Whether the host answers semihosting calls (QEMU's -semihosting); the kernel command line says. */
    public static void useSemihosting(boolean on) { semihosting = on; }

    public static long exit(int status) {
        if (semihosting) {
            long at = lichen.api.Syscall.addressOf(block);
            Mmio.write64(at, ADP_STOPPED_APPLICATION_EXIT);
            Mmio.write64(at + 8, status);
            Cpu.semihost(SYS_EXIT, at);
        }
        Cpu.psci(PSCI_SYSTEM_OFF, 0, 0, 0);
        while (true) Cpu.waitForInterrupt();
    }
}
