package lichen.kernel;

import lichen.arch.aarch64.SmpExecution;
import lichen.arch.aarch64.Timer;
import lichen.kernel.boot.DeviceTreeBlob;
import lichen.kernel.boot.FirstProcess;
import lichen.kernel.boot.Devices;
import lichen.kernel.dev.virtio.VirtioDevices;
import lichen.kernel.boot.MemorySetup;
import lichen.kernel.boot.Processors;
import lichen.kernel.fs.ExecutableFiles;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.syscall.SyscallTable;
import lichen.kernel.time.WallClock;
import lichen.libkernel.fdt.MachineDescription;

/**
 * The kernel's entry, called by arch/aarch64's boot code at EL1 in the upper
 * half, on boot.S's bootstrap tables: the machine from the device tree,
 * memory, devices, the other CPUs, the root filesystem from the initrd, then
 * init (the command line's init=, default /init) until it ends. The
 * in-kernel self-test is another entry (SelfTest, `just test-kernel`).
 */
public final class Kernel {
    public static final String VERSION = "0.1.0";
    /** The release uname(2) and /proc/sys/kernel/osrelease give: a Linux one, so programs take their Linux paths. */
    public static final String RELEASE = "6.12.0-lichen";
    /** The version string uname(2) and /proc/sys/kernel/version give. */
    public static final String UTS_VERSION = "#1 SMP Lichen " + VERSION;

    private Kernel() {}

    /** The boot log's account of the machine, from the device tree. */
    private static void describe(MachineDescription m) {
        long total = 0;
        for (int i = 0; i < m.memoryBankCount(); i++) {
            total += m.memorySize(i);
            System.out.println("memory: 0x" + Long.toHexString(m.memoryBase(i)) + "-0x"
                    + Long.toHexString(m.memoryBase(i) + m.memorySize(i)) + " (" + (m.memorySize(i) >> 20) + " MiB)");
        }
        System.out.println("memory total: " + (total >> 20) + " MiB in " + m.memoryBankCount() + " bank(s), "
                + m.reservedCount() + " reserved region(s)");
        System.out.println("cpus: " + m.cpuCount());
        System.out.println("command line: \"" + m.bootargs() + "\"");
        System.out.println("console: PL011 at 0x" + Long.toHexString(m.uartBase()) + "; GICv" + m.gicVersion() + " at 0x"
                + Long.toHexString(m.gicDistributor()) + "; timer PPI " + m.timerIrqPhysical() + "; PSCI via " + m.psciMethod()
                + "; " + m.virtioCount() + " virtio-mmio slots");
    }

    public static void start(long deviceTree, long freeMemory) {
        long entered = Timer.nanos();
        System.out.println("Lichen " + VERSION + " (AArch64, compiled by jcc)");
        System.out.println("device tree at 0x" + Long.toHexString(deviceTree) + ", kernel ends at 0x" + Long.toHexString(freeMemory));
        System.out.println("timer: " + Timer.frequency() + " Hz");
        MachineDescription machine = DeviceTreeBlob.read(deviceTree);
        if (machine != null) describe(machine);
        MemorySetup.start(machine, deviceTree);
        Devices.configure(machine);
        VirtioDevices.start(machine);
        WallClock.start(machine);
        Processors.start(machine);
        RootFilesystem.mountAtBoot(machine);
        long now = Timer.nanos();
        System.out.println("boot: " + (now / 1000) + " us since reset, " + ((now - entered) / 1000) + " us in the kernel");
        String bootargs = machine == null ? "" : machine.bootargs();
        SyscallTable.setTracing(bootargs != null && bootargs.contains("lichen.trace=syscalls"));
        int status = FirstProcess.run(machine == null ? null : machine.bootargs(), new ExecutableFiles());
        // Linux panics when init ends ("Attempted to kill init!"); this kernel says so and powers off.
        System.out.println("lichen: init ended (wait status 0x" + Integer.toHexString(status) + "); powering off");
        RootFilesystem.syncAtPowerOff();
        SmpExecution.report();
    }
}
