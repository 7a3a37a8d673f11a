package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.time.ClockTicks;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * times(2) and getrusage(2). CPU time is not yet counted per process, so the
 * user and system times they report are 0; times' result, the clock ticks
 * since boot, is real.
 */
final class UsageCalls {
    static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;
    /** sizeof(struct rusage) on a 64-bit ABI: two timevals and fourteen longs. */
    static final int RUSAGE_SIZE = 144;

    private UsageCalls() {}

    /** times(2): the clock ticks since boot; the struct tms (four clock_t) when {@code buf} is given. */
    @Async
    static long sysTimes(Process p, long buf) {
        if (buf != 0 && UserCopy.clear(p.mm(), buf, 32) < 0) return -Errno.EFAULT;
        return ClockTicks.sinceBoot();
    }

    /**
     * getrusage(2): ru_maxrss (KiB) is the process's resident set now — its
     * largest so far, as nothing is paged out — or for RUSAGE_CHILDREN the
     * largest of its reaped children's; the other fields are 0. EINVAL for
     * an unknown {@code who}.
     */
    @Async
    static long sysGetrusage(Process p, int who, long usage) {
        if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) return -Errno.EINVAL;
        byte[] b = new byte[RUSAGE_SIZE];
        long maxRssKb = who == RUSAGE_CHILDREN ? p.leader().childrenMaxRssKb() : p.mm().residentPages() * 4;
        LittleEndian.put64(b, 32, maxRssKb);
        return UserCopy.copyOut(p.mm(), usage, b, 0, RUSAGE_SIZE) < 0 ? -Errno.EFAULT : 0;
    }
}
