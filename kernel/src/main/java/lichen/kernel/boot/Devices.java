package lichen.kernel.boot;

import lichen.arch.aarch64.GicV2;
import lichen.arch.aarch64.GicV3;
import lichen.arch.aarch64.InterruptController;
import lichen.arch.aarch64.Interrupts;
import lichen.arch.aarch64.KernelServices;
import lichen.arch.aarch64.Mmu;
import lichen.libkernel.fdt.MachineDescription;

/**
 * Points the drivers at the devices the device tree names: the console UART
 * and the interrupt controller with the timer's interrupt. Before this, the
 * early console uses QEMU virt's PL011 address. Runs once the kernel's own
 * tables are in use, so devices are reached through the direct map
 * ({@link Mmu#virtualOf}). GICv2 and GICv3 are driven.
 */
public final class Devices {
    private Devices() {}

    /** Prints what it uses; leaves the early defaults where the tree has nothing usable. */
    public static void configure(MachineDescription m) {
        if (m == null) return;
        if (m.uartBase() >= 0) KernelServices.useConsoleAt(m.uartBase());
        InterruptController gic = interruptController(m);
        if (gic == null || m.timerIrqPhysical() < 0) {
            System.out.println("devices: no usable interrupt controller (GICv" + m.gicVersion() + "); interrupts stay off");
            return;
        }
        Interrupts.configure(gic, m.timerIrqPhysical());
        System.out.println("devices: " + gic.name() + ", timer INTID " + m.timerIrqPhysical());
    }

    /** The /intc node's GIC: v2 (distributor, CPU interface) or v3 (distributor, redistributor region). */
    private static InterruptController interruptController(MachineDescription m) {
        if (m.gicDistributor() < 0 || m.gicCpuInterface() < 0) return null;
        long distributor = Mmu.virtualOf(m.gicDistributor()), second = Mmu.virtualOf(m.gicCpuInterface());
        return switch (m.gicVersion()) {
            case 2 -> new GicV2(distributor, second);
            case 3 -> new GicV3(distributor, second);
            default -> null;
        };
    }
}
