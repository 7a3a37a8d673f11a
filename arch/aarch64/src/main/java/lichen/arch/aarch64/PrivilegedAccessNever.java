package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Unsafe;

/**
 * PAN (FEAT_PAN, Armv8.1; ARM ARM D8, "Privileged access never"): with
 * PSTATE.PAN set, an EL1 load or store to a page EL0 can reach is a permission
 * fault, so the kernel touches user memory only through usercopy.S's LDTR/STTR,
 * which PAN does not stop. ID_AA64MMFR1_EL1.PAN (bits 23:20) says whether the
 * CPU has it: QEMU's {@code -cpu max} does, cortex-a72 (Armv8.0) does not, and
 * there the rule rests on the type system alone ({@code UA}, UserCopy).
 *
 * <p>SCTLR_EL1.SPAN (bit 23) is cleared, so every exception taken to EL1 sets
 * PAN again (from EL0, where the bit is not kept, too); ERET restores it from
 * SPSR_EL1 bit 22 for a return within EL1.
 */
@Unsafe
public final class PrivilegedAccessNever {
    private static final long PAN_BIT = 1L << 22, SCTLR_SPAN = 1L << 23;

    private PrivilegedAccessNever() {}

    /** ID_AA64MMFR1_EL1.PAN is not 0: the CPU implements PAN. */
    public static boolean implemented() { return (Cpu.memoryModelFeatures1() >>> 20 & 0xF) != 0; }

    /** PAN is set on this CPU now. */
    public static boolean enabled() { return implemented() && (Cpu.privilegedAccessNever() & PAN_BIT) != 0; }

    /** Turns PAN on for this CPU when it has it (each CPU, once, after its MMU is on); returns whether it did. */
    public static boolean enableIfImplemented() {
        if (!implemented()) return false;
        Cpu.setSystemControl(Cpu.systemControl() & ~SCTLR_SPAN);
        Cpu.setPrivilegedAccessNever(PAN_BIT);
        return true;
    }
}
