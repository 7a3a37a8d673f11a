package lichen.kernel.proc;

/**
 * What ptrace(2) keeps for one traced thread: its tracer, the options the
 * tracer set, how it was last resumed, and the ptrace-stop it is in (the
 * wait status the tracer's wait4 reports, the siginfo PTRACE_GETSIGINFO
 * reads, PTRACE_GETEVENTMSG's message, and whether it is a system call's
 * entry or exit for PTRACE_GET_SYSCALL_INFO). Made at the first attach and
 * kept with the process; {@link #tracer} is null while it is not traced.
 */
public final class Tracee {
    /** What kind of ptrace-stop the thread is in (for GET_SYSCALL_INFO and GETSIGINFO). */
    public static final int NOT_STOPPED = 0, SYSCALL_ENTRY = 1, SYSCALL_EXIT = 2, SIGNAL = 3, EVENT = 4, GROUP = 5;

    /** The tracing thread group's leader, or null. */
    Process tracer;
    /** The next thread the same tracer traces. */
    Process nextTracee;
    /** PTRACE_O_* from PTRACE_SETOPTIONS or PTRACE_SEIZE; whether it was seized (PTRACE_SEIZE or a seized parent's child). */
    int options;
    boolean seized;
    /** PTRACE_SYSCALL resumed it: it stops at each system call's entry and exit. */
    boolean traceSyscalls;
    /** In a ptrace-stop until the tracer resumes it (or detaches, or it is killed). */
    boolean stopped;
    int stopKind;
    /** The wait status of the stop not yet reported to the tracer's wait, or 0. */
    int report;
    /** The signal the tracer resumed it with (0: none); LISTEN asked for (stay in the group-stop). */
    int resumeSignal;
    boolean listening;
    /** PTRACE_INTERRUPT asked for a stop at the next return to user mode. */
    boolean interruptRequested;
    /** A new child's first stop, before its first instruction (auto-attach). */
    boolean startStop;
    /** The thread has ended and its end is for the tracer's wait first (the parent hears when the tracer has). */
    boolean endReport;
    /** PTRACE_GETEVENTMSG: the new child's pid, the former thread id at exec, the exit status. */
    long eventMessage;
    /** The stop's siginfo (PTRACE_GETSIGINFO): valid unless a plain group-stop. */
    boolean siginfoValid;
    int siSigno, siCode, siPid, siStatus;
    long siAddress;
    /** At a system call's stops: its number (NT_ARM_SYSTEM_CALL, -1 skips it), first argument and result. */
    long syscallNr, syscallArg0, syscallResult;
    /** The user frame of the stopped thread on its kernel stack (the registers the tracer reads and writes). */
    long frame;
    /** The tracer's bounce buffer for this tracee's registers and system-call information. */
    final byte[] buffer = new byte[BUFFER];
    public static final int BUFFER = 528;

    public int options() { return options; }

    public void setOptions(int o) { options = o; }

    public int stopKind() { return stopKind; }

    public long eventMessage() { return eventMessage; }

    public boolean siginfoValid() { return siginfoValid; }

    public int siSigno() { return siSigno; }

    public int siCode() { return siCode; }

    public int siPid() { return siPid; }

    public int siStatus() { return siStatus; }

    public long siAddress() { return siAddress; }

    /** PTRACE_SETSIGINFO: the signal-delivery-stop's siginfo as the tracer gives it. */
    public void setSiginfo(int signo, int code, int pid, int status, long address) {
        siginfoValid = true;
        siSigno = signo;
        siCode = code;
        siPid = pid;
        siStatus = status;
        siAddress = address;
    }

    public long syscallNr() { return syscallNr; }

    public void setSyscallNr(long nr) { syscallNr = nr; }

    public long syscallArg0() { return syscallArg0; }

    public long frame() { return frame; }

    public byte[] buffer() { return buffer; }
}
