package lichen.kernel.proc;

import lichen.fs.vfs.FsContext;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.signal.RealTimer;
import lichen.kernel.signal.SignalState;
import lichen.libkernel.async.Task;
import lichen.libkernel.sync.WaitQueue;

/**
 * A user process (Linux's task_struct, for a process of one thread so far):
 * its ids, its address space, the kernel task that runs its thread, and what
 * its parent's wait4(2) finds when it ends. The thread's id is the pid.
 */
public final class Process {
    /** Lifecycle: running (or blocked in a call), exited and waiting to be reaped, reaped. */
    public static final int LIVE = 0, ZOMBIE = 1, REAPED = 2;

    final int pid;
    Process parent;
    /** The first child; children link through {@link #nextSibling}. */
    Process firstChild, nextSibling;
    UserAddressSpace mm;
    /** The program's name (comm, 15 bytes at most as in /proc/PID/comm). */
    String comm;
    Task task;
    int state = LIVE;
    /** The wait status (man 2 wait): exit code << 8, or the signal that killed it. */
    int waitStatus;
    /** set_tid_address(2): cleared and futex-woken at exit. */
    long clearChildTid;
    /** rt_sigsuspend(2)'s caller's own mask, restored by the handler's sigreturn; valid while {@link #suspended}. */
    long suspendMask;
    boolean suspended;
    /** setitimer(2)'s ITIMER_REAL, or null before the first. */
    RealTimer realTimer;
    /** The process group and session (man 7 credentials): inherited at fork, changed by setpgid(2) and setsid(2). */
    int pgid, sid;
    /** set_robust_list(2): the thread's list of robust futexes (walked at exit once threads share memory). */
    long robustList;
    /** Signal dispositions and the blocked mask; fork copies them, exec resets the caught ones. */
    SignalState signals = new SignalState();
    /** The parent sleeps here in wait4(2) until a child changes state. */
    final WaitQueue childEvents = new WaitQueue();
    /** Root, cwd, umask and descriptors (null when the kernel has no namespace yet). */
    FsContext files;
    /** The initial user frame lichen_enter_user copies; kept until the thread exits. */
    long[] startFrame;

    Process(int pid, Process parent, UserAddressSpace mm, String comm) {
        this.pid = pid;
        this.parent = parent;
        this.mm = mm;
        this.comm = comm;
    }

    public int pid() { return pid; }

    public int ppid() { return parent == null ? 0 : parent.pid; }

    public Process parent() { return parent; }

    public UserAddressSpace mm() { return mm; }

    /** The filesystem context: root, cwd, umask, the descriptor table; null in a kernel without a namespace. */
    public FsContext files() { return files; }

    public String comm() { return comm; }

    public int state() { return state; }

    public int waitStatus() { return waitStatus; }

    public Task task() { return task; }

    public long clearChildTid() { return clearChildTid; }

    public void setClearChildTid(long address) { clearChildTid = address; }

    public int pgid() { return pgid; }

    public int sid() { return sid; }

    public void setPgid(int group) { pgid = group; }

    /** setsid(2)'s change: a new session and group, both named by this process's pid. */
    public void startSession() {
        sid = pid;
        pgid = pid;
    }

    /** rt_sigsuspend: {@code original} is the mask to restore once a handler has run. */
    public void suspendMask(long original) {
        suspendMask = original;
        suspended = true;
    }

    /** The mask a handler's frame saves: the one rt_sigsuspend replaced, else {@code current}. */
    public long takeSuspendMask(long current) {
        if (!suspended) return current;
        suspended = false;
        return suspendMask;
    }

    public RealTimer realTimer() { return realTimer; }

    public void setRealTimer(RealTimer t) { realTimer = t; }

    public SignalState signals() { return signals; }

    public long robustList() { return robustList; }

    public void setRobustList(long head) { robustList = head; }

    /** exec's new name: the file name's last component, cut to 15 bytes (TASK_COMM_LEN - 1). */
    public void setComm(String path) {
        int slash = path.lastIndexOf('/');
        String base = path.substring(slash + 1);
        comm = base.length() > 15 ? base.substring(0, 15) : base;
    }

    /** exec's new address space; the old one is the caller's to destroy. */
    public void setMm(UserAddressSpace next) { mm = next; }

    @Override
    public String toString() { return "pid " + pid + " (" + comm + ")"; }
}
