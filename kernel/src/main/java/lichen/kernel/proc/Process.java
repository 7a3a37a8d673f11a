package lichen.kernel.proc;

import lichen.fs.vfs.FsContext;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.signal.CpuTimer;
import lichen.kernel.signal.RealTimer;
import lichen.kernel.signal.SignalState;
import lichen.libkernel.async.Task;
import lichen.libkernel.sync.WaitQueue;

/**
 * A user thread (Linux's task_struct): its ids, the kernel task that runs it,
 * and what its process shares with the other threads of its group — the
 * address space, the files and the signal dispositions are the same objects
 * in every thread. The group's leader (its first thread) is the process that
 * parents see: its pid is the group's, it is on its parent's list of
 * children, and its wait status is what wait4(2) finds when the last thread
 * has ended.
 */
public final class Process {
    /** Lifecycle: running (or blocked in a call), exited and waiting to be reaped, reaped. */
    public static final int LIVE = 0, ZOMBIE = 1, REAPED = 2;

    final int pid;
    /** The thread group's first thread (this one for a process's main thread): getpid(2) answers its pid. */
    Process leader = this;
    /** On the leader: threads still running, the others in the group by {@link #nextThread}, and exit_group's status once called. */
    int liveThreads = 1;
    Process nextThread;
    boolean groupExiting;
    int groupStatus;
    /** On the leader: the thread whose execve(2) is ending the others (they see {@link #groupExiting}, it does not), or null. */
    Process execThread;
    /** On the leader: execve's thread sleeps here until it is the group's only one. */
    final WaitQueue threadsEnded = new WaitQueue();
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
    /** rseq(2): the thread's registered struct rseq (0: none) and its abort signature; scratch for reading its section. */
    long rseqArea;
    int rseqSignature;
    final long[] rseqScratch = new long[4];
    final int[] rseqSignatureScratch = new int[1];
    /** rt_sigsuspend(2)'s caller's own mask, restored by the handler's sigreturn; valid while {@link #suspended}. */
    long suspendMask;
    boolean suspended;
    /** restart_syscall(2)'s work (Linux's restart_block): the end of an interrupted relative sleep (executor time; 0: none) and its rem pointer. */
    long restartDeadline, restartRem;
    /** setitimer(2)'s ITIMER_REAL, or null before the first. */
    RealTimer realTimer;
    /** setitimer(2)'s ITIMER_VIRTUAL and ITIMER_PROF (on the leader), or null before the first; a fork starts without them. */
    CpuTimer virtualTimer, profTimer;
    /** What /proc shows: the program's path and argv from its exec, and when it started (clock ticks since boot). */
    String exePath = "";
    byte[][] argv;
    /** The environment exec gave the program (/proc/PID/environ). */
    byte[][] envp;
    long startTicks;
    /** prctl(PR_SET_PDEATHSIG): the signal this process gets when its parent ends (0: none). */
    int parentDeathSignal;
    /** Resource limits (getrlimit(2)): soft and hard per resource, inherited at fork. */
    long[] limits;
    /** A vfork child runs in its parent's address space until execve or exit; the parent sleeps on vforkDone until then. */
    boolean borrowedMm;
    final WaitQueue vforkDone = new WaitQueue();
    /** Resident set at exit (KiB), and the largest of the reaped children's, for getrusage(2). */
    long maxRssKb, childrenMaxRssKb;
    /** Whether this process has called execve(2) since fork: its parent may no longer change its group (setpgid(2) EACCES). */
    boolean execed;
    /** The process group and session (man 7 credentials): inherited at fork, changed by setpgid(2) and setsid(2). */
    int pgid, sid;
    /** set_robust_list(2): the thread's list of robust futexes (walked at exit once threads share memory). */
    long robustList;
    /** Signal dispositions and the blocked mask; fork copies them, exec resets the caught ones. */
    SignalState signals = new SignalState();
    /**
     * Job control (man 7 signal), on the leader: the signal of the group-stop
     * in effect (0: none), how many threads are parked in it, whether all are
     * (SIGNAL_STOP_STOPPED: the group is stopped), and what wait4's WUNTRACED
     * and WCONTINUED have not yet reported (a stop's signal, a continue).
     * {@link #parkedInStop} is each thread's own.
     */
    int groupStopSignal, stoppedThreads, stopReport;
    boolean groupStopped, continueReport, parkedInStop;
    /** This thread's tracer let it go on from the group-stop in effect: it does not stop in it again (JOBCTL_STOP_PENDING cleared). */
    boolean leftGroupStop;
    /** ptrace(2): this thread's state as a tracee (null before it was first traced), and on a leader the first thread it traces. */
    Tracee trace;
    Process firstTracee;
    /** The user frame of the thread's last entry into the kernel (a tracer reads its registers there while it is stopped). */
    long userFrame;
    /** The parent sleeps here in wait4(2) until a child changes state. */
    final WaitQueue childEvents = new WaitQueue();
    /** Root, cwd, umask and descriptors (null when the kernel has no namespace yet). */
    FsContext files;
    /** CPU time: the thread's ended state, and on the leader its ended threads' and waited-for children's. */
    final CpuTimes times = new CpuTimes();
    /** The CPUs this thread may run on (sched_setaffinity(2)), bit n for CPU n; a new thread or process inherits it. */
    long cpuMask = CpuAffinity.ALL;
    /** The thread's nice value, -20..19 (setpriority(2)); a new thread or process inherits it, as sched_fork does. */
    int nice;
    /** The initial user frame lichen_enter_user copies; kept until the thread exits. */
    long[] startFrame;

    Process(int pid, Process parent, UserAddressSpace mm, String comm) {
        this.pid = pid;
        this.parent = parent;
        this.mm = mm;
        this.comm = comm;
    }

    /** The thread id (the process's pid for its main thread). */
    public int pid() { return pid; }

    /** The CPUs this thread may run on, bit n for CPU n (sched_getaffinity(2) reports it within the usable ones). */
    public long cpuMask() { return cpuMask; }

    /** sched_setaffinity(2)'s store: {@code mask} already checked against the usable CPUs. */
    public void setCpuMask(long mask) {
        cpuMask = mask;
        if (task != null) task.setCpuMask(mask);
    }

    /** The nice value, -20 (most favoured) to 19. */
    public int nice() { return nice; }

    /** setpriority(2)'s store: {@code value} already clamped to -20..19; the scheduler reweights the running task. */
    public void setNice(int value) {
        nice = value;
        if (task != null) Processes.executor().setNice(task, value);
    }

    /** The thread group's id: the pid getpid(2) reports. */
    public int tgid() { return leader.pid; }

    public Process leader() { return leader; }

    /** exit_group(2), a fatal signal or another thread's execve(2) is ending this thread's group: it ends at its next return to user mode. */
    public boolean groupExiting() { return leader.groupExiting && leader.execThread != this; }

    public int ppid() { return leader.parent == null ? 0 : leader.parent.pid; }

    public Process parent() { return parent; }

    public UserAddressSpace mm() { return mm; }

    /** The filesystem context: root, cwd, umask, the descriptor table; null in a kernel without a namespace. */
    public FsContext files() { return files; }

    public String comm() { return comm; }

    public int state() { return state; }

    public int waitStatus() { return waitStatus; }

    public Task task() { return task; }

    public long clearChildTid() { return clearChildTid; }

    /** execve(2): the old program's struct rseq is gone with its memory. */
    public void forgetRseq() { rseqArea = 0; }

    public void setClearChildTid(long address) { clearChildTid = address; }

    public String exePath() { return exePath; }

    public byte[][] argv() { return argv; }

    public byte[][] envp() { return envp; }

    /** exec's record of the environment it gave the program. */
    public void setEnvironment(byte[][] env) { envp = env; }

    /** The next thread of the group after this one, in the leader's list (null after the last). */
    public Process nextThread() { return nextThread; }

    public long startTicks() { return startTicks; }

    /** exec's record of what now runs, for /proc/PID/exe and cmdline. */
    public void setProgram(String path, byte[][] args) {
        exePath = path;
        argv = args;
        execed = true;
    }

    /** The process group and session are the process's: a thread answers with its leader's. */
    public boolean hasExeced() { return execed; }

    public long childrenMaxRssKb() { return childrenMaxRssKb; }

    public boolean borrowsMm() { return borrowedMm; }

    public int parentDeathSignal() { return parentDeathSignal; }

    public void setParentDeathSignal(int sig) { parentDeathSignal = sig; }

    public long[] limits() { return leader.limits; }

    public void setLimits(long[] l) { leader.limits = l; }

    public int pgid() { return leader.pgid; }

    public int sid() { return leader.sid; }

    public void setPgid(int group) { leader.pgid = group; }

    /** setsid(2)'s change: a new session and group, both named by the process's pid. */
    public void startSession() {
        leader.sid = leader.pid;
        leader.pgid = leader.pid;
    }

    /** Threads of this process still running (1 for a process of one thread). */
    public int liveThreads() { return leader.liveThreads; }

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

    public CpuTimer virtualTimer() { return virtualTimer; }

    public CpuTimer profTimer() { return profTimer; }

    public void setCpuTimer(CpuTimer t, boolean profiling) {
        if (profiling) profTimer = t;
        else virtualTimer = t;
    }

    /** What restart_syscall(2) goes on with: the sleep's end (0: nothing to restart) and where its remaining time goes. */
    public long restartDeadline() { return restartDeadline; }

    public long restartRem() { return restartRem; }

    public void setRestart(long deadline, long rem) {
        restartDeadline = deadline;
        restartRem = rem;
    }

    /** This thread's ptrace(2) state, or null if it was never traced. */
    public Tracee trace() { return trace; }

    /** Whether a tracer traces this thread (ptrace(2)). */
    public boolean traced() { return trace != null && trace.tracer != null; }

    /** Where the thread's user registers are while it is in the kernel (UserTraps records it at each entry). */
    public void setUserFrame(long frame) { userFrame = frame; }

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
