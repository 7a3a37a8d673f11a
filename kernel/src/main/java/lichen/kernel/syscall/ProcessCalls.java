package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.JobControl;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.proc.Ptrace;
import lichen.kernel.signal.Signals;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/** The calls that make, end and wait for processes (man 2 clone, _exit, wait4, set_tid_address, getrlimit). */
final class ProcessCalls {
    /** clone(2) flags. */
    static final long CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_VFORK = 0x4000, CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
            CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000;

    /** wait options (include/uapi/linux/wait.h) and waitid's id types. */
    static final int WUNTRACED = 2, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000, __WALL = 0x40000000,
            __WCLONE = 0x80000000;
    static final int P_ALL = 0, P_PID = 1, P_PGID = 2;

    private ProcessCalls() {}

    /** _exit(2): the calling thread ends; with it the process, when it was the last. */
    @Async
    static long sysExit(Process p, int status) {
        Ptrace.exitStop(p, (status & 0xff) << 8);
        Processes.exit(p, (status & 0xff) << 8);
        return 0;
    }

    /** exit_group(2): every thread ends; the wait status is the low byte of {@code status}, shifted (man 2 wait, WEXITSTATUS). */
    @Async
    static long sysExitGroup(Process p, int status) {
        Processes.exitGroup(p, (status & 0xff) << 8);
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
     * clone(2) (arm64 argument order: flags, stack, parent_tid, tls, child_tid):
     * a thread with CLONE_THREAD (which needs CLONE_SIGHAND, which needs
     * CLONE_VM, as Linux checks), else a new process as fork(2) makes it.
     * vfork's CLONE_VM|CLONE_VFORK runs the child in the caller's memory while
     * the caller waits for its execve or exit; CLONE_VM alone (a process
     * sharing memory for good) is EINVAL.
     */
    @Async
    static long sysClone(Process p, long frame, long flags, long stack, long parentTid, long tls, long childTid) {
        boolean thread = (flags & CLONE_THREAD) != 0;
        if (thread && (flags & CLONE_SIGHAND) == 0) return -Errno.EINVAL;
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) return -Errno.EINVAL;
        if (!thread && (flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) return -Errno.EINVAL;
        if ((flags & CLONE_PARENT_SETTID) != 0 && !UserCopy.inUserHalf(parentTid, 4)) return -Errno.EFAULT;
        boolean setTls = (flags & CLONE_SETTLS) != 0;
        boolean vfork = (flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK);
        int event = Ptrace.cloneEvent(vfork, thread, (int) (flags & CSIGNAL));
        int pid = thread ? Processes.spawnThread(p, frame, stack, tls, setTls) : Processes.fork(p, frame, stack, tls, setTls, vfork, event);
        if (pid < 0) return pid;
        Process child = Processes.byPid(pid);
        if ((flags & CLONE_PARENT_SETTID) != 0) UserCopy.store32(p.mm(), parentTid, pid);
        if ((flags & CLONE_CHILD_SETTID) != 0) UserCopy.store32(child.mm(), childTid, pid);
        if ((flags & CLONE_CHILD_CLEARTID) != 0) child.setClearChildTid(childTid);
        if (thread) Ptrace.threadCloneStop(p, pid);
        return pid;
    }

    /** wait4(2): any child (-1), one (pid), or a process group (0: the caller's, < -1: -pid); the status and the child's rusage. */
    @Async
    static long sysWait4(Process p, int pid, long wstatus, int options, long rusage) {
        if ((options & ~(Processes.WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE)) != 0) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        int[] status = new int[1];
        int rc = Processes.waitChild(p, pid, options | Processes.WEXITED, status, false);
        if (rc <= 0) return rc;
        if (wstatus != 0 && UserCopy.store32(p.mm(), wstatus, status[0]) < 0) return -Errno.EFAULT;
        if (rusage != 0 && UsageCalls.copyReapedUsage(p, rusage) < 0) return -Errno.EFAULT;
        return rc;
    }

    /**
     * waitid(2): P_ALL, P_PID or P_PGID; at least one of WEXITED, WSTOPPED
     * and WCONTINUED; WNOWAIT leaves the child waitable (and its stop or
     * continue reportable). The siginfo tells who changed and how (si_code
     * CLD_EXITED, CLD_KILLED, CLD_STOPPED or CLD_CONTINUED, si_status the
     * exit code or the signal); with WNOHANG and no change yet it is zeroed
     * and the result is 0.
     */
    @Async
    static long sysWaitid(Process p, int idtype, int id, long infop, int options, long rusage) {
        if ((options & ~(Processes.WNOHANG | WSTOPPED | WEXITED | WCONTINUED | WNOWAIT | __WALL | __WCLONE)) != 0) return -Errno.EINVAL;
        if ((options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) return -Errno.EINVAL;
        int pid;
        if (idtype == P_ALL) pid = -1;
        else if (idtype == P_PID) pid = id;
        else if (idtype == P_PGID) pid = id == 0 ? 0 : -id;
        else return -Errno.EINVAL;
        if ((idtype == P_PID || idtype == P_PGID) && id < 0) return -Errno.EINVAL;
        int[] status = new int[1];
        int rc = Processes.waitChild(p, pid, options, status, (options & WNOWAIT) != 0);
        if (rc < 0) return rc;
        byte[] info = new byte[128];
        if (rc > 0) {
            int st = status[0];
            boolean continued = st == JobControl.CONTINUED_STATUS, stopped = (st & 0xff) == JobControl.STOPPED_LOW;
            boolean killed = !continued && !stopped && (st & 0x7f) != 0;
            int code = continued ? Signals.CLD_CONTINUED : stopped ? Signals.CLD_STOPPED : killed ? Signals.CLD_KILLED : Signals.CLD_EXITED;
            LittleEndian.put32(info, 0, Signals.SIGCHLD);
            LittleEndian.put32(info, 8, code);
            LittleEndian.put32(info, 16, rc);
            LittleEndian.put32(info, 24, continued ? Signals.SIGCONT : killed ? st & 0x7f : st >> 8 & 0xff);
        }
        if (infop != 0 && UserCopy.copyOut(p.mm(), infop, info, 0, 128) < 0) return -Errno.EFAULT;
        if (rusage != 0 && UserCopy.clear(p.mm(), rusage, 144) < 0) return -Errno.EFAULT;
        return 0;
    }
}
