package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Unsafe;

/**
 * Who made this CPU and which model it is: MIDR_EL1 (ARM ARM D19.2.100),
 * its implementer (bits 31:24), variant (23:20), architecture (19:16),
 * part number (15:4) and revision (3:0), as /proc/cpuinfo shows them.
 */
@Unsafe
public final class CpuIdentity {
    private CpuIdentity() {}

    public static long mainId() { return Cpu.mainId(); }
}
