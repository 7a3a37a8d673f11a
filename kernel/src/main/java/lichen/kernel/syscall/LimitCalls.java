package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.proc.ResourceLimits;
import static lichen.kernel.proc.ResourceLimits.RLIMIT_NOFILE;
import static lichen.kernel.proc.ResourceLimits.RLIM_NLIMITS;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * Resource limits (man 2 getrlimit): a soft and a hard value per resource,
 * per process, inherited at fork. Every process is root, so a hard limit may
 * be raised; a soft limit above its hard one is EINVAL. RLIMIT_NOFILE's soft
 * limit bounds the descriptor table; the others are kept and reported.
 */
final class LimitCalls {
    private LimitCalls() {}

    @Async
    static long sysGetrlimit(Process p, int resource, long rlim) {
        if (resource < 0 || resource >= RLIM_NLIMITS) return -Errno.EINVAL;
        return write(p, ResourceLimits.of(p), resource, rlim);
    }

    @Async
    static long sysSetrlimit(Process p, int resource, long rlim) { return sysPrlimit64(p, 0, resource, rlim, 0); }

    /** prlimit64(2): the old limit to {@code oldLimit}, then the new one from {@code newLimit}, for the caller or a process by pid. */
    @Async
    static long sysPrlimit64(Process p, int pid, int resource, long newLimit, long oldLimit) {
        if (resource < 0 || resource >= RLIM_NLIMITS) return -Errno.EINVAL;
        Process t = pid == 0 ? p : Processes.byPid(pid);
        if (t == null) return -Errno.ESRCH;
        long[] limits = ResourceLimits.of(t);
        long soft = 0, hard = 0;
        if (newLimit != 0) {
            byte[] b = new byte[16];
            if (UserCopy.copyIn(p.mm(), newLimit, b, 0, 16) < 0) return -Errno.EFAULT;
            soft = LittleEndian.u64(b, 0);
            hard = LittleEndian.u64(b, 8);
            if (Long.compareUnsigned(soft, hard) > 0) return -Errno.EINVAL;
            if (resource == RLIMIT_NOFILE && Long.compareUnsigned(hard, 1L << 20) > 0) return -Errno.EPERM; // fs.nr_open
        }
        if (oldLimit != 0) {
            long rc = write(p, limits, resource, oldLimit);
            if (rc < 0) return rc;
        }
        if (newLimit != 0) {
            limits[2 * resource] = soft;
            limits[2 * resource + 1] = hard;
            if (resource == RLIMIT_NOFILE && t.files() != null) t.files().fds.setLimit((int) Math.min(soft, 1L << 20));
            if (resource == ResourceLimits.RLIMIT_STACK && t.mm() != null) t.mm().setStackLimit(soft); // how far the stack may grow now
        }
        return 0;
    }

    @Async
    private static long write(Process p, long[] limits, int resource, long at) {
        byte[] b = new byte[16];
        LittleEndian.put64(b, 0, limits[2 * resource]);
        LittleEndian.put64(b, 8, limits[2 * resource + 1]);
        return UserCopy.copyOut(p.mm(), at, b, 0, 16) < 0 ? -Errno.EFAULT : 0;
    }
}
