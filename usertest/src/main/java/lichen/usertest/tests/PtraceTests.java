package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Ptrace;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.SyscallNumbers;
import lichen.usertest.sys.WaitStatus;

/**
 * ptrace(2) as strace uses it: the stops a tracer's
 * wait4 reports (a signal-delivery-stop of SIGSTOP after PTRACE_TRACEME or
 * PTRACE_ATTACH, system-call stops after PTRACE_SYSCALL with arm64's x7 at 0
 * on entry and 1 on exit, PTRACE_EVENT_FORK and the new child's first stop,
 * PTRACE_EVENT_STOP after PTRACE_INTERRUPT), the registers and system-call
 * information a stopped tracee shows (GETREGSET, GET_SYSCALL_INFO,
 * NT_ARM_SYSTEM_CALL set to -1 to skip a call), its memory (PEEKDATA,
 * POKEDATA), and DETACH, KILL and the errors. strace's own start and
 * the exec and exit events are PtraceEventTests'; process_vm_readv, which
 * strace reads strings with, is ProcessVmTests'.
 */
public final class PtraceTests {
    private PtraceTests() {}

    private static final int TRAP_SYSGOOD = 0x7f | (Signals.SIGTRAP | 0x80) << 8;

    public static void register(TestList list) {
        list.add("ptrace_traceme_sigstop_stop_seen_by_parent_wait4", PtraceTests::traceMe);
        list.add("ptrace_syscall_entry_exit_stops_regset_and_syscall_info", PtraceTests::syscallStops);
        list.add("ptrace_skip_syscall_by_nt_arm_system_call_minus_one", PtraceTests::skipSyscall);
        list.add("ptrace_peekdata_pokedata_and_errors", PtraceTests::peekPoke);
        list.add("ptrace_o_tracefork_event_geteventmsg_and_child_traced", PtraceTests::traceFork);
        list.add("ptrace_detach_resumes_tracee", PtraceTests::detach);
        list.add("ptrace_attach_then_kill_and_errors", PtraceTests::attachKill);
        list.add("ptrace_seize_interrupt_event_stop_then_detach", PtraceTests::seizeInterrupt);
    }

    /** A child that asks to be traced and stops itself with SIGSTOP, then runs {@code then}; its exit status is what then returns. */
    private static long tracedChild(Processes.ChildWork then) {
        long pid = Processes.fork();
        if (pid == 0) {
            if (Ptrace.ptrace(Ptrace.TRACEME, 0, 0, 0) != 0) {
                Processes.childExit(90);
            }
            Linux.kill(Linux.getpid(), Signals.SIGSTOP);
            long[] r = then.run();
            Processes.childExit((int) r[0]);
        }
        return pid;
    }

    /** wait4(pid, __WALL): the status, or the failure recorded and -1. */
    private static int waitFor(Check c, long pid, String what) {
        int[] status = new int[1];
        if (!c.returned(pid, Linux.wait4(pid, status, Ptrace.WALL), "wait4 " + what)) {
            return -1;
        }
        return status[0];
    }

    private static boolean expectStatus(Check c, long pid, int expected, String what) {
        int st = waitFor(c, pid, what);
        return st != -1 && c.isTrue(st == expected, what + ": expected status 0x" + Integer.toHexString(expected) + ", got "
                                                     + WaitStatus.describe(st));
    }

    /** Lets a tracee run to its end, suppressing the signals it stops for; its final wait status. */
    private static int runToEnd(Check c, long pid) {
        for (int i = 0; i < 100; i++) {
            int st = waitFor(c, pid, "for the tracee's end");
            if (st == -1 || !WaitStatus.stopped(st)) {
                return st;
            }
            Ptrace.ptrace(Ptrace.CONT, pid, 0, 0);
        }
        return -1;
    }

    private static void expectExit(Check c, long pid, int code) {
        int st = runToEnd(c, pid);
        c.isTrue(WaitStatus.exited(st) && WaitStatus.exitStatus(st) == code,
                 "the tracee's end: expected exit " + code + ", got " + WaitStatus.describe(st));
    }

    /** Kills and reaps a tracee after a failure, so no test leaves one behind. */
    private static void cleanUp(long pid) {
        Linux.kill(pid, Signals.SIGKILL);
        Linux.wait4(pid, null, Ptrace.WALL);
    }

    /**
     * PTRACE_TRACEME: the parent traces the child; its SIGSTOP is a
     * signal-delivery-stop the parent's plain wait4 reports (0x137f, no
     * WUNTRACED needed); GETSIGINFO shows the signal's siginfo; CONT with
     * signal 0 suppresses it and the child goes on to its exit.
     */
    private static void traceMe(Check c) {
        long pid = tracedChild(() -> new long[] {5});
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        if (!expectStatus(c, pid, 0x7f | Signals.SIGSTOP << 8, "the SIGSTOP stop")) {
            cleanUp(pid);
            return;
        }
        byte[] info = new byte[Signals.SIGINFO_SIZE];
        if (c.returned(0, Ptrace.ptrace(Ptrace.GETSIGINFO, pid, 0, Ptrace.address(info)), "PTRACE_GETSIGINFO")) {
            c.equal(Signals.SIGSTOP, LittleEndian.u32(info, 0), "si_signo");
            c.equal(Signals.SI_USER, LittleEndian.u32(info, 8), "si_code of kill(2)");
            c.equal(pid, LittleEndian.u32(info, 16), "si_pid: the child sent it to itself");
        }
        c.fails(Errno.EFAULT, Ptrace.ptrace(Ptrace.GETSIGINFO, pid, 0, 0xdead0000L), "PTRACE_GETSIGINFO to a bad pointer");
        c.returned(0, Ptrace.ptrace(Ptrace.CONT, pid, 0, 0), "PTRACE_CONT");
        expectExit(c, pid, 5);
        c.fails(Errno.ESRCH, Ptrace.ptrace(Ptrace.CONT, pid, 0, 0), "PTRACE_CONT once the tracee was reaped");
    }

    /** The registers of a stopped tracee: x[n] from GETREGSET NT_PRSTATUS, or the failure and null. */
    private static byte[] regs(Check c, long pid) {
        byte[] r = new byte[Ptrace.PRSTATUS_SIZE];
        long[] iov = new long[2];
        if (!c.returned(0, Ptrace.regset(Ptrace.GETREGSET, pid, Ptrace.NT_PRSTATUS, r, iov), "PTRACE_GETREGSET NT_PRSTATUS")) {
            return null;
        }
        c.equal(Ptrace.PRSTATUS_SIZE, iov[1], "GETREGSET's iov_len: the size of user_pt_regs");
        return r;
    }

    private static long x(byte[] regs, int n) {
        return LittleEndian.u64(regs, 8 * n);
    }

    /**
     * Resumes with PTRACE_SYSCALL until the entry stop of call {@code nr}
     * (other calls' stops are passed); true when it came. Each stop is
     * SIGTRAP | 0x80 with PTRACE_O_TRACESYSGOOD.
     */
    private static boolean toEntryOf(Check c, long pid, int nr) {
        boolean entry = true;
        for (int i = 0; i < 40; i++) {
            if (!c.returned(0, Ptrace.ptrace(Ptrace.SYSCALL, pid, 0, 0), "PTRACE_SYSCALL")
                || !expectStatus(c, pid, TRAP_SYSGOOD, "a system-call stop")) {
                return false;
            }
            byte[] r = regs(c, pid);
            if (r == null) {
                return false;
            }
            if (!c.equal(entry ? 0 : 1, x(r, 7), "x7 at a system call's " + (entry ? "entry" : "exit"))) {
                return false;
            }
            if (entry && x(r, 8) == nr) {
                return true;
            }
            entry = !entry;
        }
        return c.fail("no entry stop of system call " + nr + " in 40 stops");
    }

    /**
     * PTRACE_SYSCALL: the tracee stops at getppid's entry (x8 its number,
     * x7 0; GET_SYSCALL_INFO op ENTRY with the number; NT_ARM_SYSTEM_CALL
     * the number) and at its exit (x7 1, x0 the result; op EXIT, rval,
     * is_error 0, 33 bytes).
     */
    private static void syscallStops(Check c) {
        long pid = tracedChild(() -> new long[] {Linux.getppid() > 0 ? 0 : 1});
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        if (!expectStatus(c, pid, 0x7f | Signals.SIGSTOP << 8, "the SIGSTOP stop")
            || !c.returned(0, Ptrace.ptrace(Ptrace.SETOPTIONS, pid, 0, Ptrace.O_TRACESYSGOOD), "PTRACE_SETOPTIONS(TRACESYSGOOD)")
            || !toEntryOf(c, pid, SyscallNumbers.GETPPID)) {
            cleanUp(pid);
            return;
        }
        byte[] info = new byte[Ptrace.INFO_ENTRY_SIZE];
        long n = Ptrace.ptrace(Ptrace.GET_SYSCALL_INFO, pid, info.length, Ptrace.address(info));
        if (c.returned(Ptrace.INFO_ENTRY_SIZE, n, "PTRACE_GET_SYSCALL_INFO at the entry")) {
            c.equal(Ptrace.INFO_ENTRY, info[0], "op at the entry");
            c.equal(0xC00000B7L, LittleEndian.u32(info, 4) & 0xffffffffL, "arch AUDIT_ARCH_AARCH64");
            c.equal(SyscallNumbers.GETPPID, LittleEndian.u64(info, 24), "nr");
        }
        byte[] nr = new byte[4];
        long[] iov = new long[2];
        if (c.returned(0, Ptrace.regset(Ptrace.GETREGSET, pid, Ptrace.NT_ARM_SYSTEM_CALL, nr, iov), "GETREGSET NT_ARM_SYSTEM_CALL")) {
            c.equal(SyscallNumbers.GETPPID, LittleEndian.u32(nr, 0), "the system call's number");
        }
        c.fails(Errno.EINVAL, Ptrace.regset(Ptrace.GETREGSET, pid, 0x9999, nr, iov), "GETREGSET of an unknown set");
        c.fails(Errno.EFAULT, Ptrace.ptrace(Ptrace.GETREGSET, pid, Ptrace.NT_PRSTATUS, 0xdead0000L), "GETREGSET with a bad iovec");
        if (c.returned(0, Ptrace.ptrace(Ptrace.SYSCALL, pid, 0, 0), "PTRACE_SYSCALL to the exit")
            && expectStatus(c, pid, TRAP_SYSGOOD, "getppid's exit stop")) {
            byte[] r = regs(c, pid);
            if (r != null) {
                c.equal(1, x(r, 7), "x7 at the exit");
                c.equal(Linux.getpid(), x(r, 0), "x0 at the exit: getppid's result, the tracer's pid");
            }
            n = Ptrace.ptrace(Ptrace.GET_SYSCALL_INFO, pid, info.length, Ptrace.address(info));
            if (c.returned(Ptrace.INFO_EXIT_SIZE, n, "PTRACE_GET_SYSCALL_INFO at the exit")) {
                c.equal(Ptrace.INFO_EXIT, info[0], "op at the exit");
                c.equal(Linux.getpid(), LittleEndian.u64(info, 24), "rval");
                c.equal(0, info[32], "is_error");
            }
        }
        Ptrace.ptrace(Ptrace.CONT, pid, 0, 0);
        expectExit(c, pid, 0);
    }

    /**
     * At a system call's entry stop the tracer sets NT_ARM_SYSTEM_CALL to -1
     * and x0 to a value of its own through SETREGSET: the call is skipped and
     * the program sees that value as its result (arm64 Linux).
     */
    private static void skipSyscall(Check c) {
        long pid = tracedChild(() -> new long[] {Linux.getppid() == 4242 ? 0 : 1});
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        if (!expectStatus(c, pid, 0x7f | Signals.SIGSTOP << 8, "the SIGSTOP stop")
            || !c.returned(0, Ptrace.ptrace(Ptrace.SETOPTIONS, pid, 0, Ptrace.O_TRACESYSGOOD), "PTRACE_SETOPTIONS")
            || !toEntryOf(c, pid, SyscallNumbers.GETPPID)) {
            cleanUp(pid);
            return;
        }
        byte[] r = regs(c, pid);
        long[] iov = new long[2];
        byte[] nr = new byte[4];
        LittleEndian.put32(nr, 0, -1);
        if (r != null) {
            LittleEndian.put64(r, 0, 4242);
            c.returned(0, Ptrace.regset(Ptrace.SETREGSET, pid, Ptrace.NT_PRSTATUS, r, iov), "SETREGSET NT_PRSTATUS (x0 4242)");
        }
        c.returned(0, Ptrace.regset(Ptrace.SETREGSET, pid, Ptrace.NT_ARM_SYSTEM_CALL, nr, iov), "SETREGSET NT_ARM_SYSTEM_CALL -1");
        Ptrace.ptrace(Ptrace.CONT, pid, 0, 0);
        expectExit(c, pid, 0);
    }

    /**
     * PEEKDATA reads a word of the tracee's memory into the tracer's (the
     * kernel's ABI stores it at data), POKEDATA writes one the tracee then
     * sees; an unmapped tracee address is EIO, PEEKUSER is EIO on arm64, and
     * an unknown request is EIO.
     */
    private static void peekPoke(Check c) {
        long[] cell = new long[1];
        long at = Ptrace.address(cell);
        long pid = Processes.fork();
        if (pid == 0) {
            cell[0] = 0x1122334455667788L; // the child's own copy
            if (Ptrace.ptrace(Ptrace.TRACEME, 0, 0, 0) != 0) {
                Processes.childExit(90);
            }
            Linux.kill(Linux.getpid(), Signals.SIGSTOP);
            Processes.childExit(cell[0] == 0xCAFEF00DL ? 0 : 1);
        }
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        if (!expectStatus(c, pid, 0x7f | Signals.SIGSTOP << 8, "the SIGSTOP stop")) {
            cleanUp(pid);
            return;
        }
        long[] word = new long[1];
        if (c.returned(0, Ptrace.ptrace(Ptrace.PEEKDATA, pid, at, Ptrace.address(word)), "PTRACE_PEEKDATA")) {
            c.equal(0x1122334455667788L, word[0], "the word in the tracee (the tracer's own copy holds 0)");
        }
        c.equal(0, cell[0], "the tracer's copy is untouched");
        c.fails(Errno.EIO, Ptrace.ptrace(Ptrace.PEEKDATA, pid, 0, Ptrace.address(word)), "PEEKDATA at address 0");
        c.fails(Errno.EFAULT, Ptrace.ptrace(Ptrace.PEEKDATA, pid, at, 0xdead0000L), "PEEKDATA into a bad pointer");
        c.fails(Errno.EIO, Ptrace.ptrace(Ptrace.PEEKUSER, pid, 0, Ptrace.address(word)), "PEEKUSER (arm64 has none)");
        c.fails(Errno.EIO, Ptrace.ptrace(0x9999, pid, 0, 0), "an unknown request");
        c.returned(0, Ptrace.ptrace(Ptrace.POKEDATA, pid, at, 0xCAFEF00DL), "PTRACE_POKEDATA");
        c.fails(Errno.EIO, Ptrace.ptrace(Ptrace.POKEDATA, pid, 0, 1), "POKEDATA at address 0");
        Ptrace.ptrace(Ptrace.CONT, pid, 0, 0);
        expectExit(c, pid, 0); // 1: the child did not see the poked word
    }

    /**
     * PTRACE_O_TRACEFORK: the tracee's fork stops it at PTRACE_EVENT_FORK
     * (status 0x7f | (SIGTRAP | 1 << 8) << 8), GETEVENTMSG gives the new
     * pid, and the new child is traced from birth: its first stop is a
     * SIGSTOP, and the tracer's wait4 sees its end before its parent does.
     */
    private static void traceFork(Check c) {
        long pid = tracedChild(() -> {
            long child = Processes.fork();
            if (child == 0) {
                Processes.childExit(7);
            }
            int[] st = new int[1];
            Linux.wait4(child, st, 0);
            return new long[] {WaitStatus.exited(st[0]) ? WaitStatus.exitStatus(st[0]) : 99};
        });
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        if (!expectStatus(c, pid, 0x7f | Signals.SIGSTOP << 8, "the SIGSTOP stop")
            || !c.returned(0, Ptrace.ptrace(Ptrace.SETOPTIONS, pid, 0, Ptrace.O_TRACEFORK), "PTRACE_SETOPTIONS(TRACEFORK)")
            || !c.returned(0, Ptrace.ptrace(Ptrace.CONT, pid, 0, 0), "PTRACE_CONT")
            || !expectStatus(c, pid, 0x7f | (Signals.SIGTRAP | Ptrace.EVENT_FORK << 8) << 8, "PTRACE_EVENT_FORK")) {
            cleanUp(pid);
            return;
        }
        long[] msg = new long[1];
        if (!c.returned(0, Ptrace.ptrace(Ptrace.GETEVENTMSG, pid, 0, Ptrace.address(msg)), "PTRACE_GETEVENTMSG")
            || !c.isTrue(msg[0] > 0 && msg[0] != pid, "the event's message is the new pid: " + msg[0])) {
            cleanUp(pid);
            return;
        }
        long grandchild = msg[0];
        if (expectStatus(c, grandchild, 0x7f | Signals.SIGSTOP << 8, "the new child's first stop")) {
            c.returned(0, Ptrace.ptrace(Ptrace.CONT, grandchild, 0, 0), "PTRACE_CONT of the new child");
            int st = runToEnd(c, grandchild);
            c.isTrue(WaitStatus.exited(st) && WaitStatus.exitStatus(st) == 7, "the new child's end, seen by the tracer: " + WaitStatus.describe(st));
        }
        Ptrace.ptrace(Ptrace.CONT, pid, 0, 0);
        expectExit(c, pid, 7); // the tracee's own wait4 got its child's exit status after the tracer did
    }

    /** PTRACE_DETACH: the stopped tracee goes on untraced; the tracer's requests are then ESRCH. */
    private static void detach(Check c) {
        long pid = tracedChild(() -> new long[] {3});
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        if (expectStatus(c, pid, 0x7f | Signals.SIGSTOP << 8, "the SIGSTOP stop")) {
            c.returned(0, Ptrace.ptrace(Ptrace.DETACH, pid, 0, 0), "PTRACE_DETACH");
            int st = waitFor(c, pid, "after the detach");
            c.isTrue(WaitStatus.exited(st) && WaitStatus.exitStatus(st) == 3, "the detached child's end: " + WaitStatus.describe(st));
            c.fails(Errno.ESRCH, Ptrace.ptrace(Ptrace.CONT, pid, 0, 0), "PTRACE_CONT after the detach");
        } else {
            cleanUp(pid);
        }
    }

    /**
     * PTRACE_ATTACH sends SIGSTOP: a signal-delivery-stop; PTRACE_KILL ends
     * the tracee. A child not traced is ESRCH to the other requests; the
     * caller itself is EPERM and a missing pid ESRCH to ATTACH.
     */
    private static void attachKill(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = Processes.forkBlockedReader(hold);
        Linux.close(hold[0]);
        if (c.succeeded(pid, "clone")) {
            c.fails(Errno.ESRCH, Ptrace.ptrace(Ptrace.CONT, pid, 0, 0), "PTRACE_CONT of a child not traced");
            c.fails(Errno.EPERM, Ptrace.ptrace(Ptrace.ATTACH, Linux.getpid(), 0, 0), "PTRACE_ATTACH to the caller itself");
            c.fails(Errno.ESRCH, Ptrace.ptrace(Ptrace.ATTACH, 0x3fff_fff0L, 0, 0), "PTRACE_ATTACH to a missing pid");
            if (c.returned(0, Ptrace.ptrace(Ptrace.ATTACH, pid, 0, 0), "PTRACE_ATTACH")
                && expectStatus(c, pid, 0x7f | Signals.SIGSTOP << 8, "the attach's SIGSTOP")) {
                c.fails(Errno.EPERM, Ptrace.ptrace(Ptrace.ATTACH, pid, 0, 0), "PTRACE_ATTACH to a traced process");
                c.returned(0, Ptrace.ptrace(Ptrace.KILL, pid, 0, 0), "PTRACE_KILL");
                int st = waitFor(c, pid, "after PTRACE_KILL");
                c.isTrue(WaitStatus.signaled(st) && WaitStatus.termSignal(st) == Signals.SIGKILL, "the tracee's end: " + WaitStatus.describe(st));
            } else {
                cleanUp(pid);
            }
        }
        Pipes.close(hold);
    }

    /**
     * PTRACE_SEIZE does not stop the tracee; PTRACE_INTERRUPT does, with
     * PTRACE_EVENT_STOP and SIGTRAP (0x7f | (SIGTRAP | 128 << 8) << 8), where
     * GET_SYSCALL_INFO's op is NONE. After PTRACE_DETACH the read the stop
     * interrupted goes on, to end of file. Unknown options are EIO to SEIZE.
     */
    private static void seizeInterrupt(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(hold[1]);
            byte[] b = new byte[1];
            Processes.childExit(Linux.read(hold[0], b, 0, 1) == 0 ? 0 : 3);
        }
        Linux.close(hold[0]);
        if (c.succeeded(pid, "clone")) {
            c.fails(Errno.EIO, Ptrace.ptrace(Ptrace.SEIZE, pid, 0, 0x8000_0000L), "PTRACE_SEIZE with an unknown option");
            int[] status = new int[1];
            if (c.returned(0, Ptrace.ptrace(Ptrace.SEIZE, pid, 0, 0), "PTRACE_SEIZE")
                && c.returned(0, Linux.wait4(pid, status, Ptrace.WALL | WaitStatus.WNOHANG), "no stop after the seize")
                && c.returned(0, Ptrace.ptrace(Ptrace.INTERRUPT, pid, 0, 0), "PTRACE_INTERRUPT")
                && expectStatus(c, pid, 0x7f | (Signals.SIGTRAP | Ptrace.EVENT_STOP << 8) << 8, "the interrupt's stop")) {
                byte[] info = new byte[Ptrace.INFO_ENTRY_SIZE];
                c.returned(24, Ptrace.ptrace(Ptrace.GET_SYSCALL_INFO, pid, info.length, Ptrace.address(info)), "GET_SYSCALL_INFO's size");
                c.equal(Ptrace.INFO_NONE, info[0], "op at an event stop");
                c.returned(0, Ptrace.ptrace(Ptrace.DETACH, pid, 0, 0), "PTRACE_DETACH");
                Linux.close(hold[1]);
                hold[1] = -1;
                int st = waitFor(c, pid, "for the child's end");
                c.isTrue(WaitStatus.exited(st) && WaitStatus.exitStatus(st) == 0, "the child's end: " + WaitStatus.describe(st) + " (3: its read failed)");
            } else {
                cleanUp(pid);
            }
        }
        Pipes.close(hold);
    }
}
