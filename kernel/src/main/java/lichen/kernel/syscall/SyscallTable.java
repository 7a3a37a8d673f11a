package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.arch.aarch64.Timer;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Rseq;
import lichen.kernel.proc.UserFrame;
import lichen.libkernel.Errno;

/**
 * The system-call table: arm64 Linux's numbers (asm-generic/unistd.h), the
 * number in x8 and up to six arguments in x0..x5, the result or -errno back in
 * x0 (man 2 syscall). A number with no handler is ENOSYS, and the first call of
 * each such number leaves one line on the console naming it, the process and
 * its pid, so a program that stops working says why.
 */
public final class SyscallTable {
    private static final boolean[] reported = new boolean[512];
    /** What a handler returns when x0 is not a result (rt_sigreturn restores it). */
    static final long NO_RESULT = Long.MIN_VALUE;
    /** The command line's lichen.trace=syscalls: every call, its result and when, on the console (a kernel-side strace). */
    private static boolean tracing;

    private SyscallTable() {}

    @Async
    public static void dispatch(Process p, long frame) { dispatch(p, frame, UserFrame.x(frame, 8)); }

    /** The call {@code nr} (a tracer may have changed x8's number) with the arguments in the frame. */
    @Async
    public static void dispatch(Process p, long frame, long nr) {
        long a0 = UserFrame.x(frame, 0), a1 = UserFrame.x(frame, 1), a2 = UserFrame.x(frame, 2);
        long a3 = UserFrame.x(frame, 3), a4 = UserFrame.x(frame, 4), a5 = UserFrame.x(frame, 5);
        long start = tracing ? Timer.nanos() : 0;
        long r = call(p, frame, nr, a0, a1, a2, a3, a4, a5);
        if (tracing) trace(p, nr, a0, a1, a2, r, Timer.nanos() - start);
        if (r == NO_RESULT) return;
        UserFrame.setX(frame, 0, r);
    }

    public static void setTracing(boolean on) { tracing = on; }

    private static void trace(Process p, long nr, long a0, long a1, long a2, long r, long took) {
        long us = Timer.nanos() / 1000;
        System.out.println("trace: " + us / 1000000 + "." + (1000000 + us % 1000000 + "").substring(1) + " " + p.pid() + " " + p.comm()
                + " " + SyscallNames.of(nr) + "(0x" + Long.toHexString(a0) + ", 0x" + Long.toHexString(a1) + ", 0x"
                + Long.toHexString(a2) + ") = " + r + " <" + took / 1000 + " us>");
    }

    @Async
    private static long call(Process p, long frame, long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        return switch ((int) Math.min(nr, Integer.MAX_VALUE)) {
            case 5, 6, 7, 14, 15, 16 -> -Errno.EOPNOTSUPP; // setxattr, lsetxattr, fsetxattr, removexattr, ...: fs writes no xattrs yet
            case 8 -> XattrCalls.sysGetxattr(p, a0, a1, a2, a3, true);
            case 9 -> XattrCalls.sysGetxattr(p, a0, a1, a2, a3, false);
            case 10 -> XattrCalls.sysFgetxattr(p, (int) a0, a1, a2, a3);
            case 11 -> XattrCalls.sysListxattr(p, a0, a1, a2, true);
            case 12 -> XattrCalls.sysListxattr(p, a0, a1, a2, false);
            case 13 -> XattrCalls.sysFlistxattr(p, (int) a0, a1, a2);
            case 17 -> DirectoryCalls.sysGetcwd(p, a0, a1);
            case 19 -> EventfdCalls.sysEventfd2(p, (int) a0, (int) a1);
            case 20 -> EpollCalls.sysEpollCreate1(p, (int) a0);
            case 21 -> EpollCalls.sysEpollCtl(p, (int) a0, (int) a1, (int) a2, a3);
            case 22 -> EpollCalls.sysEpollPwait(p, (int) a0, a1, (int) a2, (int) a3, a4, a5);
            case 23 -> DescriptorCalls.sysDup(p, (int) a0);
            case 24 -> DescriptorCalls.sysDup3(p, (int) a0, (int) a1, (int) a2);
            case 25 -> DescriptorCalls.sysFcntl(p, (int) a0, (int) a1, a2);
            case 29 -> DescriptorCalls.sysIoctl(p, (int) a0, (int) a1, a2);
            case 32 -> LockCalls.sysFlock(p, (int) a0, (int) a1);
            case 33 -> NameCalls.sysMknodat(p, (int) a0, a1, (int) a2, (int) a3);
            case 34 -> NameCalls.sysMkdirat(p, (int) a0, a1, (int) a2);
            case 35 -> NameCalls.sysUnlinkat(p, (int) a0, a1, (int) a2);
            case 36 -> NameCalls.sysSymlinkat(p, a0, (int) a1, a2);
            case 37 -> NameCalls.sysLinkat(p, (int) a0, a1, (int) a2, a3, (int) a4);
            case 38 -> NameCalls.sysRenameat2(p, (int) a0, a1, (int) a2, a3, 0);
            case 43 -> StatCalls.sysStatfs(p, a0, a1);
            case 44 -> StatCalls.sysFstatfs(p, (int) a0, a1);
            case 45 -> FileCalls.sysTruncate(p, a0, a1);
            case 46 -> FileCalls.sysFtruncate(p, (int) a0, a1);
            case 48 -> StatCalls.sysFaccessat(p, (int) a0, a1, (int) a2, 0);
            case 49 -> DirectoryCalls.sysChdir(p, a0);
            case 39 -> MountCalls.sysUmount2(p, a0, (int) a1);
            case 40 -> MountCalls.sysMount(p, a0, a1, a2, a3, a4);
            case 50 -> DirectoryCalls.sysFchdir(p, (int) a0);
            case 51 -> DirectoryCalls.sysChroot(p, a0);
            case 52 -> AttributeCalls.sysFchmod(p, (int) a0, (int) a1);
            case 53 -> AttributeCalls.sysFchmodat(p, (int) a0, a1, (int) a2);
            case 54 -> AttributeCalls.sysFchownat(p, (int) a0, a1, (int) a2, (int) a3, (int) a4);
            case 55 -> AttributeCalls.sysFchown(p, (int) a0, (int) a1, (int) a2);
            case 56 -> FileCalls.sysOpenat(p, (int) a0, a1, (int) a2, (int) a3);
            case 57 -> FileCalls.sysClose(p, (int) a0);
            case 59 -> PipeCalls.sysPipe2(p, a0, (int) a1);
            case 61 -> DirectoryCalls.sysGetdents64(p, (int) a0, a1, a2);
            case 62 -> FileCalls.sysLseek(p, (int) a0, a1, (int) a2);
            case 63 -> FileCalls.sysRead(p, (int) a0, a1, a2);
            case 64 -> FileCalls.sysWrite(p, (int) a0, a1, a2);
            case 65 -> FileCalls.sysReadv(p, (int) a0, a1, (int) a2);
            case 66 -> FileCalls.sysWritev(p, (int) a0, a1, (int) a2);
            case 67 -> FileCalls.sysPread64(p, (int) a0, a1, a2, a3);
            case 68 -> FileCalls.sysPwrite64(p, (int) a0, a1, a2, a3);
            case 69 -> FileCalls.sysPreadv(p, (int) a0, a1, (int) a2, a3);
            case 70 -> FileCalls.sysPwritev(p, (int) a0, a1, (int) a2, a3);
            case 71 -> CopyCalls.sysSendfile(p, (int) a0, (int) a1, a2, a3);
            case 72 -> PollCalls.sysPselect6(p, (int) a0, a1, a2, a3, a4, a5);
            case 73 -> PollCalls.sysPpoll(p, a0, a1, a2, a3, a4);
            case 74 -> SignalfdCalls.sysSignalfd4(p, (int) a0, a1, a2, (int) a3);
            case 78 -> StatCalls.sysReadlinkat(p, (int) a0, a1, a2, (int) a3);
            case 79 -> StatCalls.sysNewfstatat(p, (int) a0, a1, a2, (int) a3);
            case 80 -> StatCalls.sysFstat(p, (int) a0, a1);
            case 81 -> AttributeCalls.sysSync();
            case 82, 83 -> AttributeCalls.sysFsync(p, (int) a0);
            case 85 -> TimerfdCalls.sysTimerfdCreate(p, (int) a0, (int) a1);
            case 86 -> TimerfdCalls.sysTimerfdSettime(p, (int) a0, (int) a1, a2, a3);
            case 87 -> TimerfdCalls.sysTimerfdGettime(p, (int) a0, a1);
            case 88 -> AttributeCalls.sysUtimensat(p, (int) a0, a1, a2, (int) a3);
            case 92 -> SystemCalls.sysPersonality(p, a0);
            case 93 -> ProcessCalls.sysExit(p, (int) a0);
            case 94 -> ProcessCalls.sysExitGroup(p, (int) a0);
            case 95 -> ProcessCalls.sysWaitid(p, (int) a0, (int) a1, a2, (int) a3, a4);
            case 96 -> ProcessCalls.sysSetTidAddress(p, a0);
            case 98 -> FutexCalls.sysFutex(p, a0, (int) a1, (int) a2, a3, a4, (int) a5);
            case 99 -> FutexCalls.sysSetRobustList(p, a0, a1);
            case 100 -> FutexCalls.sysGetRobustList(p, (int) a0, a1, a2);
            case 101 -> TimeCalls.sysNanosleep(p, a0, a1);
            case 102 -> TimeCalls.sysGetitimer(p, (int) a0, a1);
            case 103 -> TimeCalls.sysSetitimer(p, (int) a0, a1, a2);
            case 107 -> PosixTimerCalls.sysTimerCreate(p, (int) a0, a1, a2);
            case 108 -> PosixTimerCalls.sysTimerGettime(p, (int) a0, a1);
            case 109 -> PosixTimerCalls.sysTimerGetoverrun(p, (int) a0);
            case 110 -> PosixTimerCalls.sysTimerSettime(p, (int) a0, (int) a1, a2, a3);
            case 111 -> PosixTimerCalls.sysTimerDelete(p, (int) a0);
            case 113 -> TimeCalls.sysClockGettime(p, (int) a0, a1);
            case 114 -> TimeCalls.sysClockGetres(p, (int) a0, a1);
            case 115 -> TimeCalls.sysClockNanosleep(p, (int) a0, (int) a1, a2, a3);
            case 117 -> PtraceCalls.sysPtrace(p, a0, (int) a1, a2, a3);
            case 122 -> SchedulerCalls.sysSchedSetaffinity(p, (int) a0, a1, a2);
            case 123 -> SchedulerCalls.sysSchedGetaffinity(p, (int) a0, a1, a2);
            case 124 -> ProcessCalls.sysSchedYield();
            case 128 -> TimeCalls.sysRestartSyscall(p);
            case 129 -> KillCalls.sysKill(p, (int) a0, (int) a1);
            case 130 -> KillCalls.sysTkill(p, (int) a0, (int) a1);
            case 131 -> KillCalls.sysTgkill(p, (int) a0, (int) a1, (int) a2);
            case 132 -> SignalCalls.sysSigaltstack(p, frame, a0, a1);
            case 133 -> SignalCalls.sysRtSigsuspend(p, a0, a1);
            case 134 -> SignalCalls.sysRtSigaction(p, (int) a0, a1, a2, a3);
            case 135 -> SignalCalls.sysRtSigprocmask(p, (int) a0, a1, a2, a3);
            case 136 -> SignalCalls.sysRtSigpending(p, a0, a1);
            case 137 -> SignalWaitCalls.sysRtSigtimedwait(p, a0, a1, a2, a3);
            case 138 -> SignalWaitCalls.sysRtSigqueueinfo(p, (int) a0, (int) a1, a2);
            case 139 -> SignalCalls.sysRtSigreturn(p, frame);
            case 140 -> PriorityCalls.sysSetpriority(p, (int) a0, (int) a1, (int) a2);
            case 141 -> PriorityCalls.sysGetpriority(p, (int) a0, (int) a1);
            case 142 -> SystemCalls.sysReboot((int) a0, (int) a1, (int) a2);
            case 144, 146 -> IdentityCalls.sysSetid(a0);
            case 147, 149 -> IdentityCalls.sysSetid(a0, a1, a2);
            case 148, 150 -> IdentityCalls.sysGetresid(p, a0, a1, a2);
            case 153 -> UsageCalls.sysTimes(p, a0);
            case 154 -> SessionCalls.sysSetpgid(p, (int) a0, (int) a1);
            case 155 -> SessionCalls.sysGetpgid(p, (int) a0);
            case 156 -> SessionCalls.sysGetsid(p, (int) a0);
            case 157 -> SessionCalls.sysSetsid(p);
            case 158 -> IdentityCalls.sysGetgroups(p, (int) a0, a1);
            case 160 -> SystemCalls.sysUname(p, a0);
            case 161 -> SystemCalls.sysSethostname(p, a0, a1);
            case 163 -> LimitCalls.sysGetrlimit(p, (int) a0, a1);
            case 164 -> LimitCalls.sysSetrlimit(p, (int) a0, a1);
            case 165 -> UsageCalls.sysGetrusage(p, (int) a0, a1);
            case 166 -> DirectoryCalls.sysUmask(p, (int) a0);
            case 167 -> PrctlCalls.sysPrctl(p, (int) a0, a1);
            case 168 -> SchedulerCalls.sysGetcpu(p, a0, a1);
            case 169 -> TimeCalls.sysGettimeofday(p, a0, a1);
            case 172 -> p.tgid();
            case 173 -> p.ppid();
            case 174, 175, 176, 177 -> 0; // getuid, geteuid, getgid, getegid: every process runs as root until credentials come
            case 178 -> p.pid();
            case 179 -> SystemCalls.sysSysinfo(p, a0);
            case 198 -> SocketCalls.sysSocket(p, (int) a0, (int) a1, (int) a2);
            case 199 -> SocketCalls.sysSocketpair(p, (int) a0, (int) a1, (int) a2, a3);
            case 200 -> SocketCalls.sysBind(p, (int) a0, a1, (int) a2);
            case 201 -> SocketCalls.sysListen(p, (int) a0, (int) a1);
            case 202 -> SocketCalls.sysAccept4(p, (int) a0, a1, a2, 0);
            case 203 -> SocketCalls.sysConnect(p, (int) a0, a1, (int) a2);
            case 204 -> SocketCalls.sysGetsockname(p, (int) a0, a1, a2);
            case 205 -> SocketCalls.sysGetpeername(p, (int) a0, a1, a2);
            case 206 -> MessageCalls.sysSendto(p, (int) a0, a1, a2, (int) a3, a4, (int) a5);
            case 207 -> MessageCalls.sysRecvfrom(p, (int) a0, a1, a2, (int) a3, a4, a5);
            case 208 -> SocketCalls.sysSetsockopt(p, (int) a0, (int) a1, (int) a2, a3, (int) a4);
            case 209 -> SocketCalls.sysGetsockopt(p, (int) a0, (int) a1, (int) a2, a3, a4);
            case 210 -> SocketCalls.sysShutdown(p, (int) a0, (int) a1);
            case 211 -> MessageCalls.sysSendmsg(p, (int) a0, a1, (int) a2);
            case 212 -> MessageCalls.sysRecvmsg(p, (int) a0, a1, (int) a2);
            case 214 -> MemoryCalls.sysBrk(p, a0);
            case 215 -> MemoryCalls.sysMunmap(p, a0, a1);
            case 216 -> MemoryCalls.sysMremap(p, a0, a1, a2, (int) a3, a4);
            case 220 -> ProcessCalls.sysClone(p, frame, a0, a1, a2, a3, a4);
            case 221 -> ExecCalls.sysExecve(p, frame, a0, a1, a2);
            case 222 -> MemoryCalls.sysMmap(p, a0, a1, (int) a2, (int) a3, (int) a4, a5);
            case 223 -> FileCalls.sysFadvise64(p, (int) a0, a1, a2, (int) a3);
            case 226 -> MemoryCalls.sysMprotect(p, a0, a1, (int) a2);
            case 227 -> MemoryCalls.sysMsync(p, a0, a1, (int) a2);
            case 233 -> MemoryCalls.sysMadvise(p, a0, a1, (int) a2);
            case 240 -> SignalWaitCalls.sysRtTgsigqueueinfo(p, (int) a0, (int) a1, (int) a2, a3);
            case 242 -> SocketCalls.sysAccept4(p, (int) a0, a1, a2, (int) a3);
            case 243 -> MessageCalls.sysRecvmmsg(p, (int) a0, a1, (int) a2, (int) a3, a4);
            case 260 -> ProcessCalls.sysWait4(p, (int) a0, a1, (int) a2, a3);
            case 261 -> LimitCalls.sysPrlimit64(p, (int) a0, (int) a1, a2, a3);
            case 269 -> MessageCalls.sysSendmmsg(p, (int) a0, a1, (int) a2, (int) a3);
            case 270 -> ProcessMemoryCalls.sysProcessVmReadv(p, (int) a0, a1, a2, a3, a4, a5);
            case 271 -> ProcessMemoryCalls.sysProcessVmWritev(p, (int) a0, a1, a2, a3, a4, a5);
            case 276 -> NameCalls.sysRenameat2(p, (int) a0, a1, (int) a2, a3, (int) a4);
            case 278 -> RandomCalls.sysGetrandom(p, a0, a1, (int) a2);
            case 281 -> ExecCalls.sysExecveat(p, frame, (int) a0, a1, a2, a3, (int) a4);
            case 283 -> BarrierCalls.sysMembarrier(p, (int) a0, (int) a1);
            case 285 -> CopyCalls.sysCopyFileRange(p, (int) a0, a1, (int) a2, a3, a4, (int) a5);
            case 286 -> FileCalls.sysPreadv2(p, (int) a0, a1, (int) a2, a3, (int) a5);
            case 287 -> FileCalls.sysPwritev2(p, (int) a0, a1, (int) a2, a3, (int) a5);
            case 291 -> StatCalls.sysStatx(p, (int) a0, a1, (int) a2, (int) a3, a4);
            case 293 -> Rseq.sysRseq(p, a0, (int) a1, (int) a2, (int) a3);
            case 436 -> DescriptorCalls.sysCloseRange(p, (int) a0, (int) a1, (int) a2);
            case 439 -> StatCalls.sysFaccessat(p, (int) a0, a1, (int) a2, (int) a3);
            case 441 -> EpollCalls.sysEpollPwait2(p, (int) a0, a1, (int) a2, a3, a4, a5);
            default -> unknown(p, nr);
        };
    }

    private static long unknown(Process p, long nr) {
        boolean first = nr < 0 || nr >= reported.length || !reported[(int) nr];
        if (nr >= 0 && nr < reported.length) reported[(int) nr] = true;
        if (first) System.out.println("lichen: " + p + ": system call " + nr + " (" + SyscallNames.of(nr) + ") is not implemented: ENOSYS");
        return -Errno.ENOSYS;
    }
}
