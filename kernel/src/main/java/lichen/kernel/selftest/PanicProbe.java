package lichen.kernel.selftest;

import lichen.arch.aarch64.PowerOff;
import lichen.kernel.boot.DeviceTreeBlob;
import lichen.kernel.boot.Devices;
import lichen.kernel.boot.MemorySetup;
import lichen.kernel.boot.Processors;
import lichen.libkernel.fdt.MachineDescription;

/**
 * A kernel that panics on purpose, for scripts/run-kernel-panic-test.sh: it
 * boots as the kernel does, with every CPU online, and then an exception
 * nothing catches must print its message and a backtrace of
 * Class.method(File.java:LINE) frames, stop the other CPUs and leave QEMU
 * with status 1.
 */
public final class PanicProbe {
    private PanicProbe() {}

    public static void start(long deviceTree, long freeMemory) {
        PowerOff.useSemihosting(true);
        MachineDescription machine = DeviceTreeBlob.read(deviceTree);
        MemorySetup.start(machine, deviceTree);
        Devices.configure(machine);
        Processors.start(machine);
        descend(3);
        System.out.println("not reached");
    }

    private static void descend(int levels) {
        if (levels == 0) throw new IllegalStateException("panic probe: deliberate");
        descend(levels - 1);
        System.out.println("not reached");
    }
}
