package lichen.libkernel.fdt;

import java.util.Arrays;

/**
 * What the kernel needs from the device tree at boot, read from a parsed
 * {@link Fdt}: RAM banks, reserved regions, /chosen (bootargs, initrd,
 * stdout-path), the PL011 UART, the GIC, the architected timer, PSCI, the
 * virtio-mmio transports and the CPUs. Bindings followed: the Devicetree
 * Specification v0.4 (memory, reserved-memory, chosen) and Linux's
 * Documentation/devicetree/bindings (arm/pl011, interrupt-controller/arm,gic,
 * timer/arm,arch_timer, arm/psci, virtio/mmio).
 *
 * <p>Interrupts are given as GIC INTIDs: SPI n is 32 + n, PPI n is 16 + n.
 * Absent devices have base -1; missing RAM is the one fatal error.
 */
public final class MachineDescription {
    public static final int MAX_BANKS = 32;

    private long[] memory = new long[0];
    private long[] reserved = new long[0];
    private String bootargs = "";
    private String stdoutPath;
    private long initrdStart = -1;
    private long initrdEnd = -1;
    private long uartBase = -1, uartSize, gicDistributor = -1, gicCpuInterface = -1;
    private long rtcBase = -1;
    /** GICv3's redistributor regions as base, size pairs. */
    private long[] gicRedistributors = new long[0];
    private int uartIrq = -1;
    private int gicVersion;
    private int timerIrqPhys = -1, timerIrqVirt = -1;
    private String psciMethod;
    private long psciCpuOn = -1, psciSystemOff = -1;
    private long[] virtio = new long[0];
    private int[] virtioIrqs = new int[0];
    private long[] cpus = new long[0];
    private String error;

    /** Reads the machine from {@code fdt}; check {@link #error} (only a tree without RAM is unusable). */
    public static MachineDescription from(Fdt fdt) {
        MachineDescription m = new MachineDescription();
        m.readMemory(fdt);
        m.readReserved(fdt);
        m.readChosen(fdt);
        m.readDevices(fdt);
        m.readCpus(fdt);
        if (m.memory.length == 0) m.error = "no memory node with a usable reg";
        return m;
    }

    /** The reason the description is unusable, or null. */
    public String error() { return error; }

    private static long[] append(long[] a, long x, long y) {
        long[] b = Arrays.copyOf(a, a.length + 2);
        b[a.length] = x;
        b[a.length + 1] = y;
        return b;
    }

    private void readMemory(Fdt f) {
        for (int n = f.firstChild(f.root()); n >= 0; n = f.nextSibling(n)) {
            int dt = f.property(n, "device_type");
            boolean isMemory = dt >= 0 ? "memory".equals(f.string(dt)) : f.baseName(n).equals("memory");
            if (!isMemory) continue;
            for (int i = 0; i < f.regCount(n) && memory.length < 2 * MAX_BANKS; i++) {
                long base = f.regAddress(n, i), size = f.regSize(n, i);
                if (base >= 0 && size > 0 && base + size > base) memory = append(memory, base, size);
            }
        }
    }

    private void readReserved(Fdt f) {
        for (int i = 0; i < f.reservationCount(); i++) reserved = append(reserved, f.reservationAddress(i), f.reservationSize(i));
        int rm = f.findPath("/reserved-memory");
        if (rm < 0) return;
        for (int n = f.firstChild(rm); n >= 0; n = f.nextSibling(n)) {
            for (int i = 0; i < f.regCount(n); i++) {
                long base = f.regAddress(n, i), size = f.regSize(n, i);
                if (base >= 0 && size > 0 && base + size > base) reserved = append(reserved, base, size);
            }
        }
    }

    private void readChosen(Fdt f) {
        int c = f.findPath("/chosen");
        if (c < 0) return;
        int p = f.property(c, "bootargs");
        if (p >= 0 && f.string(p) != null) bootargs = f.string(p);
        p = f.property(c, "stdout-path");
        if (p >= 0) stdoutPath = f.string(p);
        int s = f.property(c, "linux,initrd-start"), e = f.property(c, "linux,initrd-end");
        if (s >= 0 && e >= 0) {
            long start = f.cells(s, 0, f.length(s) / 4), end = f.cells(e, 0, f.length(e) / 4);
            if (start >= 0 && end >= start && (f.length(s) == 4 || f.length(s) == 8) && (f.length(e) == 4 || f.length(e) == 8)) {
                initrdStart = start;
                initrdEnd = end;
            }
        }
    }

    /** The INTID of the {@code i}-th three-cell GIC interrupt specifier, or -1. */
    private static int interrupt(Fdt f, int node, int i) {
        int p = f.property(node, "interrupts");
        if (p < 0) return -1;
        long type = f.cell(p, 3 * i), num = f.cell(p, 3 * i + 1);
        if (type < 0 || num < 0 || num > 1019) return -1;
        if (type == 0) return (int) num + 32 <= 1019 ? (int) num + 32 : -1;
        if (type == 1) return num < 16 ? (int) num + 16 : -1;
        return -1;
    }

    private void readDevices(Fdt f) {
        int n = f.findCompatible("arm,pl011", -1);
        if (n >= 0 && f.regCount(n) > 0) {
            uartBase = f.regAddress(n, 0);
            uartSize = f.regSize(n, 0);
            uartIrq = interrupt(f, n, 0);
        }
        n = f.findCompatible("arm,pl031", -1);
        if (n >= 0 && f.regCount(n) > 0) rtcBase = f.regAddress(n, 0);
        for (String v2 : new String[] {"arm,cortex-a15-gic", "arm,gic-400"}) {
            n = gicVersion == 0 ? f.findCompatible(v2, -1) : -1;
            if (n >= 0 && f.regCount(n) >= 2) {
                gicVersion = 2;
                gicDistributor = f.regAddress(n, 0);
                gicCpuInterface = f.regAddress(n, 1);
            }
        }
        n = gicVersion == 0 ? f.findCompatible("arm,gic-v3", -1) : -1;
        if (n >= 0 && f.regCount(n) >= 2) readGicV3(f, n);
        n = f.findCompatible("arm,armv8-timer", -1);
        if (n < 0) n = f.findCompatible("arm,armv7-timer", -1);
        if (n >= 0) {
            // Order in the binding: secure physical, non-secure physical, virtual, hypervisor.
            timerIrqPhys = interrupt(f, n, 1);
            timerIrqVirt = interrupt(f, n, 2);
        }
        n = f.findCompatible("arm,psci-1.0", -1);
        boolean v02 = n >= 0 || (n = f.findCompatible("arm,psci-0.2", -1)) >= 0;
        if (!v02) n = f.findCompatible("arm,psci", -1);
        if (n >= 0) {
            int m = f.property(n, "method");
            psciMethod = m >= 0 ? f.string(m) : null;
            int on = f.property(n, "cpu_on");
            // PSCI 0.2+ fixes the function IDs (ARM DEN 0022, table 5-1): CPU_ON (SMC64) and SYSTEM_OFF.
            psciCpuOn = on >= 0 ? f.cell(on, 0) : v02 ? 0xC4000003L : -1;
            psciSystemOff = v02 ? 0x84000008L : -1;
        }
        for (n = f.findCompatible("virtio,mmio", -1); n >= 0; n = f.findCompatible("virtio,mmio", n)) {
            if (f.regCount(n) == 0) continue;
            virtio = append(virtio, f.regAddress(n, 0), f.regSize(n, 0));
            virtioIrqs = Arrays.copyOf(virtioIrqs, virtioIrqs.length + 1);
            virtioIrqs[virtioIrqs.length - 1] = interrupt(f, n, 0);
        }
    }

    /**
     * Binding interrupt-controller/arm,gic-v3: reg is the distributor, then
     * #redistributor-regions (default 1) redistributor regions, then optional
     * GICC, GICH, GICV frames, which the kernel does not use.
     */
    private void readGicV3(Fdt f, int n) {
        int p = f.property(n, "#redistributor-regions");
        long regions = p >= 0 && f.length(p) == 4 ? f.cell(p, 0) : 1;
        if (regions < 1 || regions > f.regCount(n) - 1) return;
        gicVersion = 3;
        gicDistributor = f.regAddress(n, 0);
        for (int i = 1; i <= regions; i++) gicRedistributors = append(gicRedistributors, f.regAddress(n, i), f.regSize(n, i));
    }

    private void readCpus(Fdt f) {
        int c = f.findPath("/cpus");
        if (c < 0) return;
        for (int n = f.firstChild(c); n >= 0; n = f.nextSibling(n)) {
            int dt = f.property(n, "device_type");
            if (dt < 0 || !"cpu".equals(f.string(dt)) || f.regCount(n) == 0) continue;
            cpus = Arrays.copyOf(cpus, cpus.length + 1);
            cpus[cpus.length - 1] = f.regAddress(n, 0);
        }
    }

    public int memoryBankCount() { return memory.length / 2; }
    public long memoryBase(int i) { return memory[2 * i]; }
    public long memorySize(int i) { return memory[2 * i + 1]; }

    /** Reserved regions: /memreserve/ entries first, then /reserved-memory children. */
    public int reservedCount() { return reserved.length / 2; }
    public long reservedBase(int i) { return reserved[2 * i]; }
    public long reservedSize(int i) { return reserved[2 * i + 1]; }

    public String bootargs() { return bootargs; }
    public String stdoutPath() { return stdoutPath; }
    public boolean hasInitrd() { return initrdStart >= 0; }
    public long initrdStart() { return initrdStart; }
    public long initrdEnd() { return initrdEnd; }

    public long uartBase() { return uartBase; }

    /** The PL031 real-time clock's registers (QEMU virt has one), or -1. */
    public long rtcBase() { return rtcBase; }
    public long uartSize() { return uartSize; }
    public int uartIrq() { return uartIrq; }

    /** 2 or 3, or 0 when no GIC was found. */
    public int gicVersion() { return gicVersion; }
    public long gicDistributor() { return gicDistributor; }
    /** GICv2's CPU interface; -1 for GICv3, whose CPU interface is system registers. */
    public long gicCpuInterface() { return gicCpuInterface; }

    /** GICv3's redistributor regions (0 for GICv2): each holds the redistributors of some CPUs, one after another. */
    public int gicRedistributorRegionCount() { return gicRedistributors.length / 2; }
    public long gicRedistributorBase(int i) { return gicRedistributors[2 * i]; }
    public long gicRedistributorSize(int i) { return gicRedistributors[2 * i + 1]; }

    /** INTID of the EL1 non-secure physical timer (PPI 14 = 30 on QEMU). */
    public int timerIrqPhysical() { return timerIrqPhys; }
    public int timerIrqVirtual() { return timerIrqVirt; }

    /** "hvc" or "smc", or null without PSCI. */
    public String psciMethod() { return psciMethod; }
    public long psciCpuOn() { return psciCpuOn; }
    public long psciSystemOff() { return psciSystemOff; }

    public int virtioCount() { return virtio.length / 2; }
    public long virtioBase(int i) { return virtio[2 * i]; }
    public long virtioSize(int i) { return virtio[2 * i + 1]; }
    public int virtioIrq(int i) { return virtioIrqs[i]; }

    public int cpuCount() { return cpus.length; }
    /** The MPIDR affinity value of CPU {@code i} (its reg), for PSCI CPU_ON. */
    public long cpuMpidr(int i) { return cpus[i]; }
}
