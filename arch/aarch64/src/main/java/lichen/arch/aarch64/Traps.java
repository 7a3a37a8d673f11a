package lichen.arch.aarch64;

import lichen.api.Async;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * Where every exception lands (vectors.S calls lichen_trap, which jcc binds
 * to {@link #handle}). Exceptions from EL0 go to the registered
 * {@link UserTrapHandler} (the process layer). An EL1 data abort at an
 * instruction of the exception table (usercopy.S) goes to {@link UserMemory};
 * at any other instruction it stays a panic. IRQs go to {@link Interrupts}.
 * The kernel's own test breakpoint ({@code brk #0x4c}) is counted and
 * skipped, so tests can prove the path; anything else is unexpected for now and is
 * reported with the syndrome and every register, then the kernel panics.
 * vectors.S sends a kernel stack overflow here as entry 16, already moved to
 * the overflow stack: it is reported and is a panic, unless a test expected
 * it, in which case the overflowing task is stopped.
 */
@Unsafe
public final class Traps {
    /** Trap frame offsets (vectors.S). */
    private static final int ELR = 248, SPSR = 256, ESR = 264, FAR = 272, SP = 280;
    /** ESR_EL1.EC values (ARM ARM D17.2.37). */
    private static final int EC_BRK = 0x3C;
    /**
     * The immediate of {@code Cpu.breakpoint()}'s {@code brk} (jcc's
     * IntrinsicCalls), the one breakpoint stepped over at EL1. Any other
     * {@code brk} in the kernel is a guard that must never be passed (LLVM's
     * trap after a call that does not return, {@code _start}'s {@code brk #0}):
     * it is a panic like any other unexpected exception.
     */
    private static final int BREAKPOINT_IMMEDIATE = 0x4c;
    /** vectors.S's entry number for a stack pointer found in its guard. */
    private static final int STACK_OVERFLOW = 16;

    private static final String[] KINDS = {"synchronous", "IRQ", "FIQ", "SError"};
    private static final String[] ORIGINS = {"current EL with SP0", "current EL with SPx", "lower EL (AArch64)", "lower EL (AArch32)"};

    /** ESR_EL1.EC of data aborts from EL1 and EL0 (ARM ARM D17.2.37). */
    private static final int EC_DATA_ABORT_SAME_EL = 0x25, EC_DATA_ABORT_LOWER_EL = 0x24;

    /** Shared with the exception path, which the compiler cannot see: volatile, so no access is cached or moved. */
    private static volatile boolean faultExpected;
    private static volatile long lastFaultAddress = -1;
    private static long breakpoints;
    private static long lastBreakpointImmediate = -1;

    /** Where exceptions from EL0 go; without one they are unexpected (a panic). */
    private static UserTrapHandler userTraps;

    private Traps() {}

    /** The process layer's handler for every exception taken from EL0. */
    public static void setUserTrapHandler(UserTrapHandler h) { userTraps = h; }

    public static long breakpoints() { return breakpoints; }

    public static long lastBreakpointImmediate() { return lastBreakpointImmediate; }

    /** The next data abort is expected (a probe of a guard page): record its address and step over it. */
    public static void expectFault() {
        faultExpected = true;
        lastFaultAddress = -1;
    }

    /** The faulting address of the expected abort, or -1 when none came; ends the expectation. */
    public static long takeFault() {
        faultExpected = false;
        return lastFaultAddress;
    }

    @Async
    public static void handle(long frame, long entry) {
        if (entry >= 8 && entry < 16) SecondaryCpus.leaveIfStopping(); // the lock is held (user.S): a stopping CPU goes now
        if (entry >= 8 && entry < 16 && userTraps != null) {
            if (entry % 4 == 1) Interrupts.dispatchFromUser(); // then the process layer may switch threads
            userTraps.handle(frame, entry);
            return;
        }
        if (entry == STACK_OVERFLOW) {
            stackOverflow(frame);
            return;
        }
        if (entry % 4 == 1) {
            Interrupts.dispatch();
            return;
        }
        long esr = Mmio.read64(frame + ESR);
        int ec = (int) (esr >>> 26) & 0x3F;
        if (entry % 4 == 0 && ec == EC_BRK && (esr & 0xFFFF) == BREAKPOINT_IMMEDIATE) {
            breakpoints++;
            lastBreakpointImmediate = esr & 0xFFFF;
            Mmio.write64(frame + ELR, Mmio.read64(frame + ELR) + 4);
            return;
        }
        if (entry == 4 && ec == EC_DATA_ABORT_SAME_EL) {
            // A user access of usercopy.S (the exception table): the page made present, or the fixup.
            long resume = UserMemory.resumeAfterAbort(Mmio.read64(frame + ELR), esr, Mmio.read64(frame + FAR));
            if (resume != 0) {
                Mmio.write64(frame + ELR, resume);
                return;
            }
        }
        if (faultExpected && entry % 4 == 0 && (ec == EC_DATA_ABORT_SAME_EL || ec == EC_DATA_ABORT_LOWER_EL)) {
            faultExpected = false;
            lastFaultAddress = Mmio.read64(frame + FAR);
            Mmio.write64(frame + ELR, Mmio.read64(frame + ELR) + 4);
            return;
        }
        dump(frame, entry, esr, ec);
        throw new IllegalStateException("unexpected " + KINDS[(int) (entry % 4)] + " exception from the "
                + ORIGINS[(int) (entry / 4)] + ", ESR_EL1.EC=0x" + Integer.toHexString(ec));
    }

    /** Reports the overflow; stops the task when a test expected it, panics otherwise. */
    private static void stackOverflow(long frame) {
        System.out.flush();
        long sp = Mmio.read64(frame + SP);
        long top = StackContinuations.runningStackTop();
        String where = top == 0 ? "the boot stack" : "the stack of the running task (top 0x" + Long.toHexString(top) + ")";
        System.err.println("kernel stack overflow: SP 0x" + Long.toHexString(sp) + " ran into the guard of " + where
                + ", PC 0x" + Long.toHexString(Mmio.read64(frame + ELR)) + ", FAR 0x" + Long.toHexString(Mmio.read64(frame + FAR)));
        if (faultExpected && top != 0) {
            faultExpected = false;
            lastFaultAddress = sp;
            System.err.println("kernel stack overflow: expected; the task is stopped");
            StackContinuations.abandonRunning(Mmio.read64(frame + SPSR));
        }
        long esr = Mmio.read64(frame + ESR);
        dump(frame, STACK_OVERFLOW, esr, (int) (esr >>> 26) & 0x3F);
        throw new IllegalStateException("kernel stack overflow in " + where);
    }

    private static void dump(long frame, long entry, long esr, int ec) {
        System.out.flush();
        StringBuilder sb = new StringBuilder();
        if (entry == STACK_OVERFLOW) sb.append("\nexception: kernel stack overflow\n");
        else sb.append("\nexception: vector ").append(entry).append(" (").append(KINDS[(int) (entry % 4)]).append(", ")
                .append(ORIGINS[(int) (entry / 4)]).append(")\n");
        sb.append("  ESR ").append(hex(esr)).append(" (EC 0x").append(Integer.toHexString(ec)).append(")  FAR ")
                .append(hex(Mmio.read64(frame + FAR))).append("  ELR ").append(hex(Mmio.read64(frame + ELR)))
                .append("  SPSR ").append(hex(Mmio.read64(frame + SPSR))).append("  SP ").append(hex(Mmio.read64(frame + SP))).append('\n');
        for (int r = 0; r < 31; r++) {
            sb.append(r < 10 ? "  x0" : "  x").append(r).append(' ').append(hex(Mmio.read64(frame + 8L * r)));
            if (r % 4 == 3 || r == 30) sb.append('\n');
        }
        System.err.print(sb);
    }

    private static String hex(long v) {
        String h = Long.toHexString(v);
        return "0000000000000000".substring(h.length()) + h;
    }
}
