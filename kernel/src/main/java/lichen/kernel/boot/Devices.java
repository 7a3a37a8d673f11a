package lichen.kernel.boot;

import lichen.arch.aarch64.Interrupts;
import lichen.arch.aarch64.KernelServices;
import lichen.arch.aarch64.Mmu;
import lichen.libkernel.fdt.MachineDescription;

/**
 * Points the drivers at the devices the device tree names: the console UART
 * and the interrupt controller with the timer's interrupt. Before this, the
 * early console uses QEMU virt's PL011 address. Runs once the kernel's own
 * tables are in use, so devices are reached through the direct map
 * ({@link Mmu#virtualOf}). Only GICv2 is driven yet.
 */
public final class Devices {
    private Devices() {}

    /** Prints what it uses; leaves the early defaults where the tree has nothing usable. */
    public static void configure(MachineDescription m) {
        if (m == null) return;
        if (m.uartBase() >= 0) KernelServices.useConsoleAt(m.uartBase());
        if (m.gicVersion() == 2 && m.gicDistributor() >= 0 && m.gicCpuInterface() >= 0 && m.timerIrqPhysical() >= 0) {
            Interrupts.configure(Mmu.virtualOf(m.gicDistributor()), Mmu.virtualOf(m.gicCpuInterface()), m.timerIrqPhysical());
        } else {
            System.out.println("devices: GICv" + m.gicVersion() + " is not driven yet; interrupts stay off");
        }
    }
}
