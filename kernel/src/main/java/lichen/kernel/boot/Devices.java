package lichen.kernel.boot;

import lichen.arch.aarch64.ConsoleInput;
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
 * ({@link Mmu#virtualOf}). GICv2 and GICv3 are driven; the GIC is turned on
 * here for the boot CPU (IRQs stay masked until something starts the tick),
 * so the secondary CPUs started next can turn on their own part of it.
 */
public final class Devices {
    private static int gicVersionNamed;

    private Devices() {}

    /** The GIC version the device tree's /intc node names (0: none, or no tree). */
    public static int gicVersionNamed() { return gicVersionNamed; }

    /** Prints what it uses; leaves the early defaults where the tree has nothing usable. */
    public static void configure(MachineDescription m) {
        if (m == null) return;
        gicVersionNamed = m.gicVersion();
        if (m.uartBase() >= 0) KernelServices.useConsoleAt(m.uartBase());
        InterruptController gic = interruptController(m);
        if (gic == null || m.timerIrqPhysical() < 0) {
            String named = m.gicVersion() == 0 ? "none in the device tree" : "GICv" + m.gicVersion() + " without its registers or a timer";
            System.out.println("devices: no usable interrupt controller (" + named + "); interrupts stay off");
            return;
        }
        Interrupts.configure(gic, m.timerIrqPhysical());
        // Typed bytes wait in ConsoleInput's ring until the executor runs (Console.drainInput).
        if (m.uartIrq() >= 0) ConsoleInput.start(m.uartIrq());
        System.out.println("devices: " + gic.name() + " at 0x" + Long.toHexString(m.gicDistributor()) + ", timer INTID "
                + m.timerIrqPhysical());
    }

    /** The /intc node's GIC: v2 (distributor, CPU interface) or v3 (distributor, redistributor regions), at virtual addresses. */
    private static InterruptController interruptController(MachineDescription m) {
        if (m.gicDistributor() < 0) return null;
        long distributor = Mmu.virtualOf(m.gicDistributor());
        if (m.gicVersion() == 2 && m.gicCpuInterface() >= 0) return new GicV2(distributor, Mmu.virtualOf(m.gicCpuInterface()));
        if (m.gicVersion() != 3 || m.gicRedistributorRegionCount() == 0) return null;
        long[] regions = new long[2 * m.gicRedistributorRegionCount()];
        for (int i = 0; i < m.gicRedistributorRegionCount(); i++) {
            regions[2 * i] = Mmu.virtualOf(m.gicRedistributorBase(i));
            regions[2 * i + 1] = m.gicRedistributorSize(i);
        }
        return new GicV3(distributor, regions);
    }
}
