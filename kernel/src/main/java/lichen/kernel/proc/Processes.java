package lichen.kernel.proc;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.arch.aarch64.StackContinuations;
import lichen.kernel.fs.ProcFiles;
import lichen.kernel.fs.RootFilesystem;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.signal.Signals;
import lichen.kernel.time.ClockTicks;
import lichen.kernel.tty.ControllingTerminal;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Task;
import lichen.libkernel.container.IdAllocator;

/**
 * The process table and each process's life: the first process, fork(2),
 * exit, and the parent's wait4(2). A process's thread is a kernel task whose
 * body enters EL0 ({@link #startThread}); it comes back into the kernel only
 * through exceptions ({@link UserTraps}) and leaves for good through {@link #exit}.
 */
public final class Processes {
    /** PID_MAX_DEFAULT; pids are handed out cyclically from 300 after the first wrap, as Linux does. */
    public static final int PID_MAX = 32768;
    /** wait4 and waitid options (man 2 wait; WUNTRACED is waitid's WSTOPPED). */
    public static final int WNOHANG = 1, WUNTRACED = 2, WEXITED = 4, WCONTINUED = 8;

    private static final Process[] byPid = new Process[PID_MAX];
    private static final IdAllocator pids = new IdAllocator(1, PID_MAX, 300);
    private static Executor executor;
    private static int live, lastPid;
    /** Processes and threads created since boot (/proc/stat's "processes", Linux's total_forks). */
    private static long created;
    /** Called when pid 1 ends: the machine has nothing left to run. */
    private static Runnable initEnded;

    private Processes() {}

    public static void useExecutor(Executor ex, Runnable whenInitEnds) {
        executor = ex;
        initEnded = whenInitEnds;
    }

    public static Executor executor() { return executor; }

    /** Processes not yet reaped, and the pid handed out last (for /proc/loadavg). */
    public static int count() { return live; }

    public static int lastPid() { return lastPid; }

    /** Processes and threads created since boot. */
    public static long created() { return created; }

    /** The process whose thread is running, or null in a kernel task. */
    public static Process current() {
        Task t = executor.current();
        return t != null && t.owner() instanceof Process p ? p : null;
    }

    public static Process byPid(int pid) { return pid > 0 && pid < PID_MAX ? byPid[pid] : null; }

    /** A new process with no parent (init) that starts at {@code entry} with stack pointer {@code sp} in {@code mm}. */
    public static Process create(UserAddressSpace mm, String comm, long entry, long sp) {
        Process p = newProcess(null, mm, comm);
        if (p == null) return null;
        UserFrame.initialise(UserFrame.address(p.startFrame), entry, sp);
        startThread(p);
        return p;
    }

    /** What the first process runs before it enters user mode: exec of /init into its frame; 0 or -errno. */
    public interface FirstProgram {
        @Async
        int load(Process p, long frame);
    }

    /**
     * The first process (pid 1 on a fresh table): its thread loads its program
     * with {@code program} and enters it; when the load fails the process ends
     * with status 127 after a line naming the error, or null without a pid.
     */
    public static Process startFirst(String comm, FirstProgram program) {
        Process p = newProcess(null, null, comm);
        if (p == null) return null;
        Task t = executor.spawn(comm, 0, p.cpuMask, () -> {
            int rc = program.load(p, UserFrame.address(p.startFrame));
            if (rc < 0) {
                System.out.println("lichen: " + p + ": cannot start its program: error " + rc);
                exit(p, 127 << 8);
            }
            enterUser(p);
        });
        t.setOwner(p);
        p.task = t;
        return p;
    }

    private static Process newProcess(Process parent, UserAddressSpace mm, String comm) {
        int pid = pids.allocCyclic();
        if (pid < 0) return null;
        Process p = new Process(pid, parent, mm, comm);
        p.startTicks = ClockTicks.sinceBoot();
        if (parent != null) {
            p.exePath = parent.exePath;
            p.argv = parent.argv;
            p.envp = parent.envp;
        }
        if (parent == null) p.files = RootFilesystem.newInitContext();
        // The first process is in session 0 and group 0, as Linux's init inherits them from the idle task (setsid(2) then works for it).
        p.pgid = parent == null ? 0 : parent.pgid;
        p.sid = parent == null ? 0 : parent.sid;
        p.startFrame = Kmem.newLongs(UserFrame.BYTES / 8);
        byPid[pid] = p;
        live++;
        created++;
        lastPid = pid;
        ProcFiles.created(p);
        if (parent != null) {
            p.nextSibling = parent.firstChild;
            parent.firstChild = p;
        }
        return p;
    }

    private static void startThread(Process p) {
        Task t = executor.spawn(p.comm, p.nice, p.cpuMask, () -> enterUser(p));
        t.setOwner(p);
        p.task = t;
    }

    @Async
    private static void enterUser(Process p) {
        StackContinuations.setTranslationTable(p.mm.ttbr0());
        p.userFrame = UserFrame.address(p.startFrame);
        Ptrace.startStop(p); // an auto-attached child's first stop, before its first instruction
        UserFrame.enter(p.startFrame);
    }

    /**
     * fork(2) from the thread whose user state is at {@code frame}: the child
     * gets a copy-on-write copy of the address space and the same registers,
     * with 0 in x0 and the stack pointer {@code childSp} when it is not 0
     * (clone's stack). Returns the child's pid, -EAGAIN without a pid or ASID,
     * -ENOMEM without memory. With {@code vfork} (vfork(2)'s CLONE_VM|CLONE_VFORK): the child
     * runs in the caller's own address space, and the caller sleeps until the
     * child has called execve or ended, when the space is the caller's alone again.
     * A traced caller whose tracer asked for {@code traceEvent} (PTRACE_EVENT_FORK
     * or VFORK) has the child traced too, and stops at the event ({@link Ptrace}).
     */
    @Async
    public static int fork(Process parent, long frame, long childSp, long childTls, boolean setTls, boolean vfork, int traceEvent) {
        UserAddressSpace mm = vfork ? parent.mm : parent.mm.fork();
        if (mm == null) return -Errno.ENOMEM;
        Process c = newProcess(parent.leader, mm, parent.comm);
        if (c != null) { // the calling thread's affinity and nice value, as Linux's copy_process (sched_setaffinity(2), NOTES)
            c.cpuMask = parent.cpuMask;
            c.nice = parent.nice;
        }
        if (c == null) {
            if (!vfork) mm.destroy();
            return -Errno.EAGAIN;
        }
        c.borrowedMm = vfork;
        c.signals = parent.signals.copy();
        if (!vfork) { // a copy of the memory keeps the copy of the thread's struct rseq registered (rseq_fork); CLONE_VM does not
            c.rseqArea = parent.rseqArea;
            c.rseqSignature = parent.rseqSignature;
        }
        if (parent.leader.limits != null) {
            c.limits = new long[parent.leader.limits.length];
            System.arraycopy(parent.leader.limits, 0, c.limits, 0, c.limits.length);
        }
        if (parent.files != null) c.files = parent.files.fork();
        Ptrace.cloned(parent, c, traceEvent);
        startCloned(c, frame, childSp, childTls, setTls);
        Ptrace.cloneStop(parent, traceEvent, c.pid);
        if (vfork) {
            while (c.borrowedMm) parent.vforkDone.sleep(executor, Executor.NO_DEADLINE, false);
        }
        return c.pid;
    }

    /** A vfork child stops using its parent's space (at execve or exit); the parent goes on. */
    public static void releaseVfork(Process c) {
        if (!c.borrowedMm) return;
        c.borrowedMm = false;
        if (c.parent != null) c.parent.vforkDone.wakeAll(executor);
    }

    /**
     * clone(2) with CLONE_THREAD: a new thread in {@code caller}'s group,
     * sharing its memory, files and signal dispositions, starting from the
     * caller's registers with 0 in x0, the stack pointer {@code stack} and,
     * with {@code setTls}, TPIDR_EL0 {@code tls}. Returns the new thread's id,
     * or -EAGAIN without one or when the group is ending.
     */
    public static int spawnThread(Process caller, long frame, long stack, long tls, boolean setTls) {
        Process leader = caller.leader;
        // A group being ended (exit_group, a fatal signal, another thread's execve) gets no new threads: one would run
        // user code until its first trap. Linux's copy_process refuses too, for the kill pending on the caller.
        if (caller.groupExiting()) return -Errno.EAGAIN;
        int tid = pids.allocCyclic();
        if (tid < 0) return -Errno.EAGAIN;
        Process t = new Process(tid, null, caller.mm, caller.comm);
        t.leader = leader;
        t.files = caller.files;
        t.signals = caller.signals.forNewThread();
        t.pgid = caller.pgid;
        t.sid = caller.sid;
        t.exePath = caller.exePath;
        t.argv = caller.argv;
        t.envp = caller.envp;
        t.startTicks = ClockTicks.sinceBoot();
        t.cpuMask = caller.cpuMask;
        t.nice = caller.nice;
        t.startFrame = Kmem.newLongs(UserFrame.BYTES / 8);
        byPid[tid] = t;
        created++;
        lastPid = tid;
        t.nextThread = leader.nextThread;
        leader.nextThread = t;
        leader.liveThreads++;
        Ptrace.cloned(caller, t, Ptrace.EVENT_CLONE);
        startCloned(t, frame, stack, tls, setTls);
        return tid;
    }

    /** A clone's first user state: the caller's registers at {@code frame}, 0 in x0, clone's stack and TLS when given. */
    private static void startCloned(Process c, long frame, long sp, long tls, boolean setTls) {
        long f = UserFrame.address(c.startFrame);
        UserFrame.copy(f, frame);
        UserFrame.setX(f, 0, 0);
        if (sp != 0) UserFrame.set(f, UserFrame.SP, sp);
        if (setTls) UserFrame.set(f, UserFrame.TPIDR, tls);
        startThread(c);
    }

    /**
     * exit_group(2), and a fatal signal's end: every other thread of the group
     * is stopped at its next return to user mode (a sleep ends at once), and
     * the group's wait status is {@code waitStatus}. Never returns.
     */
    @Async
    public static void exitGroup(Process p, int waitStatus) {
        Ptrace.exitStop(p, waitStatus);
        Process leader = p.leader;
        if (!leader.groupExiting || leader.execThread != null) {
            // An execve ending the other threads loses to exit_group: it fails, and its thread ends with the rest.
            if (leader.execThread != null) {
                leader.execThread = null;
                leader.threadsEnded.wakeAll(executor);
            }
            leader.groupExiting = true;
            leader.groupStatus = waitStatus;
            interruptOthers(p);
        }
        exit(p, leader.groupStatus);
    }

    /**
     * The thread of {@code p}'s group to wake for a signal sent to the whole
     * process (Linux's complete_signal): {@code p} itself unless it blocks
     * {@code sig}, else the first live thread that does not; null when every
     * thread blocks it (it waits, pending, until one unblocks it).
     */
    public static Process threadAccepting(Process p, int sig) {
        if (!p.signals().blocks(sig)) return p;
        Process leader = p.leader;
        for (Process t = leader; t != null; t = t == leader ? leader.nextThread : t.nextThread) {
            if (t.state == Process.LIVE && !t.signals().blocks(sig)) return t;
        }
        return null;
    }

    /** Ends the interruptible sleeps of every thread of {@code p}'s group but {@code p}, so each comes back to user mode's doorstep. */
    private static void interruptOthers(Process p) {
        Process leader = p.leader;
        for (Process t = leader; t != null; t = t == leader ? leader.nextThread : t.nextThread) {
            if (t != p && t.task != null && t.state == Process.LIVE) executor.interrupt(t.task);
        }
    }

    /**
     * execve(2)'s de_thread (fs/exec.c): every other thread of {@code p}'s
     * group ends at its next return to user mode without running more of its
     * program (sleepers are interrupted), and {@code p} waits until they have.
     * A thread that is not the leader then takes the leader's place, as
     * Linux exchanges their pids: the group keeps its pid, parent, children,
     * group, session, limits and /proc entry, the thread brings its task and
     * its own state, and its thread id is freed (the old leader is released
     * without a word to the parent). Returns the process that goes on, or
     * null when exit_group or another execve is ending the group (-EAGAIN;
     * the caller ends at its return to user mode).
     */
    @Async
    public static Process endOtherThreads(Process p) {
        Process leader = p.leader;
        if (p == leader && leader.liveThreads == 1) return p;
        if (leader.groupExiting) return null;
        if (leader.liveThreads > 1) {
            leader.groupExiting = true;
            leader.groupStatus = 0;
            leader.execThread = p;
            interruptOthers(p);
            while (leader.liveThreads > 1 && leader.execThread == p) leader.threadsEnded.sleep(executor, Executor.NO_DEADLINE, false);
            if (leader.execThread != p) return null;
            leader.execThread = null;
            leader.groupExiting = false;
        }
        if (p == leader) return p;
        Task task = p.task;
        leader.task = task;
        task.setOwner(leader);
        long[] frame = leader.startFrame;
        leader.startFrame = p.startFrame;
        p.startFrame = frame;
        leader.clearChildTid = p.clearChildTid;
        leader.robustList = p.robustList;
        leader.nextThread = null; // p was the only other thread left
        p.task = null;
        p.state = Process.ZOMBIE;
        reap(p);
        return leader;
    }

    /**
     * The running thread ends (_exit(2)): its clear_child_tid word is zeroed
     * and woken; when it is its group's last thread, the process ends with
     * {@code waitStatus} (or exit_group's): its memory goes, its children
     * pass to init, its parent is told. Never returns.
     */
    @Async
    public static void exit(Process p, int waitStatus) {
        if (p.clearChildTid != 0 && p.mm != null) {
            // CLONE_CHILD_CLEARTID / set_tid_address: 0 at the address, then a wake for whoever joins (man 2 set_tid_address).
            if (UserCopy.store32(p.mm, p.clearChildTid, 0) == 0) Futexes.wake(p, p.clearChildTid, 1);
        }
        CpuTimes.threadEnded(p);
        UserFrame.fpChanged(p.userFrame); // its stack goes: the FP/SIMD registers must not be saved into it later
        Process leader = p.leader;
        leader.liveThreads--;
        if (leader.execThread != null && leader.liveThreads == 1) leader.threadsEnded.wakeAll(executor);
        if (p != leader) {
            Process prev = leader;
            while (prev.nextThread != p) prev = prev.nextThread;
            prev.nextThread = p.nextThread;
            p.state = Process.ZOMBIE;
            reap(p);
        }
        if (leader.liveThreads > 0) {
            if (p == leader) p.task = null; // the group goes on; the leader's slot waits for its last thread
            StackContinuations.exitRunning();
        }
        endGroup(leader, leader.groupExiting ? leader.groupStatus : waitStatus);
        StackContinuations.exitRunning();
    }

    /** The last thread of {@code p}'s group has ended: the process ends with {@code waitStatus}. */
    @Async
    private static void endGroup(Process p, int waitStatus) {
        p.waitStatus = waitStatus;
        UserAddressSpace mm = p.mm;
        if (mm != null) p.maxRssKb = mm.residentPages() * 4;
        p.mm = null;
        if (p.borrowedMm) releaseVfork(p); // the space is the vfork parent's: it stays
        else if (mm != null) mm.destroy();
        if (p.files != null) p.files.fds.closeAll();
        p.files = null;
        Process init = byPid[1];
        Process c = p.firstChild;
        while (c != null) {
            Process next = c.nextSibling;
            c.parent = init;
            if (init != null && init != p) {
                c.nextSibling = init.firstChild;
                init.firstChild = c;
                if (c.state == Process.ZOMBIE) init.childEvents.wakeAll(executor);
            }
            c = next;
        }
        p.firstChild = null;
        if (p.realTimer != null) p.realTimer.set(0, 0);
        PtraceAttach.tracerEnded(p);
        p.state = Process.ZOMBIE;
        ControllingTerminal.sessionLeaderExited(p); // after its files, as do_exit's disassociate_ctty(1)
        if (!PtraceAttach.endGoesToTracer(p)) tellParentOfEnd(p);
        if (p.pid == 1 && initEnded != null) initEnded.run();
    }

    /** SIGCHLD and a wake for the parent of a process that has ended (for a traced one, once its tracer has seen the end). */
    static void tellParentOfEnd(Process p) {
        if (p.parent != null) {
            int waitStatus = p.waitStatus;
            boolean killed = (waitStatus & 0x7f) != 0;
            Signals.send(p.parent, Signals.SIGCHLD, killed ? Signals.CLD_KILLED : Signals.CLD_EXITED, p.pid, killed ? waitStatus & 0x7f : waitStatus >> 8, 0);
            p.parent.childEvents.wakeAll(executor);
        }
        else if (p.pid != 1) reap(p); // nobody will wait for it; its status stays readable on the object
    }

    /**
     * wait4(2) and waitid(2)'s work: a child of {@code caller}'s process that
     * matches {@code pid} (> 0 that one, -1 any, 0 the caller's process group,
     * < -1 the group -pid) and has a change the {@code options} ask for gives
     * its pid and its wait status in {@code status[0]}: an end (WEXITED), and
     * the child is reaped unless {@code keep} (WNOWAIT); a stop (WUNTRACED) or
     * a continue (WCONTINUED), each reported once ({@link JobControl}). 0 with
     * WNOHANG when none has changed yet; -ECHILD when none matches.
     */
    @Async
    public static int waitChild(Process caller, int pid, int options, int[] status, boolean keep) {
        Process parent = caller.leader;
        int group = pid == 0 ? parent.pgid : -pid;
        int interrupted = 0;
        while (true) {
            boolean any = false;
            Process prev = null;
            for (Process c = parent.firstChild; c != null; prev = c, c = c.nextSibling) {
                if (pid > 0 ? c.pid != pid : pid != -1 && c.pgid != group) continue;
                any = true;
                if (c.state == Process.ZOMBIE && c.traced() && c.trace.tracer != parent) continue; // its tracer hears of its end first
                if (c.state != Process.ZOMBIE) {
                    int report = JobControl.takeWaitReport(c, options, keep);
                    if (report == 0) continue;
                    status[0] = report;
                    return c.pid;
                }
                if ((options & WEXITED) == 0) continue;
                status[0] = c.waitStatus;
                if (keep) return c.pid;
                CpuTimes.childReaped(parent, c);
                parent.childrenMaxRssKb = Math.max(parent.childrenMaxRssKb, Math.max(c.maxRssKb, c.childrenMaxRssKb));
                if (prev == null) parent.firstChild = c.nextSibling;
                else prev.nextSibling = c.nextSibling;
                reap(c);
                return c.pid;
            }
            // The tracer's side (ptrace(2)): its tracees' stops and ends, whoever their parent is.
            int traced = PtraceAttach.takeReport(parent, pid, group, status, keep);
            if (traced > 0) return traced;
            if (!any && traced < 0) return -Errno.ECHILD;
            if ((options & WNOHANG) != 0) return 0;
            if (interrupted < 0) return interrupted;
            // A signal ends the sleep, but the children are looked at once more first: the SIGCHLD that
            // comes with a child's change must not hide the change (Linux's do_wait rescans after a wake).
            interrupted = parent.childEvents.sleep(executor, Executor.NO_DEADLINE, true);
        }
    }

    private static void reap(Process c) {
        PtraceAttach.reaped(c);
        c.signals.discardAll(c.leader == c); // a thread's own; the leader goes last, and the process's with it
        if (c.leader == c) {
            ProcFiles.reaped(c);
            live--;
        }
        c.state = Process.REAPED;
        byPid[c.pid] = null;
        pids.free(c.pid);
        Kmem.free(c.startFrame);
        c.startFrame = null;
    }
}
