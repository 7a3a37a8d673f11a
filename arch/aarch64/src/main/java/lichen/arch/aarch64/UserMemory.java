package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Unsafe;

/**
 * The fast path to user memory: usercopy.S's routines, whose every user access
 * is an unprivileged LDTR/STTR listed in the exception table. They reach the
 * user space installed in TTBR0 now, so the caller passes that space's
 * {@link UserPageFaults}, which serves the faults of this one call.
 *
 * <p>A data abort at a listed instruction comes to {@link #resumeAfterAbort}
 * (from {@link Traps}, with IRQs masked): a fault the space can fix without
 * sleeping (an absent demand-zero page, a write to a page still shared after
 * fork) is fixed and the instruction runs again; anything else, and the same
 * access faulting again after a fix, resumes at the fixup and the routine
 * returns what it did not do. The caller then finishes by its own means (kernel/mm's UserCopy
 * walks the tables in {@code @Async} code, which can read a file page) or reports
 * EFAULT. Nothing here sleeps.
 *
 * <p>The space is kept in a static field for the length of one call: only the boot
 * CPU runs tasks, and a task is never switched out while in kernel code at EL1 (an
 * IRQ taken there returns to it), so no other copy can start before this one ends.
 */
@Unsafe
public final class UserMemory {
    /** ESR_EL1.ISS of a data abort (ARM ARM D17.2.37): WnR, FnV, and DFSC's translation (0b0001LL) and permission (0b0011LL) faults. */
    private static final long ISS_WNR = 1L << 6, ISS_FNV = 1L << 10, DFSC_MASK = 0x3C, DFSC_TRANSLATION = 0x04, DFSC_PERMISSION = 0x0C;

    /** The space whose user memory the running call reaches; null between calls. */
    private static UserPageFaults faults;
    /** The last access made to work (instruction and address): faulting again there means the space's answer was wrong. */
    private static long fixedPc, fixedAddress;
    private static long pagesMadePresent, fixupsTaken;

    private UserMemory() {}

    /** Copies {@code n} bytes from user {@code userSrc} to kernel {@code kernelDst}; the bytes not copied (0: all were). */
    public static long copyIn(UserPageFaults space, long kernelDst, long userSrc, long n) {
        UserPageFaults outer = enter(space);
        long left = Cpu.copyFromUser(kernelDst, userSrc, n);
        faults = outer;
        return left;
    }

    /** Copies {@code n} bytes from kernel {@code kernelSrc} to user {@code userDst}; the bytes not copied. */
    public static long copyOut(UserPageFaults space, long userDst, long kernelSrc, long n) {
        UserPageFaults outer = enter(space);
        long left = Cpu.copyToUser(userDst, kernelSrc, n);
        faults = outer;
        return left;
    }

    /** Zeroes {@code n} bytes at user {@code userDst}; the bytes not cleared. */
    public static long clear(UserPageFaults space, long userDst, long n) {
        UserPageFaults outer = enter(space);
        long left = Cpu.clearUser(userDst, n);
        faults = outer;
        return left;
    }

    /** The index of the first NUL in the {@code limit} bytes at {@code userSrc}; {@code limit} when none; -1 on a fault. */
    public static long stringLength(UserPageFaults space, long userSrc, long limit) {
        UserPageFaults outer = enter(space);
        long n = Cpu.userStringLength(userSrc, limit);
        faults = outer;
        return n;
    }

    /** Copies the string at {@code userSrc} and its NUL, at most {@code limit} bytes; its length, {@code limit} when no NUL came, -1 on a fault. */
    public static long copyString(UserPageFaults space, long kernelDst, long userSrc, long limit) {
        UserPageFaults outer = enter(space);
        long n = Cpu.copyStringFromUser(kernelDst, userSrc, limit);
        faults = outer;
        return n;
    }

    /** Stores 8 bytes at the aligned {@code userDst}: 0, or -1 on a fault. */
    public static long store64(UserPageFaults space, long userDst, long value) {
        UserPageFaults outer = enter(space);
        long rc = Cpu.storeUser64(userDst, value);
        faults = outer;
        return rc;
    }

    /** Stores 4 bytes at the aligned {@code userDst}: 0, or -1 on a fault. */
    public static long store32(UserPageFaults space, long userDst, int value) {
        UserPageFaults outer = enter(space);
        long rc = Cpu.storeUser32(userDst, value);
        faults = outer;
        return rc;
    }

    private static UserPageFaults enter(UserPageFaults space) {
        UserPageFaults outer = faults;
        faults = space;
        fixedPc = 0;
        return outer;
    }

    /**
     * An EL1 data abort at {@code pc}: where to resume. {@code pc} itself when the
     * page was made present (the access runs again), the fixup when it was not, and 0
     * when {@code pc} is not in the exception table (a kernel bug: the caller panics).
     */
    static long resumeAfterAbort(long pc, long esr, long far) {
        long fixup = ExceptionTable.fixupFor(pc);
        if (fixup == 0) return 0;
        boolean write = (esr & ISS_WNR) != 0;
        long dfsc = esr & DFSC_MASK;
        // Absent (translation fault), or written while read-only (permission fault: a page still shared after fork).
        boolean fixable = (dfsc == DFSC_TRANSLATION || dfsc == DFSC_PERMISSION && write) && (esr & ISS_FNV) == 0;
        boolean again = pc == fixedPc && far == fixedAddress;
        if (fixable && !again && faults != null && faults.makePresentWithoutSleeping(far, write)) {
            // The new descriptor must reach the table walker before the access runs again (ARM ARM D8,
            // "Ordering of memory accesses from translation table walks"); the ERET is the context synchronisation.
            Cpu.makeStoresVisible();
            fixedPc = pc;
            fixedAddress = far;
            pagesMadePresent++;
            return pc;
        }
        fixupsTaken++;
        return fixup;
    }

    /** Pages the fault path made present since boot (tests). */
    public static long pagesMadePresent() { return pagesMadePresent; }

    /** Faults that resumed at a fixup since boot (tests). */
    public static long fixupsTaken() { return fixupsTaken; }
}
