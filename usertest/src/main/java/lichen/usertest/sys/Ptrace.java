package lichen.usertest.sys;

import lichen.api.Syscall;
import lichen.api.Unsafe;

/**
 * ptrace(2) and process_vm_readv(2) as the kernel takes them (not glibc's
 * wrapper: PEEKDATA stores the word at {@code data} and returns 0), with the
 * request, option, event and register-set numbers of
 * include/uapi/linux/ptrace.h and elf.h.
 */
@Unsafe
public final class Ptrace {
    private Ptrace() {}

    public static final int TRACEME = 0;
    public static final int PEEKDATA = 2;
    public static final int PEEKUSER = 3;
    public static final int POKEDATA = 5;
    public static final int CONT = 7;
    public static final int KILL = 8;
    public static final int ATTACH = 16;
    public static final int DETACH = 17;
    public static final int SYSCALL = 24;
    public static final int SETOPTIONS = 0x4200;
    public static final int GETEVENTMSG = 0x4201;
    public static final int GETSIGINFO = 0x4202;
    public static final int GETREGSET = 0x4204;
    public static final int SETREGSET = 0x4205;
    public static final int SEIZE = 0x4206;
    public static final int INTERRUPT = 0x4207;
    public static final int GET_SYSCALL_INFO = 0x420e;

    public static final int O_TRACESYSGOOD = 1;
    public static final int O_TRACEFORK = 2;
    public static final int O_TRACEEXEC = 0x10;
    public static final int EVENT_FORK = 1;
    public static final int EVENT_EXEC = 4;
    public static final int EVENT_STOP = 128;

    public static final int NT_PRSTATUS = 1;
    public static final int NT_ARM_SYSTEM_CALL = 0x404;
    /** struct user_pt_regs: x0-x30, sp, pc, pstate. */
    public static final int PRSTATUS_SIZE = 34 * 8;
    /** struct ptrace_syscall_info's op values and sizes (header, entry, exit). */
    public static final int INFO_NONE = 0;
    public static final int INFO_ENTRY = 1;
    public static final int INFO_EXIT = 2;
    public static final int INFO_ENTRY_SIZE = 80;
    public static final int INFO_EXIT_SIZE = 33;

    /** wait4's __WALL: traced threads and clones too. */
    public static final int WALL = 0x40000000;

    public static long ptrace(int request, long pid, long addr, long data) {
        return Syscall.invoke(SyscallNumbers.PTRACE, request, pid, addr, data);
    }

    /** PTRACE_GETREGSET or SETREGSET of {@code regs} (its length is the iovec's), through a 16-byte iovec. */
    public static long regset(int request, long pid, int type, byte[] regs, long[] iov) {
        iov[0] = Syscall.addressOf(regs);
        iov[1] = regs.length;
        return ptrace(request, pid, type, Syscall.addressOf(iov));
    }

    public static long processVmReadv(long pid, long[] local, long[] remote, long flags) {
        return Syscall.invoke(SyscallNumbers.PROCESS_VM_READV, pid, Syscall.addressOf(local), local.length / 2,
                              Syscall.addressOf(remote), remote.length / 2, flags);
    }

    /** The address of an array's first element. */
    public static long address(long[] a) {
        return Syscall.addressOf(a);
    }

    public static long address(byte[] a) {
        return Syscall.addressOf(a);
    }
}
