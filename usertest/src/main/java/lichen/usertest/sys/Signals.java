package lichen.usertest.sys;

/** Signal numbers (include/uapi/asm-generic/signal.h, used by AArch64) and clone's flags. */
public final class Signals {
    private Signals() {}

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGBUS = 7;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGSEGV = 11;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGVTALRM = 26;
    public static final int SIGPROF = 27;
    public static final int SIGTERM = 15;
    public static final int SIGCHLD = 17;

    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGWINCH = 28;

    /**
     * siginfo_t is 128 bytes; for SIGCHLD (include/uapi/asm-generic/siginfo.h)
     * si_signo is the int at 0, si_errno at 4, si_code at 8, si_pid at 16,
     * si_uid at 20, si_status at 24.
     */
    public static final int SIGINFO_SIZE = 128;

    /** SIGCHLD's si_code values. */
    /** si_code of the faults (asm-generic/siginfo.h): an illegal opcode, a misaligned address, a breakpoint. */
    public static final int ILL_ILLOPC = 1;
    public static final int BUS_ADRALN = 1;
    public static final int TRAP_BRKPT = 1;
    /** sa_flags: the handler takes (signo, siginfo, ucontext). */
    public static final long SA_SIGINFO = 4;
    public static final long SA_RESTORER = 0x04000000L;
    public static final int CLD_EXITED = 1;
    public static final int CLD_KILLED = 2;
    public static final int CLD_DUMPED = 3;
    public static final int CLD_TRAPPED = 4;
    public static final int CLD_STOPPED = 5;
    public static final int CLD_CONTINUED = 6;
    /** si_code of a kill(2): SI_USER. */
    public static final int SI_USER = 0;
    /** sa_flags: no SIGCHLD when a child stops or continues; restart interrupted calls. */
    public static final long SA_NOCLDSTOP = 1;
    public static final long SA_RESTART = 0x10000000;

    /** rt_sigprocmask's how (include/uapi/asm-generic/signal-defs.h). */
    public static final int SIG_BLOCK = 0;
    public static final int SIG_UNBLOCK = 1;
    public static final int SIG_SETMASK = 2;

    /** clone's flags (include/uapi/linux/sched.h); the low byte is the exit signal. */
    public static final long CLONE_VM = 0x100;
    public static final long CLONE_FS = 0x200;
    public static final long CLONE_FILES = 0x400;
    public static final long CLONE_SIGHAND = 0x800;
    public static final long CLONE_VFORK = 0x4000;
    public static final long CLONE_THREAD = 0x10000;
    public static final long CLONE_SYSVSEM = 0x40000;
    public static final long CLONE_PARENT_SETTID = 0x100000;
    public static final long CLONE_CHILD_CLEARTID = 0x200000;

    /** Signal {@code sig}'s bit in a sigset_t: bit sig - 1. */
    public static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** sa_handler values. */
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;

    /** The kernel's sigset_t on AArch64 is 64 bits: rt_sigaction's sigsetsize argument. */
    public static final int SIGSET_SIZE = 8;

    /**
     * The kernel's struct sigaction on AArch64 (arm64 defines SA_RESTORER, so
     * include/uapi/asm-generic/signal.h gives sa_handler at 0, sa_flags at 8,
     * sa_restorer at 16, sa_mask at 24): 32 bytes.
     */
    public static final int SIGACTION_SIZE = 32;
}
