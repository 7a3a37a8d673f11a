package lichen.api;

/**
 * The processor instructions kernel code needs, each an intrinsic that jcc
 * emits inline: the generic timer's counter (ARM ARM D11, CNTVCT_EL0 and
 * CNTFRQ_EL0), wait for interrupt, PSCI calls through {@code hvc #0}
 * (Arm DEN0022) and semihosting through {@code hlt #0xf000} (Arm IHI0056).
 * Allowed only in {@link Unsafe} classes.
 */
public final class Cpu {
    private Cpu() {}

    /** CNTVCT_EL0: the virtual count of the generic timer. */
    public static long counter() { throw hostless(); }

    /** CNTFRQ_EL0: the counter's frequency in Hz. */
    public static long counterFrequency() { throw hostless(); }

    /** BRK #0x4C: a breakpoint exception, which the kernel's trap handler counts and steps over (self-tests). */
    public static void breakpoint() { throw hostless(); }

    /** CNTP_TVAL_EL0: the EL1 physical timer fires after this many counter ticks. */
    public static void setTimerCountdown(long ticks) { throw hostless(); }

    /** CNTP_CTL_EL0: bit 0 enables the EL1 physical timer, bit 1 masks its interrupt. */
    public static void setTimerControl(long control) { throw hostless(); }

    /** Unmasks IRQs at this exception level (DAIF.I = 0). */
    public static void enableInterrupts() { throw hostless(); }

    /** Masks IRQs at this exception level (DAIF.I = 1). */
    public static void disableInterrupts() { throw hostless(); }

    /**
     * Saves this CPU's callee-saved registers, stack pointer and handler chain into the context
     * at {@code save} and continues from the one at {@code load} (arch/aarch64/switch.S).
     */
    public static void switchContext(long save, long load) { throw hostless(); }

    /**
     * The first return of a user thread to EL0 (arch/aarch64/user.S, lichen_enter_user): the
     * 832-byte user frame at {@code frame} is copied onto the running task's stack, where the
     * thread's traps will save its state from then on, and restored with ERET. Never returns.
     */
    public static void enterUser(long frame) { throw hostless(); }

    /** If the FP/SIMD registers hold the user frame {@code frame}'s state (arch's lazy FP/SIMD), store it into the frame. */
    public static void flushUserFp(long frame) { throw hostless(); }

    /** The user frame {@code frame}'s FP/SIMD part was changed or the frame is going: the registers no longer stand for it. */
    public static void invalidateUserFp(long frame) { throw hostless(); }

    /** Before kernel code uses the FP/SIMD registers: the user state they hold goes into its frame. */
    public static void releaseUserFp() { throw hostless(); }

    /** TTBR0_EL1 = {@code ttbr0} (an ASID in bits 63:48 and a table's address), then ISB: the user half now translates through it. */
    public static void setUserTranslationTable(long ttbr0) { throw hostless(); }

    /** Invalidates every TLB entry of one ASID on every CPU (TLBI ASIDE1IS, with the barriers; ARM ARM D8.14). */
    public static void invalidateTlbAsid(long asid) { throw hostless(); }

    /** The address where a new task's first context switch lands (lichen_task_start). */
    public static long taskStartAddress() { throw hostless(); }

    /**
     * Moves to new translation tables (arch/aarch64/boot.S, lichen_replace_tables): TTBR1_EL1
     * is replaced while running from the identity map, then TTBR0_EL1, each followed by a full
     * TLB invalidation. The new TTBR1 table must map the kernel image where it runs now.
     */
    public static void replaceTranslationTables(long ttbr0, long ttbr1) { throw hostless(); }

    /** The address of the kernel image's layout table (boot.S, lichen_image_layout). */
    public static long imageLayout() { throw hostless(); }

    /** Invalidates the TLB entries of one page in every address space (TLBI VAAE1IS, with the barriers). */
    public static void invalidateTlbPage(long va) { throw hostless(); }

    /** Invalidates every TLB entry of EL1 and EL0 on every CPU, global ones included (TLBI VMALLE1IS, with the barriers). */
    public static void invalidateTlbAll() { throw hostless(); }

    /*
     * User memory through unprivileged loads and stores (arch/aarch64/usercopy.S; ARM ARM C6.2,
     * LDTR/STTR): checked against EL0's permissions, each faulting instruction listed in the
     * exception table, so a bad user address ends the routine early instead of the kernel.
     */

    /** Copies {@code n} bytes from user {@code userSrc} to kernel {@code kernelDst}; the bytes not copied (0: all were). */
    public static long copyFromUser(long kernelDst, long userSrc, long n) { throw hostless(); }

    /** Copies {@code n} bytes from kernel {@code kernelSrc} to user {@code userDst}; the bytes not copied. */
    public static long copyToUser(long userDst, long kernelSrc, long n) { throw hostless(); }

    /** Zeroes {@code n} bytes at user {@code userDst}; the bytes not cleared. */
    public static long clearUser(long userDst, long n) { throw hostless(); }

    /** The index of the first NUL in the {@code limit} bytes at user {@code userSrc}; {@code limit} when none; -1 on a fault. */
    public static long userStringLength(long userSrc, long limit) { throw hostless(); }

    /** Copies the string at user {@code userSrc} with its NUL, at most {@code limit} bytes; its length, {@code limit} when no NUL came, -1 on a fault. */
    public static long copyStringFromUser(long kernelDst, long userSrc, long limit) { throw hostless(); }

    /** Stores 8 bytes at the aligned user address {@code userDst}: 0, or -1 on a fault. */
    public static long storeUser64(long userDst, long value) { throw hostless(); }

    /** Stores 4 bytes at the aligned user address {@code userDst}: 0, or -1 on a fault. */
    public static long storeUser32(long userDst, int value) { throw hostless(); }

    /** The exception table's first (instruction, fixup) pair (kernel.ld, __ex_table_start). */
    public static long exceptionTableStart() { throw hostless(); }

    /** One past the exception table's last pair (kernel.ld, __ex_table_end). */
    public static long exceptionTableEnd() { throw hostless(); }

    /** ID_AA64MMFR1_EL1, memory model feature register 1 (its PAN field is bits 23:20). */
    public static long memoryModelFeatures1() { throw hostless(); }

    /** MIDR_EL1, the main ID register: implementer, variant, architecture, part number and revision (ARM ARM D19.2.100). */
    public static long mainId() { throw hostless(); }

    /** SCTLR_EL1, the system control register of EL1. */
    public static long systemControl() { throw hostless(); }

    /** SCTLR_EL1 = {@code value}, then ISB. */
    public static void setSystemControl(long value) { throw hostless(); }

    /** PSTATE.PAN as the PAN register shows it (bit 22); only where ID_AA64MMFR1_EL1.PAN says it exists. */
    public static long privilegedAccessNever() { throw hostless(); }

    /** PAN = {@code value} (bit 22 set: EL1 may not touch memory EL0 can reach except by LDTR/STTR), then ISB. */
    public static void setPrivilegedAccessNever(long value) { throw hostless(); }

    /*
     * The GICv3 CPU interface, which is system registers (ARM IHI 0069H, 12.2): one intrinsic
     * for each register the kernel uses, named for what it does.
     */

    /** ICC_SRE_EL1 = SRE | DFB | DIB: use the system-register interface, not the memory-mapped one. */
    public static void gicUseSystemRegisters() { throw hostless(); }

    /** ICC_PMR_EL1: interrupts of a priority value below {@code mask} are signalled. */
    public static void gicSetPriorityMask(long mask) { throw hostless(); }

    /** ICC_BPR1_EL1: the binary point, how priorities split into group and subpriority. */
    public static void gicSetBinaryPoint(long point) { throw hostless(); }

    /** ICC_IGRPEN1_EL1: group 1 interrupts on ({@code 1}) or off ({@code 0}). */
    public static void gicEnableGroup1(long on) { throw hostless(); }

    /** ICC_IAR1_EL1: acknowledges the highest-priority pending group 1 interrupt; its INTID (1023: none). */
    public static long gicAcknowledge() { throw hostless(); }

    /** ICC_EOIR1_EL1: ends the interrupt {@code intid}. */
    public static void gicEndOfInterrupt(long intid) { throw hostless(); }

    /** ICC_SGI1R_EL1: raises a software-generated interrupt (the value encodes INTID and targets). */
    public static void gicSendSgi(long value) { throw hostless(); }

    /**
     * DSB ISHST: this CPU's earlier stores are visible to every CPU before any later access,
     * device and system register writes included; so an interrupt sent to another CPU after it
     * finds what was written before (ARM DDI 0487, "Data Synchronization Barrier").
     */
    public static void makeStoresVisible() { throw hostless(); }

    /** MPIDR_EL1's affinity fields (Aff3..Aff0): which CPU this is, as the device tree's cpu nodes name it. */
    public static long mpidr() { throw hostless(); }

    /**
     * This CPU's logical number (0 the boot CPU, then the others in the device tree's order, as Linux
     * numbers them): TPIDR_EL1, which boot.S sets on each CPU before any Java runs and nothing else writes.
     */
    public static long cpuIndex() { throw hostless(); }

    /** Whether IRQs are masked on this CPU now (DAIF.I, ARM ARM C5.2.2). */
    public static boolean interruptsMasked() { throw hostless(); }

    /**
     * The big kernel lock (arch/aarch64 user.S, docs/kernel.md "SMP"): taken by a CPU before it runs kernel
     * code, given up at the return to EL0 and while idle. Acquire spins (in WFE) until it has it and loads
     * this CPU's chain of exception handlers; release keeps the chain and frees the lock. Both do nothing
     * until {@link #bigLockEnable}, which the boot CPU calls, taking the lock, before other CPUs run tasks.
     */
    public static void bigLockAcquire() { throw hostless(); }

    public static void bigLockRelease() { throw hostless(); }

    public static void bigLockEnable() { throw hostless(); }

    /** 1 + the number of the CPU holding the big kernel lock; 0 when it is free or off. */
    public static long bigLockHolder() { throw hostless(); }

    /** WFE: sleep until an event ({@link #sendEvent}), an interrupt, or a spurious wake. */
    public static void waitForEvent() { throw hostless(); }

    /** SEV: wakes every CPU waiting in {@link #waitForEvent}, after the stores before it are visible. */
    public static void sendEvent() { throw hostless(); }

    /** WFI: sleep until an interrupt (or a spurious wake). */
    public static void waitForInterrupt() { throw hostless(); }

    /** A PSCI call: function id in x0, arguments in x1..x3, result in x0. */
    public static long psci(long function, long a1, long a2, long a3) { throw hostless(); }

    /** A semihosting call: operation in w0, parameter in x1, result in x0. */
    public static long semihost(long operation, long parameter) { throw hostless(); }

    private static UnsupportedOperationException hostless() {
        return new UnsupportedOperationException("a CPU intrinsic: only in code compiled by jcc --target kernel");
    }
}
