package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.proc.Ptrace;
import lichen.kernel.proc.PtraceAttach;
import lichen.kernel.proc.Tracee;
import lichen.kernel.proc.UserFrame;
import lichen.kernel.signal.SignalState;
import lichen.kernel.signal.Siginfo;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * ptrace(2)'s requests, as arm64 Linux answers them. The tracee must be
 * traced by the caller and, for every request but PTRACE_KILL and
 * PTRACE_INTERRUPT, be in a ptrace-stop: else ESRCH. An unknown request is
 * EIO, as are PEEKUSER and POKEUSER (arm64 has neither: registers are read
 * with PTRACE_GETREGSET). The stops themselves are {@link Ptrace}'s.
 */
final class PtraceCalls {
    static final int TRACEME = 0, PEEKTEXT = 1, PEEKDATA = 2, PEEKUSER = 3, POKETEXT = 4, POKEDATA = 5, POKEUSER = 6,
            CONT = 7, KILL = 8, ATTACH = 16, DETACH = 17, SYSCALL = 24, SETOPTIONS = 0x4200, GETEVENTMSG = 0x4201,
            GETSIGINFO = 0x4202, SETSIGINFO = 0x4203, GETREGSET = 0x4204, SETREGSET = 0x4205, SEIZE = 0x4206,
            INTERRUPT = 0x4207, LISTEN = 0x4208, GET_SYSCALL_INFO = 0x420e;
    /** Register sets (include/uapi/linux/elf.h): user_pt_regs, user_fpsimd_state, the system call's number. */
    static final int NT_PRSTATUS = 1, NT_PRFPREG = 2, NT_ARM_SYSTEM_CALL = 0x404;
    /** struct user_pt_regs: x0-x30, sp, pc, pstate. struct user_fpsimd_state: v0-v31, fpsr, fpcr, padding. */
    static final int PRSTATUS_SIZE = 34 * 8, PRFPREG_SIZE = 528;
    /** PTRACE_GET_SYSCALL_INFO's struct ptrace_syscall_info: op, arch, ip, sp, then entry or exit. */
    static final int INFO_NONE = 0, INFO_ENTRY = 1, INFO_EXIT = 2, INFO_HEADER = 24, INFO_ENTRY_SIZE = 80, INFO_EXIT_SIZE = 33;
    static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    /** PSTATE bits a tracer may set (NZCV), as rt_sigreturn allows; the mode stays EL0t. */
    static final long USER_PSTATE = 0xF0000000L;
    static final int SIGINFO_SIZE = 128;

    private PtraceCalls() {}

    /** ptrace(2): {@code request} on thread {@code pid}, with {@code addr} and {@code data} as each request takes them. */
    @Async
    static long sysPtrace(Process p, long request, int pid, long addr, long data) {
        if (request == TRACEME) return PtraceAttach.traceMe(p);
        if (request == ATTACH || request == SEIZE) {
            Process t = Processes.byPid(pid);
            if (t == null || t.state() != Process.LIVE) return -Errno.ESRCH;
            if (request == SEIZE && addr != 0) return -Errno.EIO;
            if (request == SEIZE && (data & ~(long) Ptrace.O_MASK) != 0) return -Errno.EIO; // not SETOPTIONS' EINVAL, as Linux
            return PtraceAttach.attach(p, t, request == SEIZE, request == SEIZE ? (int) data : 0);
        }
        Process any = PtraceAttach.tracee(p, pid, false);
        if (any == null) return -Errno.ESRCH;
        if (request == KILL) {
            Signals.send(any, Signals.SIGKILL, Signals.SI_KERNEL, 0, 0, 0); // Linux 5.19 on: always a SIGKILL
            return 0;
        }
        if (request == INTERRUPT) return PtraceAttach.interrupt(any);
        Process t = PtraceAttach.tracee(p, pid, true);
        if (t == null) return -Errno.ESRCH;
        Tracee tr = t.trace();
        return switch ((int) Math.min(Math.max(request, -1), Integer.MAX_VALUE)) {
            case PEEKTEXT, PEEKDATA -> peek(p, t, addr, data);
            case POKETEXT, POKEDATA -> UserCopy.store64(t.mm(), addr, data) < 0 ? -Errno.EIO : 0;
            case CONT, SYSCALL -> {
                if (!validSignal(data)) yield -Errno.EIO;
                PtraceAttach.resume(t, (int) data, request == SYSCALL);
                yield 0;
            }
            case DETACH -> {
                if (!validSignal(data)) yield -Errno.EIO;
                PtraceAttach.detach(t, (int) data);
                yield 0;
            }
            case LISTEN -> PtraceAttach.listen(t);
            case SETOPTIONS -> {
                if ((data & ~(long) Ptrace.O_MASK) != 0) yield -Errno.EINVAL;
                tr.setOptions((int) data);
                yield 0;
            }
            case GETEVENTMSG -> UserCopy.store64(p.mm(), data, tr.eventMessage()) < 0 ? -Errno.EFAULT : 0;
            case GETSIGINFO -> getSiginfo(p, tr, data);
            case SETSIGINFO -> setSiginfo(p, tr, data);
            case GETREGSET -> regset(p, t, (int) addr, data, false);
            case SETREGSET -> regset(p, t, (int) addr, data, true);
            case GET_SYSCALL_INFO -> syscallInfo(p, tr, addr, data);
            default -> -Errno.EIO; // PEEKUSER, POKEUSER, SINGLESTEP and the rest
        };
    }

    private static boolean validSignal(long sig) { return sig >= 0 && sig <= SignalState.NSIG; }

    /** PTRACE_PEEKDATA: the word at the tracee's {@code addr} is stored at the caller's {@code data} (the kernel's ABI; glibc returns it). */
    @Async
    private static long peek(Process p, Process t, long addr, long data) {
        long[] word = new long[1];
        if (UserCopy.load64(t.mm(), addr, word, 0) < 0) return -Errno.EIO;
        return UserCopy.store64(p.mm(), data, word[0]) < 0 ? -Errno.EFAULT : 0;
    }

    /**
     * PTRACE_GETREGSET and SETREGSET: {@code data} is a struct iovec; at most
     * iov_len bytes of the set move, and GETREGSET writes back how many. EINVAL
     * for a set arm64 does not have here.
     */
    @Async
    private static long regset(Process p, Process t, int type, long iov, boolean set) {
        Tracee tr = t.trace();
        byte[] b = tr.buffer();
        if (UserCopy.copyIn(p.mm(), iov, b, 0, 16) < 0) return -Errno.EFAULT;
        long base = LittleEndian.u64(b, 0), len = LittleEndian.u64(b, 8);
        int size = type == NT_PRSTATUS ? PRSTATUS_SIZE : type == NT_PRFPREG ? PRFPREG_SIZE : type == NT_ARM_SYSTEM_CALL ? 4 : -1;
        if (size < 0) return -Errno.EINVAL;
        int n = (int) Math.min(len, size);
        long frame = tr.frame();
        UserFrame.flushFp(frame);
        if (!set) {
            fillRegset(b, frame, type, tr);
            if (UserCopy.copyOut(p.mm(), base, b, 0, n) < 0) return -Errno.EFAULT;
            LittleEndian.put64(b, 0, n);
            return UserCopy.copyOut(p.mm(), iov + 8, b, 0, 8) < 0 ? -Errno.EFAULT : 0;
        }
        fillRegset(b, frame, type, tr); // what the tracer does not give stays as it was
        if (UserCopy.copyIn(p.mm(), base, b, 0, n) < 0) return -Errno.EFAULT;
        if (type == NT_PRSTATUS) {
            for (int r = 0; r < 31; r++) UserFrame.setX(frame, r, LittleEndian.u64(b, 8 * r));
            UserFrame.set(frame, UserFrame.SP, LittleEndian.u64(b, 248));
            UserFrame.set(frame, UserFrame.ELR, LittleEndian.u64(b, 256));
            UserFrame.set(frame, UserFrame.SPSR, LittleEndian.u64(b, 264) & USER_PSTATE);
        } else if (type == NT_PRFPREG) {
            for (int q = 0; q < 64; q++) UserFrame.set(frame, UserFrame.QREGS + 8 * q, LittleEndian.u64(b, 8 * q));
            UserFrame.fpChanged(frame);
            UserFrame.set(frame, UserFrame.FPSR, LittleEndian.u32(b, 512) & 0xffffffffL);
            UserFrame.set(frame, UserFrame.FPCR, LittleEndian.u32(b, 516) & 0xffffffffL);
        } else {
            tr.setSyscallNr(LittleEndian.u32(b, 0)); // an int: -1 skips the call
        }
        return 0;
    }

    private static void fillRegset(byte[] b, long frame, int type, Tracee tr) {
        if (type == NT_PRSTATUS) {
            for (int r = 0; r < 31; r++) LittleEndian.put64(b, 8 * r, UserFrame.x(frame, r));
            LittleEndian.put64(b, 248, UserFrame.get(frame, UserFrame.SP));
            LittleEndian.put64(b, 256, UserFrame.get(frame, UserFrame.ELR));
            LittleEndian.put64(b, 264, UserFrame.get(frame, UserFrame.SPSR));
        } else if (type == NT_PRFPREG) {
            for (int q = 0; q < 64; q++) LittleEndian.put64(b, 8 * q, UserFrame.get(frame, UserFrame.QREGS + 8 * q));
            LittleEndian.put32(b, 512, (int) UserFrame.get(frame, UserFrame.FPSR));
            LittleEndian.put32(b, 516, (int) UserFrame.get(frame, UserFrame.FPCR));
            LittleEndian.put64(b, 520, 0);
        } else {
            LittleEndian.put32(b, 0, (int) tr.syscallNr());
        }
    }

    /**
     * PTRACE_GET_SYSCALL_INFO (Linux 5.3): the stop's system call as struct
     * ptrace_syscall_info, at most {@code size} bytes of it at {@code data};
     * returns its whole size. op is ENTRY or EXIT at a system call's stops,
     * NONE at any other.
     */
    @Async
    private static long syscallInfo(Process p, Tracee tr, long size, long data) {
        byte[] b = tr.buffer();
        for (int i = 0; i < INFO_ENTRY_SIZE; i++) b[i] = 0;
        long frame = tr.frame();
        int kind = tr.stopKind();
        int op = kind == Tracee.SYSCALL_ENTRY ? INFO_ENTRY : kind == Tracee.SYSCALL_EXIT ? INFO_EXIT : INFO_NONE;
        b[0] = (byte) op;
        LittleEndian.put32(b, 4, AUDIT_ARCH_AARCH64);
        LittleEndian.put64(b, 8, UserFrame.get(frame, UserFrame.ELR));
        LittleEndian.put64(b, 16, UserFrame.get(frame, UserFrame.SP));
        int full = INFO_HEADER;
        if (op == INFO_ENTRY) {
            LittleEndian.put64(b, 24, tr.syscallNr());
            LittleEndian.put64(b, 32, tr.syscallArg0());
            for (int a = 1; a < 6; a++) LittleEndian.put64(b, 32 + 8 * a, UserFrame.x(frame, a));
            full = INFO_ENTRY_SIZE;
        } else if (op == INFO_EXIT) {
            long rval = UserFrame.x(frame, 0);
            LittleEndian.put64(b, 24, rval);
            b[32] = (byte) (rval >= -4095 && rval < 0 ? 1 : 0); // IS_ERR_VALUE
            full = INFO_EXIT_SIZE;
        }
        int n = (int) Math.min(Math.max(size, 0), full);
        if (n > 0 && UserCopy.copyOut(p.mm(), data, b, 0, n) < 0) return -Errno.EFAULT;
        return full;
    }

    /** PTRACE_GETSIGINFO: the stop's siginfo (128 bytes); EINVAL in a plain group-stop, which has none. */
    @Async
    private static long getSiginfo(Process p, Tracee tr, long data) {
        if (!tr.siginfoValid()) return -Errno.EINVAL;
        byte[] b = new byte[SIGINFO_SIZE];
        Siginfo.encode(b, 0, tr.siSigno(), tr.siCode(), tr.siPid(), tr.siStatus(), tr.siAddress());
        return UserCopy.copyOut(p.mm(), data, b, 0, SIGINFO_SIZE) < 0 ? -Errno.EFAULT : 0;
    }

    @Async
    private static long setSiginfo(Process p, Tracee tr, long data) {
        byte[] b = new byte[SIGINFO_SIZE];
        if (UserCopy.copyIn(p.mm(), data, b, 0, SIGINFO_SIZE) < 0) return -Errno.EFAULT;
        tr.setSiginfo(LittleEndian.u32(b, 0), LittleEndian.u32(b, 8), LittleEndian.u32(b, 16), LittleEndian.u32(b, 24), LittleEndian.u64(b, 16));
        return 0;
    }
}
