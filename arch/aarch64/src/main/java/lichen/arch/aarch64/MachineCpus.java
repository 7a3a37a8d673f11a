package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Unsafe;
import lichen.libkernel.sync.CpuContext;

/**
 * libkernel's view of this machine's CPUs ({@link lichen.libkernel.sync.Cpus}):
 * the running CPU's logical number from TPIDR_EL1 (boot.S sets it on every
 * CPU: 0 the boot CPU, then the device tree's order), how many are online, and
 * the real IRQ mask (DAIF.I), so a {@code SpinLock} names its true holder and
 * {@code lockIrqSave} masks what it says.
 */
@Unsafe
public final class MachineCpus implements CpuContext {
    public static final MachineCpus INSTANCE = new MachineCpus();

    private MachineCpus() {}

    /** This CPU's logical number. */
    public static int current() { return (int) Cpu.cpuIndex(); }

    @Override
    public int currentCpu() { return (int) Cpu.cpuIndex(); }

    @Override
    public int cpuCount() { return 1 + (int) SecondaryCpus.online(); }

    @Override
    public boolean disableIrqs() {
        boolean enabled = !Cpu.interruptsMasked();
        Cpu.disableInterrupts();
        return enabled;
    }

    @Override
    public void restoreIrqs(boolean enabled) {
        if (enabled) Cpu.enableInterrupts();
    }
}
