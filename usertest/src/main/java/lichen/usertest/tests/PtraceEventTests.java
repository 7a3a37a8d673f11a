package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Ptrace;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.SyscallNumbers;
import lichen.usertest.sys.Timespec;
import lichen.usertest.sys.WaitStatus;

/**
 * The ptrace stops strace's start and end go through (ptrace(2)): a traced
 * execve's PTRACE_EVENT_EXEC and the PTRACE_EVENT_EXIT before the end, and
 * PTRACE_SEIZE of a child already in a group-stop, which stops again as a
 * ptrace-stop (PTRACE_EVENT_STOP with SIGSTOP), then PTRACE_LISTEN and the
 * SIGCONT that continues the group: one more PTRACE_EVENT_STOP (SIGTRAP), then
 * SIGCONT's signal-delivery-stop once resumed.
 */
public final class PtraceEventTests {
    private PtraceEventTests() {}

    private static final int EVENT_EXIT = 6;
    private static final int LISTEN = 0x4208;

    public static void register(TestList list) {
        list.add("ptrace_o_traceexec_event_exec_and_event_exit", PtraceEventTests::execAndExit);
        list.add("ptrace_seize_group_stopped_child_listen_and_sigcont", PtraceEventTests::seizeStopped);
        list.add("ptrace_parent_not_tracer_sees_group_stop_kept_after_detach", PtraceEventTests::parentSeesStop);
        list.add("ptrace_interrupted_nanosleep_goes_on_as_restart_syscall", PtraceEventTests::restartSyscall);
    }

    private static int waitFor(Check c, long pid, int options, String what) {
        int[] status = new int[1];
        if (!c.returned(pid, Linux.wait4(pid, status, options), "wait4 " + what)) {
            return -1;
        }
        return status[0];
    }

    private static boolean expectStatus(Check c, long pid, int expected, String what) {
        int st = waitFor(c, pid, Ptrace.WALL, what);
        return st != -1 && c.isTrue(st == expected, what + ": expected status 0x" + Integer.toHexString(expected) + ", got 0x"
                                                     + Integer.toHexString(st) + " (" + WaitStatus.describe(st) + ")");
    }

    private static int event(int sig, int event) {
        return 0x7f | (sig | event << 8) << 8;
    }

    private static long eventMessage(Check c, long pid, String what) {
        long[] msg = new long[1];
        c.returned(0, Ptrace.ptrace(Ptrace.GETEVENTMSG, pid, 0, Ptrace.address(msg)), "PTRACE_GETEVENTMSG " + what);
        return msg[0];
    }

    private static void cleanUp(long pid) {
        Linux.kill(pid, Signals.SIGKILL);
        Linux.wait4(pid, null, Ptrace.WALL);
    }

    /**
     * PTRACE_O_TRACEEXEC: a successful execve stops at PTRACE_EVENT_EXEC (the
     * message is the thread's id from before it); PTRACE_O_TRACEEXIT: the new
     * program's exit_group stops at PTRACE_EVENT_EXIT with the wait status to
     * come as the message (/bin/false: exit 1, 0x100).
     */
    private static void execAndExit(Check c) {
        String[] argv = {"/bin/false"};
        String[] envp = {};
        long pid = Processes.fork();
        if (pid == 0) {
            if (Ptrace.ptrace(Ptrace.TRACEME, 0, 0, 0) != 0) {
                Processes.childExit(90);
            }
            Linux.kill(Linux.getpid(), Signals.SIGSTOP);
            Linux.execve(argv[0], argv, envp);
            Processes.childExit(91);
        }
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        if (!expectStatus(c, pid, 0x7f | Signals.SIGSTOP << 8, "the SIGSTOP stop")
            || !c.returned(0, Ptrace.ptrace(Ptrace.SETOPTIONS, pid, 0, Ptrace.O_TRACEEXEC | 0x40), "PTRACE_SETOPTIONS(TRACEEXEC|TRACEEXIT)")
            || !c.returned(0, Ptrace.ptrace(Ptrace.CONT, pid, 0, 0), "PTRACE_CONT")
            || !expectStatus(c, pid, event(Signals.SIGTRAP, Ptrace.EVENT_EXEC), "PTRACE_EVENT_EXEC")) {
            cleanUp(pid);
            return;
        }
        c.equal(pid, eventMessage(c, pid, "at the exec"), "the exec event's message: the former thread id");
        if (!c.returned(0, Ptrace.ptrace(Ptrace.CONT, pid, 0, 0), "PTRACE_CONT after the exec")
            || !expectStatus(c, pid, event(Signals.SIGTRAP, EVENT_EXIT), "PTRACE_EVENT_EXIT")) {
            cleanUp(pid);
            return;
        }
        c.equal(0x100, eventMessage(c, pid, "at the exit"), "the exit event's message: the wait status (exit 1)");
        c.returned(0, Ptrace.ptrace(Ptrace.CONT, pid, 0, 0), "PTRACE_CONT after the exit event");
        int st = waitFor(c, pid, Ptrace.WALL, "for the end");
        c.isTrue(WaitStatus.exited(st) && WaitStatus.exitStatus(st) == 1, "/bin/false's end: " + WaitStatus.describe(st));
    }

    /**
     * strace's start: the child stops itself (a group-stop its parent sees
     * with WUNTRACED); PTRACE_SEIZE makes it stop again as a ptrace-stop,
     * PTRACE_EVENT_STOP with SIGSTOP; SIGCONT continues the group but not the
     * ptrace-stop; PTRACE_LISTEN then gives PTRACE_EVENT_STOP with SIGTRAP (the
     * group is no longer stopped); once resumed, SIGCONT itself comes as a
     * signal-delivery-stop. LISTEN outside a PTRACE_EVENT_STOP is EIO.
     */
    private static void seizeStopped(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.kill(Linux.getpid(), Signals.SIGSTOP);
            Processes.childExit(4);
        }
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        int st = waitFor(c, pid, WaitStatus.WUNTRACED, "for the group-stop");
        if (!c.isTrue(st == (0x7f | Signals.SIGSTOP << 8), "the group-stop before the seize: " + WaitStatus.describe(st))
            || !c.returned(0, Ptrace.ptrace(Ptrace.SEIZE, pid, 0, 0), "PTRACE_SEIZE of the stopped child")
            || !expectStatus(c, pid, event(Signals.SIGSTOP, Ptrace.EVENT_STOP), "the seized group-stop")) {
            cleanUp(pid);
            return;
        }
        c.returned(0, Linux.kill(pid, Signals.SIGCONT), "kill(SIGCONT)");
        int[] status = new int[1];
        c.returned(0, Linux.wait4(pid, status, Ptrace.WALL | WaitStatus.WNOHANG), "SIGCONT does not end the ptrace-stop");
        if (!c.returned(0, Ptrace.ptrace(LISTEN, pid, 0, 0), "PTRACE_LISTEN")
            || !expectStatus(c, pid, event(Signals.SIGTRAP, Ptrace.EVENT_STOP), "the stop after the continue")) {
            cleanUp(pid);
            return;
        }
        if (!c.returned(0, Ptrace.ptrace(Ptrace.CONT, pid, 0, 0), "PTRACE_CONT")
            || !expectStatus(c, pid, 0x7f | Signals.SIGCONT << 8, "SIGCONT's signal-delivery-stop")) {
            cleanUp(pid);
            return;
        }
        c.fails(Errno.EIO, Ptrace.ptrace(LISTEN, pid, 0, 0), "PTRACE_LISTEN in a signal-delivery-stop");
        c.returned(0, Ptrace.ptrace(Ptrace.CONT, pid, 0, Signals.SIGCONT), "PTRACE_CONT with SIGCONT");
        st = waitFor(c, pid, Ptrace.WALL, "for the end");
        c.isTrue(WaitStatus.exited(st) && WaitStatus.exitStatus(st) == 4, "the child's end: " + WaitStatus.describe(st));
    }

    /**
     * A child traced by another process (its sibling here) still tells its
     * parent of a completed group-stop (Linux's ptrace_stop notifies the real
     * parent too), and when the tracer ends the child stays stopped with its
     * group (__ptrace_detach): the parent's wait4(WUNTRACED) reports the stop;
     * its SIGCONT then lets the child go on.
     */
    private static void parentSeesStop(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long child = Processes.fork();
        if (child == 0) {
            Linux.close(hold[1]);
            byte[] b = new byte[1];
            Processes.childExit(Linux.read(hold[0], b, 0, 1) == 0 ? 0 : 3);
        }
        Linux.close(hold[0]);
        if (!c.succeeded(child, "clone")) {
            Pipes.close(hold);
            return;
        }
        long tracer = Processes.fork();
        if (tracer == 0) {
            int[] st = new int[1];
            if (Ptrace.ptrace(Ptrace.SEIZE, child, 0, 0) != 0) {
                Processes.childExit(10);
            }
            Linux.kill(child, Signals.SIGSTOP);
            if (Linux.wait4(child, st, Ptrace.WALL) != child || st[0] != (0x7f | Signals.SIGSTOP << 8)) {
                Processes.childExit(11); // not SIGSTOP's signal-delivery-stop
            }
            Ptrace.ptrace(Ptrace.CONT, child, 0, Signals.SIGSTOP);
            if (Linux.wait4(child, st, Ptrace.WALL) != child || st[0] != event(Signals.SIGSTOP, Ptrace.EVENT_STOP)) {
                Processes.childExit(12); // not the group-stop's PTRACE_EVENT_STOP
            }
            Processes.childExit(0); // the tracer's end detaches the child, which stays stopped
        }
        if (c.succeeded(tracer, "clone (the tracer)")) {
            int st = waitFor(c, tracer, 0, "for the tracer");
            if (c.isTrue(st == 0, "the tracer: " + WaitStatus.describe(st) + " (10: SEIZE failed; 11, 12: the stops it saw)")) {
                st = waitFor(c, child, WaitStatus.WUNTRACED, "(WUNTRACED) for the traced child's group-stop");
                c.isTrue(st == (0x7f | Signals.SIGSTOP << 8), "the parent's view of the stop: " + WaitStatus.describe(st));
            }
        }
        Linux.kill(child, Signals.SIGCONT);
        Linux.close(hold[1]);
        hold[1] = -1;
        int st = waitFor(c, child, 0, "for the child's end");
        c.isTrue(WaitStatus.exited(st) && WaitStatus.exitStatus(st) == 0, "the child's end: " + WaitStatus.describe(st));
        Pipes.close(hold);
    }

    private static final int ERESTART_RESTARTBLOCK = 516;
    private static final int RESTART_SYSCALL = 128;

    /** The tracee's x0 and x8 at a stop, or null with the failure recorded. */
    private static long[] x0x8(Check c, long pid) {
        byte[] r = new byte[Ptrace.PRSTATUS_SIZE];
        long[] iov = new long[2];
        if (!c.returned(0, Ptrace.regset(Ptrace.GETREGSET, pid, Ptrace.NT_PRSTATUS, r, iov), "GETREGSET")) {
            return null;
        }
        return new long[] {LittleEndian.u64(r, 0), LittleEndian.u64(r, 64)};
    }

    /**
     * A signal ends a relative nanosleep: its exit stop shows
     * -ERESTART_RESTARTBLOCK in x0, then the signal's delivery-stop; with the
     * signal suppressed (no handler runs) the call goes on as
     * restart_syscall(2), which the next entry stop shows in x8 (arm64's
     * setup_restart_syscall), sleeping only what was left.
     */
    private static void restartSyscall(Check c) {
        byte[] req = new Timespec(30, 0).encode();
        long pid = Processes.fork();
        if (pid == 0) {
            if (Ptrace.ptrace(Ptrace.TRACEME, 0, 0, 0) != 0) {
                Processes.childExit(90);
            }
            Linux.kill(Linux.getpid(), Signals.SIGSTOP);
            LinuxSystem.nanosleep(req, null);
            Processes.childExit(0);
        }
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        int sysgood = 0x7f | (Signals.SIGTRAP | 0x80) << 8;
        boolean ok = expectStatus(c, pid, 0x7f | Signals.SIGSTOP << 8, "the SIGSTOP stop")
                     && c.returned(0, Ptrace.ptrace(Ptrace.SETOPTIONS, pid, 0, Ptrace.O_TRACESYSGOOD), "PTRACE_SETOPTIONS");
        long[] regs = null;
        for (int i = 0; ok && i < 40; i++) {
            ok = c.returned(0, Ptrace.ptrace(Ptrace.SYSCALL, pid, 0, 0), "PTRACE_SYSCALL") && expectStatus(c, pid, sysgood, "a system-call stop");
            regs = ok ? x0x8(c, pid) : null;
            if (regs != null && regs[1] == SyscallNumbers.NANOSLEEP) {
                break;
            }
        }
        if (!ok || regs == null || !c.equal(SyscallNumbers.NANOSLEEP, regs[1], "x8 at nanosleep's entry stop")) {
            cleanUp(pid);
            return;
        }
        // The sleep starts; a SIGUSR1 ends it (the tracee is traced, so the signal wakes it even before its delivery).
        if (c.returned(0, Ptrace.ptrace(Ptrace.SYSCALL, pid, 0, 0), "PTRACE_SYSCALL into the sleep")
            && c.returned(0, Linux.kill(pid, Signals.SIGUSR1), "kill(SIGUSR1)")
            && expectStatus(c, pid, sysgood, "nanosleep's exit stop")) {
            regs = x0x8(c, pid);
            if (regs != null) {
                c.equal(-ERESTART_RESTARTBLOCK, regs[0], "x0 at the interrupted nanosleep's exit stop");
            }
            if (c.returned(0, Ptrace.ptrace(Ptrace.SYSCALL, pid, 0, 0), "PTRACE_SYSCALL")
                && expectStatus(c, pid, 0x7f | Signals.SIGUSR1 << 8, "SIGUSR1's signal-delivery-stop")
                && c.returned(0, Ptrace.ptrace(Ptrace.SYSCALL, pid, 0, 0), "PTRACE_SYSCALL, SIGUSR1 suppressed")
                && expectStatus(c, pid, sysgood, "the restarted call's entry stop")) {
                regs = x0x8(c, pid);
                if (regs != null) {
                    c.equal(RESTART_SYSCALL, regs[1], "x8 at the entry stop after the signal: restart_syscall");
                }
            }
        }
        cleanUp(pid);
    }
}
