package lichen.usertest.sys;

import lichen.api.Syscall;
import lichen.api.Unsafe;

/**
 * The Linux system calls usertest makes on time and the system (clocks,
 * sleeping, uname, sysinfo, resource limits, accounting), one method per
 * call, named after it, with the conventions of {@link Linux}: the raw
 * result, a negative errno on failure; array ranges are checked.
 */
@Unsafe
public final class LinuxSystem {
    private LinuxSystem() {}

    /** {@code ts} must hold {@link Timespec#SIZE} bytes. */
    public static long clock_gettime(int clock, byte[] ts) {
        return clock_gettime(clock, Linux.address(ts, 0, Timespec.SIZE));
    }

    public static long clock_gettime(int clock, long ts) {
        return Syscall.invoke(SyscallNumbers.CLOCK_GETTIME, clock, ts);
    }

    public static long clock_getres(int clock, byte[] ts) {
        return Syscall.invoke(SyscallNumbers.CLOCK_GETRES, clock, ts == null ? 0 : Linux.address(ts, 0, Timespec.SIZE));
    }

    public static long nanosleep(byte[] req, byte[] rem) {
        long r = rem == null ? 0 : Linux.address(rem, 0, Timespec.SIZE);
        return nanosleep(Linux.address(req, 0, Timespec.SIZE), r);
    }

    public static long nanosleep(long req, long rem) {
        return Syscall.invoke(SyscallNumbers.NANOSLEEP, req, rem);
    }

    public static long clock_nanosleep(int clock, int flags, byte[] req, byte[] rem) {
        long r = rem == null ? 0 : Linux.address(rem, 0, Timespec.SIZE);
        return Syscall.invoke(SyscallNumbers.CLOCK_NANOSLEEP, clock, flags, Linux.address(req, 0, Timespec.SIZE), r);
    }

    /** {@code tv} is a struct timeval: tv_sec, tv_usec (two longs); {@code tz} a struct timezone (two ints) or 0. */
    public static long gettimeofday(long tv, long tz) {
        return Syscall.invoke(SyscallNumbers.GETTIMEOFDAY, tv, tz);
    }

    /** {@code buf} must hold {@link Sysinfo#SIZE} bytes. */
    public static long sysinfo(byte[] buf) {
        return sysinfo(Linux.address(buf, 0, Sysinfo.SIZE));
    }

    public static long sysinfo(long buf) {
        return Syscall.invoke(SyscallNumbers.SYSINFO, buf);
    }

    /** A struct rlimit is two longs: rlim_cur, rlim_max. */
    public static long getrlimit(int resource, long[] limit) {
        return Syscall.invoke(SyscallNumbers.GETRLIMIT, resource, Linux.address(limit));
    }

    public static long setrlimit(int resource, long[] limit) {
        return Syscall.invoke(SyscallNumbers.SETRLIMIT, resource, Linux.address(limit));
    }

    public static long prlimit64(long pid, int resource, long[] newLimit, long[] oldLimit) {
        return Syscall.invoke(SyscallNumbers.PRLIMIT64, pid, resource, Linux.address(newLimit), Linux.address(oldLimit));
    }

    public static long sched_yield() {
        return Syscall.invoke(SyscallNumbers.SCHED_YIELD);
    }

    public static long umask(int mask) {
        return Syscall.invoke(SyscallNumbers.UMASK, mask);
    }

    public static long prctl(int option, long arg2) {
        return Syscall.invoke(SyscallNumbers.PRCTL, option, arg2, 0, 0, 0);
    }

    public static long getrandom(byte[] buf, int len, int flags) {
        return getrandom(Linux.address(buf, 0, len), len, flags);
    }

    public static long rseq(long rseq, int len, int flags, int sig) {
        return Syscall.invoke(SyscallNumbers.RSEQ, rseq, len, flags, sig);
    }

    public static long membarrier(int cmd, int flags, int cpuId) {
        return Syscall.invoke(SyscallNumbers.MEMBARRIER, cmd, flags, cpuId);
    }

    public static long getrandom(long buf, long len, int flags) {
        return Syscall.invoke(SyscallNumbers.GETRANDOM, buf, len, flags);
    }

    /** {@code usage} receives a struct rusage (18 longs: two timevals, then the counters from ru_maxrss). */
    public static long getrusage(int who, long[] usage) {
        return Syscall.invoke(SyscallNumbers.GETRUSAGE, who, Linux.address(usage));
    }

    /** {@code tms} receives a struct tms (four longs), or is null; returns clock ticks since a fixed point. */
    public static long times(long[] tms) {
        return Syscall.invoke(SyscallNumbers.TIMES, Linux.address(tms));
    }

    /** {@code mask} receives the CPU set, {@code len} bytes of it: the count the kernel wrote, or a negative errno. */
    public static long sched_getaffinity(long pid, long[] mask, int len) {
        if (len > mask.length * 8) {
            throw new IndexOutOfBoundsException("sched_getaffinity: " + len + " bytes into long[" + mask.length + "]");
        }
        return Syscall.invoke(SyscallNumbers.SCHED_GETAFFINITY, pid, len, Linux.address(mask));
    }

    /** {@code len} bytes of the CPU set in {@code mask}: 0 or a negative errno. */
    public static long sched_setaffinity(long pid, long[] mask, int len) {
        if (len > mask.length * 8) {
            throw new IndexOutOfBoundsException("sched_setaffinity: " + len + " bytes of long[" + mask.length + "]");
        }
        return Syscall.invoke(SyscallNumbers.SCHED_SETAFFINITY, pid, len, Linux.address(mask));
    }

    /** getpriority(2), the raw call: 20 minus the nice value (1..40), or a negative errno. */
    public static long getpriority(int which, long who) {
        return Syscall.invoke(SyscallNumbers.GETPRIORITY, which, who, 0);
    }

    /** setpriority(2): 0 or a negative errno. */
    public static long setpriority(int which, long who, long prio) {
        return Syscall.invoke(SyscallNumbers.SETPRIORITY, which, who, prio);
    }

    /** getcpu(2): the CPU in {@code cpuNode[0]}, the NUMA node in {@code cpuNode[1]}; 0 or a negative errno. */
    public static long getcpu(int[] cpuNode) {
        return Syscall.invoke(SyscallNumbers.GETCPU, Linux.address(cpuNode), Linux.address(cpuNode) + 4, 0);
    }

    /** The CPU the caller runs on (getcpu(2)), or a negative errno. */
    public static long currentCpu() {
        return Syscall.invoke(SyscallNumbers.GETCPU, Linux.address(CPU_WORD), 0, 0) < 0 ? -1 : CPU_WORD[0];
    }

    private static final int[] CPU_WORD = new int[1];

    /** A system call by number with no arguments, for numbers that have no wrapper (ENOSYS tests). */
    public static long call(long nr) {
        return Syscall.invoke(nr);
    }

    /** {@code buf} must hold {@link Utsname#SIZE} bytes. */
    public static long uname(byte[] buf) {
        return uname(Linux.address(buf, 0, Utsname.SIZE));
    }

    public static long uname(long buf) {
        return Syscall.invoke(SyscallNumbers.UNAME, buf);
    }

    /** personality(2); 0xffffffff only asks for the current persona. */
    public static long personality(long persona) {
        return Syscall.invoke(SyscallNumbers.PERSONALITY, persona);
    }
}
