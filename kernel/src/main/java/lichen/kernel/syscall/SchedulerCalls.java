package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;

/** sched_getaffinity(2): where a thread may run. */
final class SchedulerCalls {
    private SchedulerCalls() {}

    /**
     * sched_getaffinity(2): user programs run on the boot CPU only (the
     * executor is not on the others yet), so the mask is CPU 0, written as
     * the kernel's 8-byte cpumask; EINVAL for a buffer smaller than that,
     * ESRCH for no such process. Returns the bytes written, as the raw call does.
     */
    @Async
    static long sysSchedGetaffinity(Process p, int pid, long size, long mask) {
        if (pid != 0 && Processes.byPid(pid) == null) return -Errno.ESRCH;
        if (size < 8 || (size & 7) != 0) return -Errno.EINVAL;
        byte[] b = new byte[8];
        b[0] = 1;
        return UserCopy.copyOut(p.mm(), mask, b, 0, 8) < 0 ? -Errno.EFAULT : 8;
    }
}
