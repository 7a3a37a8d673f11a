package lichen.kernel.signal;

import lichen.fs.LittleEndian;

/**
 * struct siginfo as a 64-bit arm64 program reads it (include/uapi/asm-
 * generic/siginfo.h): si_signo at 0, si_errno at 4, si_code at 8, and at 16
 * the union member the signal's kind selects: a fault's si_addr; a POSIX
 * timer's si_tid, si_overrun and si_sigval; sigqueue's si_pid, si_uid and
 * si_sigval; a child's si_pid, si_uid and si_status; else kill's si_pid and
 * si_uid (every uid is root's 0). The fields come as the kernel keeps a
 * pending signal: the sender (or timer id), a status (or overrun), and an
 * address (or the value).
 */
public final class Siginfo {
    public static final int SIZE = 128;

    private Siginfo() {}

    /** Whether si_code {@code code} of {@code sig} is the kernel's report of a fault (si_addr), not a sender's. */
    static boolean isFault(int sig, int code) {
        return code > 0 && code < Signals.SI_KERNEL
                && (sig == Signals.SIGSEGV || sig == Signals.SIGBUS || sig == Signals.SIGILL || sig == Signals.SIGTRAP || sig == Signals.SIGFPE);
    }

    /** Writes the 128 bytes at {@code b[at]} (zeroing what the member leaves). */
    public static void encode(byte[] b, int at, int sig, int code, int sender, int status, long address) {
        for (int i = 0; i < SIZE; i++) b[at + i] = 0;
        LittleEndian.put32(b, at, sig);
        LittleEndian.put32(b, at + 8, code);
        if (isFault(sig, code)) {
            LittleEndian.put64(b, at + 16, address);
        } else if (code == Signals.SI_TIMER) {
            LittleEndian.put32(b, at + 16, sender); // si_tid
            LittleEndian.put32(b, at + 20, status); // si_overrun
            LittleEndian.put64(b, at + 24, address); // si_sigval
        } else if (code < 0 && code != Signals.SI_TKILL) { // sigqueue(3)'s SI_QUEUE and what else a process queues itself
            LittleEndian.put32(b, at + 16, sender);
            LittleEndian.put64(b, at + 24, address); // si_sigval
        } else {
            LittleEndian.put32(b, at + 16, sender);
            if (sig == Signals.SIGCHLD && code > 0) LittleEndian.put32(b, at + 24, status);
        }
    }

    /** The siginfo of the signal {@code s} last took. */
    public static void encodeTaken(byte[] b, int at, SignalState s, int sig) {
        encode(b, at, sig, s.code(sig), s.senderPid(sig), s.childStatus(sig), s.faultAddress(sig));
    }
}
