package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.CpuAffinity;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.sync.Cpus;

/** sched_setaffinity(2), sched_getaffinity(2) and getcpu(2): where a thread may run, and where it runs. */
final class SchedulerCalls {
    private SchedulerCalls() {}

    /**
     * sched_setaffinity(2): the thread {@code pid} (0: the caller) may run only
     * on the CPUs in the mask at {@code mask}. {@code size} bytes of it are read,
     * at most the kernel's 8-byte cpumask (a shorter one is zero-extended, as
     * Linux's get_user_cpu_mask does); the mask kept is what is set of the CPUs
     * that run user threads ({@link CpuAffinity#usable}), EINVAL when that is
     * none of them, ESRCH for no such thread, EFAULT for a bad pointer. Every
     * thread here may change every other's (no per-user check yet). The caller
     * moves before the call returns; another thread at its next turn's end.
     */
    @Async
    static long sysSchedSetaffinity(Process p, int pid, long size, long mask) {
        Process t = pid == 0 ? p : Processes.byPid(pid);
        if (t == null) return -Errno.ESRCH;
        int n = (int) Math.min(Math.max(size, 0), CpuAffinity.MASK_BYTES);
        byte[] b = new byte[CpuAffinity.MASK_BYTES];
        if (n > 0 && UserCopy.copyIn(p.mm(), mask, b, 0, n) < 0) return -Errno.EFAULT;
        long given = 0;
        for (int i = 0; i < n; i++) given |= (long) (b[i] & 0xFF) << (8 * i);
        long wanted = given & CpuAffinity.usable();
        if (wanted == 0) return -Errno.EINVAL;
        t.setCpuMask(wanted);
        // The caller, on a CPU it may no longer use, moves at once (its turn ends; the executor requeues it elsewhere).
        if (t == p && (wanted & 1L << Cpus.currentCpu()) == 0) Processes.executor().yieldNow();
        return 0;
    }

    /**
     * sched_getaffinity(2): the mask of {@code pid} (0: the caller) within the
     * CPUs that run user threads, written as the kernel's 8-byte cpumask;
     * EINVAL for a size that is not a whole number of longs or too small for
     * the CPUs there are, ESRCH for no such thread. Returns the bytes written,
     * as the raw call does.
     */
    @Async
    static long sysSchedGetaffinity(Process p, int pid, long size, long mask) {
        Process t = pid == 0 ? p : Processes.byPid(pid);
        if (t == null) return -Errno.ESRCH;
        if (size * 8 < Cpus.count() || (size & 7) != 0) return -Errno.EINVAL;
        long m = CpuAffinity.effective(t);
        byte[] b = new byte[CpuAffinity.MASK_BYTES];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (m >>> (8 * i));
        return UserCopy.copyOut(p.mm(), mask, b, 0, b.length) < 0 ? -Errno.EFAULT : b.length;
    }

    /**
     * getcpu(2): the CPU the caller is running on into {@code cpu}, its NUMA
     * node (0: one node) into {@code node}; either may be NULL. The third
     * argument, a cache, is unused since Linux 2.6.24. EFAULT for a bad pointer.
     */
    @Async
    static long sysGetcpu(Process p, long cpu, long node) {
        if (cpu != 0 && UserCopy.store32(p.mm(), cpu, Cpus.currentCpu()) < 0) return -Errno.EFAULT;
        if (node != 0 && UserCopy.store32(p.mm(), node, 0) < 0) return -Errno.EFAULT;
        return 0;
    }
}
