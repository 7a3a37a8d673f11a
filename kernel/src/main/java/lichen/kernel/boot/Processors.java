package lichen.kernel.boot;

import lichen.arch.aarch64.MachineCpus;
import lichen.libkernel.sync.Cpus;

import lichen.arch.aarch64.SecondaryCpus;
import lichen.libkernel.fdt.MachineDescription;

/**
 * Boot's CPU step: the device tree's cpu nodes are the CPUs there are; the
 * secondary ones are started and wait (there is nothing to run on them yet),
 * and the boot log says how many came online.
 */
public final class Processors {
    private static int listed = 1;

    private Processors() {}

    /** CPUs the device tree lists (1 without a tree). */
    public static int listed() { return listed; }

    public static void start(MachineDescription machine) {
        Cpus.install(MachineCpus.INSTANCE);
        if (machine == null || machine.cpuCount() <= 1) {
            System.out.println("cpus: 1 online");
            return;
        }
        listed = machine.cpuCount();
        long[] mpidrs = new long[listed];
        for (int i = 0; i < listed; i++) mpidrs[i] = machine.cpuMpidr(i);
        int started = SecondaryCpus.start(mpidrs);
        System.out.println("cpus: " + (started + 1) + " of " + listed + " online");
    }
}
