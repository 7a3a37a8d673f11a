package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/** The calls that make, end and wait for processes (man 2 clone, _exit, wait4, set_tid_address, getrlimit). */
final class ProcessCalls {
    /** clone(2) flags. */
    static final long CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_VFORK = 0x4000, CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
            CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000;
    /** getrlimit(2) resources and RLIM_INFINITY. */
    static final int RLIMIT_STACK = 3, RLIMIT_CORE = 4, RLIMIT_NOFILE = 7, RLIM_NLIMITS = 16;
    static final long RLIM_INFINITY = -1;

    private ProcessCalls() {}

    /** _exit(2): the thread ends; with one thread a process, the process does. */
    @Async
    static long sysExit(Process p, int status) { return sysExitGroup(p, status); }

    /** exit_group(2): the wait status is the low byte of {@code status}, shifted (man 2 wait, WEXITSTATUS). */
    @Async
    static long sysExitGroup(Process p, int status) {
        Processes.exit(p, (status & 0xff) << 8);
        return 0;
    }

    /** set_tid_address(2): remembers where to clear the tid at exit; returns the caller's tid. */
    static long sysSetTidAddress(Process p, long tidptr) {
        p.setClearChildTid(tidptr);
        return p.pid();
    }

    @Async
    static long sysSchedYield() {
        Processes.executor().yieldNow();
        return 0;
    }

    /**
     * clone(2) as fork(2) uses it (arm64 argument order: flags, stack, parent_tid, tls, child_tid).
     * Threads (CLONE_VM without CLONE_VFORK, CLONE_THREAD) are not built yet: EINVAL. vfork's
     * CLONE_VM|CLONE_VFORK gets a copy of the memory instead of a share, which serves
     * the vfork-then-exec pattern except for writes the child makes before exec.
     */
    @Async
    static long sysClone(Process p, long frame, long flags, long stack, long parentTid, long tls, long childTid) {
        if ((flags & CLONE_THREAD) != 0 || (flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) return -Errno.EINVAL;
        if ((flags & CLONE_PARENT_SETTID) != 0 && !UserCopy.inUserHalf(parentTid, 4)) return -Errno.EFAULT;
        int pid = Processes.fork(p, frame, stack, tls, (flags & CLONE_SETTLS) != 0);
        if (pid < 0) return pid;
        Process child = Processes.byPid(pid);
        if ((flags & CLONE_PARENT_SETTID) != 0) UserCopy.store32(p.mm(), parentTid, pid);
        if ((flags & CLONE_CHILD_SETTID) != 0) UserCopy.store32(child.mm(), childTid, pid);
        if ((flags & CLONE_CHILD_CLEARTID) != 0) child.setClearChildTid(childTid);
        return pid;
    }

    /** wait4(2): pid -1 (or 0, process groups being one group so far) any child; the status and a zeroed rusage. */
    @Async
    static long sysWait4(Process p, int pid, long wstatus, int options, long rusage) {
        if ((options & ~(Processes.WNOHANG | 0x2 | 0x8 | 0x40000000 | 0x80000000)) != 0) return -Errno.EINVAL;
        int[] status = new int[1];
        int rc = Processes.waitChild(p, pid < -1 ? -1 : pid == 0 ? -1 : pid, options, status);
        if (rc <= 0) return rc;
        if (wstatus != 0 && UserCopy.store32(p.mm(), wstatus, status[0]) < 0) return -Errno.EFAULT;
        if (rusage != 0 && UserCopy.clear(p.mm(), rusage, 144) < 0) return -Errno.EFAULT;
        return rc;
    }

    /** getrlimit(2): the limits Linux starts init with (include/asm-generic/resource.h INIT_RLIMITS). */
    @Async
    static long sysGetrlimit(Process p, int resource, long rlim) {
        if (resource < 0 || resource >= RLIM_NLIMITS) return -Errno.EINVAL;
        return writeLimit(p, resource, rlim);
    }

    /** prlimit64(2) on the caller (pid 0 or its own): reads the limit; setting one is refused until limits are per process. */
    @Async
    static long sysPrlimit64(Process p, int pid, int resource, long newLimit, long oldLimit) {
        if (resource < 0 || resource >= RLIM_NLIMITS) return -Errno.EINVAL;
        if (pid != 0 && pid != p.pid()) return Processes.byPid(pid) == null ? -Errno.ESRCH : -Errno.EPERM;
        if (newLimit != 0) return -Errno.EPERM;
        return oldLimit == 0 ? 0 : writeLimit(p, resource, oldLimit);
    }

    @Async
    private static long writeLimit(Process p, int resource, long at) {
        long cur = RLIM_INFINITY, max = RLIM_INFINITY;
        if (resource == RLIMIT_STACK) cur = 8L << 20;
        else if (resource == RLIMIT_CORE) cur = 0;
        else if (resource == RLIMIT_NOFILE) { cur = 1024; max = 4096; }
        byte[] b = new byte[16];
        LittleEndian.put64(b, 0, cur);
        LittleEndian.put64(b, 8, max);
        return UserCopy.copyOut(p.mm(), at, b, 0, 16);
    }
}
