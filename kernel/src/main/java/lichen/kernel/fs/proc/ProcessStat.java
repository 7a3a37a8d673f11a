package lichen.kernel.fs.proc;

import lichen.kernel.proc.CpuTimes;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.ResourceLimits;
import lichen.kernel.signal.SignalState;
import lichen.kernel.tty.ControllingTerminal;
import lichen.kernel.tty.Terminal;
import lichen.libkernel.async.Task;

/**
 * /proc/PID/stat and /proc/PID/task/TID/stat: one line of 52 fields, as
 * Linux 6.x's do_task_stat prints them (man 5 proc, fs/proc/array.c). The
 * process's file counts the whole thread group (its CPU time, its threads);
 * a thread's counts that thread. Fields Lichen has no figure for are 0 as
 * Linux prints them when it has none: the major fault counts (no fault
 * waits for a disk), kstkesp/kstkeip, nswap, the delay accounting and guest times.
 */
final class ProcessStat {
    /** PF_RANDOMIZE (every user process: the stack and mmap base are randomised) and PF_FORKNOEXEC (forked, not yet execed). */
    private static final long PF_RANDOMIZE = 0x00400000, PF_FORKNOEXEC = 0x00000040;
    private static final int SIGCHLD = 17;

    private ProcessStat() {}

    /**
     * The state letter (proc(5) field 3): R running or runnable, S asleep
     * and interruptible, D asleep and not, Z a zombie (also a leader whose
     * own thread has ended while others run, as Linux shows it).
     */
    static char state(Process t) {
        if (t.state() != Process.LIVE || t.task() == null) return 'Z';
        Task task = t.task();
        if (task.isRunning() || task.state() == Task.RUNNABLE) return 'R';
        return task.isInterruptible() ? 'S' : 'D';
    }

    /** State with its word, as status prints it. */
    static String stateName(char s) {
        return switch (s) {
            case 'R' -> "R (running)";
            case 'D' -> "D (disk sleep)";
            case 'Z' -> "Z (zombie)";
            default -> "S (sleeping)";
        };
    }

    /** The stat line of thread {@code t}; {@code whole}: the thread group's (/proc/PID/stat) rather than the thread's. */
    static void render(StringBuilder out, Process t, boolean whole) {
        Process p = t.leader();
        long user = whole ? CpuTimes.groupUser(t) : CpuTimes.threadUser(t);
        long total = whole ? CpuTimes.groupTotal(t) : CpuTimes.threadTotal(t);
        ProcessMemory m = ProcessMemory.of(p.mm(), p.exePath());
        int nice = t.nice();
        SignalState sig = t.signals();
        long flags = PF_RANDOMIZE | (p.hasExeced() ? 0 : PF_FORKNOEXEC);
        out.append(t.pid()).append(" (").append(t.comm()).append(") ").append(state(t));
        field(out, p.ppid());
        field(out, p.pgid());
        field(out, p.sid());
        Terminal tty = ControllingTerminal.of(p);
        field(out, tty == null ? 0 : tty.deviceNumber()); // tty_nr (new_encode_dev: minors here are below 256)
        field(out, tty == null ? -1 : tty.foreground()); // tpgid: the controlling terminal's foreground group, -1 without one
        field(out, flags);
        field(out, whole ? CpuTimes.groupFaults(t) : CpuTimes.threadFaults(t)); // minflt
        field(out, whole ? CpuTimes.childrenFaults(p) : 0); // cminflt
        field(out, 0); // majflt: no fault waits for a disk
        field(out, 0); // cmajflt
        field(out, CpuTimes.ticks(user));
        field(out, CpuTimes.ticks(total - user));
        field(out, whole ? CpuTimes.ticks(CpuTimes.childrenUser(p)) : 0);
        field(out, whole ? CpuTimes.ticks(CpuTimes.childrenTotal(p) - CpuTimes.childrenUser(p)) : 0);
        field(out, 20 + nice); // priority: the nice value plus 20 for SCHED_OTHER
        field(out, nice);
        field(out, p.liveThreads());
        field(out, 0); // itrealvalue: always 0 since Linux 2.6.17
        field(out, t.startTicks());
        field(out, m.sizePages * 4096);
        field(out, m.residentPages);
        out.append(' ').append(Long.toUnsignedString(ResourceLimits.of(p)[2 * ResourceLimits.RLIMIT_RSS]));
        UserAddressSpace mm = p.mm(); // a zombie has none: its addresses read 0, as Linux's
        field(out, mm == null ? 0 : mm.startCode());
        field(out, mm == null ? 0 : mm.endCode());
        field(out, mm == null ? 0 : mm.startStack());
        field(out, 0); // kstkesp
        field(out, 0); // kstkeip
        field(out, sig.pending());
        field(out, sig.blocked());
        field(out, ignored(sig));
        field(out, caught(sig));
        field(out, state(t) == 'R' || state(t) == 'Z' ? 0 : 1); // wchan: 1 for a sleeping thread, as Linux 5.16+ prints it
        field(out, 0); // nswap
        field(out, 0); // cnswap
        field(out, t == p ? SIGCHLD : -1); // exit_signal: a process's parent gets SIGCHLD; a thread signals nobody
        field(out, 0); // processor: user threads run on CPU 0
        field(out, 0); // rt_priority
        field(out, 0); // policy: SCHED_OTHER
        field(out, 0); // delayacct_blkio_ticks
        field(out, 0); // guest_time
        field(out, 0); // cguest_time
        field(out, mm == null ? 0 : mm.startData());
        field(out, mm == null ? 0 : mm.endData());
        field(out, mm == null ? 0 : mm.brkStart());
        field(out, mm == null ? 0 : mm.argStart());
        field(out, mm == null ? 0 : mm.argEnd());
        field(out, mm == null ? 0 : mm.envStart());
        field(out, mm == null ? 0 : mm.envEnd());
        field(out, 0); // exit_code: reported only for an exiting thread
        out.append('\n');
    }

    /**
     * /proc/PID/statm: size resident shared text lib data dt, in pages (proc(5));
     * lib and dt are 0 as in Linux since 2.6.
     */
    static void statm(StringBuilder out, Process t) {
        Process p = t.leader();
        ProcessMemory m = ProcessMemory.of(p.mm(), p.exePath());
        out.append(m.sizePages).append(' ').append(m.residentPages).append(' ').append(m.filePages).append(' ')
                .append(m.textPages).append(" 0 ").append(m.dataPages + m.stackPages).append(" 0\n");
    }

    /** The signals whose disposition is SIG_IGN, as a bit mask (bit sig-1). */
    static long ignored(SignalState s) {
        long mask = 0;
        for (int sig = 1; sig <= SignalState.NSIG; sig++) if (s.handler(sig) == SignalState.SIG_IGN) mask |= SignalState.bit(sig);
        return mask;
    }

    /** The signals with a handler. */
    static long caught(SignalState s) {
        long mask = 0;
        for (int sig = 1; sig <= SignalState.NSIG; sig++) if (s.handler(sig) > SignalState.SIG_IGN) mask |= SignalState.bit(sig);
        return mask;
    }

    private static void field(StringBuilder out, long v) { out.append(' ').append(v); }
}
