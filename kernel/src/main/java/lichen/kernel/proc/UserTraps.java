package lichen.kernel.proc;

import lichen.arch.aarch64.Interrupts;

import lichen.api.Async;
import lichen.arch.aarch64.Traps;
import lichen.arch.aarch64.UserTrapHandler;
import lichen.kernel.mm.FilePages;
import lichen.kernel.signal.CpuTimer;
import lichen.kernel.signal.SignalState;
import lichen.kernel.signal.Signals;
import lichen.kernel.syscall.SyscallTable;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.sched.EevdfScheduler;

/**
 * Every exception a user thread takes (ARM ARM D1.10): an SVC is a system
 * call; an instruction or data abort is a page fault, served from the
 * process's areas or fatal; after an IRQ (arch has dispatched it) the thread yields,
 * so the timer's tick shares the CPU between runnable threads. A fault
 * forces the signal Linux would send; every return to user mode first
 * delivers what signals are pending.
 */
public final class UserTraps implements UserTrapHandler {
    /** ESR_EL1.EC (ARM ARM D17.2.37). */
    private static final int EC_UNKNOWN = 0x00, EC_SVC64 = 0x15, EC_IABT_LOWER = 0x20, EC_PC_ALIGN = 0x22,
            EC_DABT_LOWER = 0x24, EC_SP_ALIGN = 0x26, EC_BRK_LOWER = 0x3C;
    /** ISS.WnR: the data abort was a write. */
    private static final long WNR = 1L << 6;
    /** Signal numbers (man 7 signal, arm64). */
    public static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGKILL = 9, SIGSEGV = 11;
    /** si_code for the faults (asm-generic/siginfo.h). */
    private static final int ILL_ILLOPC = 1, BUS_ADRALN = 1, BUS_ADRERR = 2, TRAP_BRKPT = 1;

    private UserTraps() {}

    /** Routes arch's EL0 exceptions here. */
    public static void install() { Traps.setUserTrapHandler(new UserTraps()); }

    @Override
    @Async
    public void handle(long frame, long entry) {
        if (entry == 9) {
            CpuTimes.sampleUser(Processes.executor().current(), Interrupts.userTicks());
            Process p = Processes.current();
            if (p != null) CpuTimer.tick(p);
        }
        serve(frame, entry);
    }

    @Async
    private static void serve(long frame, long entry) {
        Process p = Processes.current();
        if (p != null) p.setUserFrame(frame);
        if (entry == 9) { // arch has dispatched the interrupt; a thread past its slice gives the CPU up (Linux's tick preemption)
            boolean preempted = Processes.executor().currentTurnNanos() >= EevdfScheduler.SLICE_NS;
            if (preempted) Processes.executor().yieldNow();
            if (p == null) return;
            if (preempted && !Rseq.leaveCriticalSection(p, frame)) {
                kill(p, frame, SIGSEGV, "a bad rseq critical section");
                return;
            }
            Signals.deliver(p, frame, false, 0);
            return;
        }
        if (p == null || entry != 8) {
            kill(p, frame, SIGKILL, "an unexpected exception (vector " + entry + ")");
            return;
        }
        long esr = UserFrame.get(frame, UserFrame.ESR);
        int ec = (int) (esr >>> 26) & 0x3F;
        long origX0 = UserFrame.x(frame, 0);
        switch (ec) {
            case EC_SVC64 -> {
                if (p.traced()) Ptrace.systemCall(p, frame); // with the tracer's stops around it
                else SyscallTable.dispatch(p, frame);
            }
            case EC_DABT_LOWER -> pageFault(p, frame, (esr & WNR) != 0 ? Prot.WRITE : Prot.READ);
            case EC_IABT_LOWER -> pageFault(p, frame, Prot.EXEC);
            // si_addr as arm64 Linux gives it (arch/arm64/kernel/entry-common.c, traps.c): the misaligned PC (FAR) or SP,
            // else the instruction's own address.
            case EC_PC_ALIGN -> fault(p, frame, SIGBUS, BUS_ADRALN, UserFrame.get(frame, UserFrame.FAR), "a misaligned PC");
            case EC_SP_ALIGN -> fault(p, frame, SIGBUS, BUS_ADRALN, UserFrame.get(frame, UserFrame.SP), "a misaligned SP");
            case EC_BRK_LOWER -> fault(p, frame, SIGTRAP, TRAP_BRKPT, pc(frame), "a breakpoint");
            case EC_UNKNOWN -> fault(p, frame, SIGILL, ILL_ILLOPC, pc(frame), "an undefined instruction");
            default -> fault(p, frame, SIGILL, ILL_ILLOPC, pc(frame), "exception class 0x" + Integer.toHexString(ec));
        }
        // An execve from a thread that was not its group's leader goes on as the leader (Processes.endOtherThreads).
        if (ec == EC_SVC64) p = Processes.current();
        Signals.deliver(p, frame, ec == EC_SVC64, origX0);
    }

    @Async
    private static void pageFault(Process p, long frame, int access) {
        long far = UserFrame.get(frame, UserFrame.FAR);
        long rc = p.mm().fault(far, access);
        if (rc >= 0) {
            CpuTimes.faulted(p);
            return;
        }
        if (rc == FilePages.BEYOND_END) {
            fault(p, frame, SIGBUS, BUS_ADRERR, far, "an access past the end of a mapped file at 0x" + Long.toHexString(far));
            return;
        }
        int code = p.mm().areas().find(far) == null ? Signals.SEGV_MAPERR : Signals.SEGV_ACCERR;
        fault(p, frame, SIGSEGV, code, far, "a " + (access == Prot.WRITE ? "write" : access == Prot.EXEC ? "fetch" : "read")
                + " at 0x" + Long.toHexString(far));
    }

    /**
     * A fault the program made: its signal is forced with si_addr
     * {@code address} (a handler runs if there is one, else the process ends). A fatal one is logged as arm64 Linux's
     * show_unhandled_signals does, naming the PC and the address.
     */
    private static void fault(Process p, long frame, int signal, int code, long address, String why) {
        boolean handled = p.signals().handler(signal) > SignalState.SIG_IGN && (p.signals().blocked() & SignalState.bit(signal)) == 0;
        if (!handled) System.out.println("lichen: " + p + ": killed by signal " + signal + " after " + why + ", pc 0x"
                + Long.toHexString(UserFrame.get(frame, UserFrame.ELR)));
        Signals.force(p, signal, code, address);
    }

    private static long pc(long frame) { return UserFrame.get(frame, UserFrame.ELR); }

    /** An exception no process can own: ends the process if there is one, else it is the kernel's bug. */
    @Async
    private static void kill(Process p, long frame, int signal, String why) {
        System.out.println("lichen: " + (p == null ? "no process" : p.toString()) + ": killed by signal " + signal + " after "
                + why + ", pc 0x" + Long.toHexString(UserFrame.get(frame, UserFrame.ELR)));
        if (p == null) throw new IllegalStateException("an exception from EL0 outside any process");
        Processes.exitGroup(p, signal);
    }
}
