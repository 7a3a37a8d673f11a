package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.CpuTimes;
import lichen.kernel.proc.Process;
import lichen.kernel.time.ClockTicks;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * times(2) and getrusage(2), from the CPU time the kernel counts per thread
 * (proc.CpuTimes): the caller's thread, its whole group, or the children it
 * has waited for (and theirs).
 */
final class UsageCalls {
    static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;
    /** sizeof(struct rusage) on a 64-bit ABI: two timevals and fourteen longs. */
    static final int RUSAGE_SIZE = 144;
    /** Offsets in struct rusage of ru_utime, ru_stime, ru_maxrss, ru_minflt, ru_nvcsw and ru_nivcsw. */
    private static final int RU_UTIME = 0, RU_STIME = 16, RU_MAXRSS = 32, RU_MINFLT = 64, RU_NVCSW = 128, RU_NIVCSW = 136;

    private UsageCalls() {}

    /**
     * times(2): the clock ticks since boot; with {@code buf}, the struct tms
     * (four clock_t): the group's user and system time, and its waited-for
     * children's.
     */
    @Async
    static long sysTimes(Process p, long buf) {
        if (buf != 0) {
            long user = CpuTimes.groupUser(p), total = CpuTimes.groupTotal(p);
            long childUser = CpuTimes.childrenUser(p), childTotal = CpuTimes.childrenTotal(p);
            byte[] b = new byte[32];
            LittleEndian.put64(b, 0, CpuTimes.ticks(user));
            LittleEndian.put64(b, 8, CpuTimes.ticks(total - user));
            LittleEndian.put64(b, 16, CpuTimes.ticks(childUser));
            LittleEndian.put64(b, 24, CpuTimes.ticks(childTotal - childUser));
            if (UserCopy.copyOut(p.mm(), buf, b, 0, 32) < 0) return -Errno.EFAULT;
        }
        return ClockTicks.sinceBoot();
    }

    /**
     * getrusage(2): user and system time of the thread (RUSAGE_THREAD), the
     * process, or its waited-for children; ru_maxrss (KiB) is the process's
     * resident set now (its largest so far, as nothing is paged out) or the
     * largest of its reaped children's; the thread's voluntary and
     * involuntary context switches (for RUSAGE_SELF the calling thread's
     * only: the ended threads' are not kept); ru_minflt, the page faults its
     * user code took (proc.CpuTimes). The major faults, block I/O and IPC
     * counts are 0: nothing counts them. EINVAL for an unknown {@code who}.
     */
    @Async
    static long sysGetrusage(Process p, int who, long usage) {
        if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) return -Errno.EINVAL;
        byte[] b = new byte[RUSAGE_SIZE];
        long user, total, faults;
        if (who == RUSAGE_CHILDREN) {
            user = CpuTimes.childrenUser(p);
            total = CpuTimes.childrenTotal(p);
            faults = CpuTimes.childrenFaults(p);
        } else if (who == RUSAGE_THREAD) {
            user = CpuTimes.threadUser(p);
            total = CpuTimes.threadTotal(p);
            faults = CpuTimes.threadFaults(p);
        } else {
            user = CpuTimes.groupUser(p);
            total = CpuTimes.groupTotal(p);
            faults = CpuTimes.groupFaults(p);
        }
        LittleEndian.put64(b, RU_MINFLT, faults);
        timeval(b, RU_UTIME, user);
        timeval(b, RU_STIME, total - user);
        long maxRssKb = who == RUSAGE_CHILDREN ? p.leader().childrenMaxRssKb() : p.mm().residentPages() * 4;
        LittleEndian.put64(b, RU_MAXRSS, maxRssKb);
        if (who != RUSAGE_CHILDREN && p.task() != null) {
            LittleEndian.put64(b, RU_NVCSW, p.task().voluntarySwitches());
            LittleEndian.put64(b, RU_NIVCSW, p.task().involuntarySwitches());
        }
        return UserCopy.copyOut(p.mm(), usage, b, 0, RUSAGE_SIZE) < 0 ? -Errno.EFAULT : 0;
    }

    /**
     * The rusage wait4(2) and waitid(2) give for the child just reaped: its
     * time and its own waited-for children's (Linux's RUSAGE_BOTH of the
     * child) and its page faults; the other fields are 0.
     */
    @Async
    static int copyReapedUsage(Process p, long usage) {
        byte[] b = new byte[RUSAGE_SIZE];
        long user = CpuTimes.reapedUser(p);
        timeval(b, RU_UTIME, user);
        timeval(b, RU_STIME, CpuTimes.reapedTotal(p) - user);
        LittleEndian.put64(b, RU_MINFLT, CpuTimes.reapedFaults(p));
        return UserCopy.copyOut(p.mm(), usage, b, 0, RUSAGE_SIZE) < 0 ? -Errno.EFAULT : 0;
    }

    /** A struct timeval (seconds, microseconds) at {@code off} for {@code nanos}. */
    private static void timeval(byte[] b, int off, long nanos) {
        LittleEndian.put64(b, off, nanos / 1_000_000_000L);
        LittleEndian.put64(b, off + 8, nanos % 1_000_000_000L / 1000);
    }
}
