package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.RawMemory;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Timespec;
import lichen.usertest.sys.WaitStatus;

/**
 * How children end and what wait4 and waitid report: wait4(2) (the status
 * macros of wait(2)), waitid(2), exit(2), exit_group(2), getppid(2) after
 * the parent died. The basic
 * cases (one exit status, WNOHANG, ECHILD, SIGKILL) are in ProcessTests.
 */
public final class WaitTests {
    private WaitTests() {}

    public static void register(TestList list) {
        list.add("wait4_exit_status_keeps_low_eight_bits", WaitTests::lowEightBits);
        list.add("wait4_specific_pid_among_children", WaitTests::specificPid);
        list.add("wait4_child_fault_reported_as_sigsegv", WaitTests::faultIsSigsegv);
        list.add("wait4_sigterm_reported_as_signaled", WaitTests::sigterm);
        list.add("getppid_orphan_is_reparented", WaitTests::orphan);
        list.add("exit_ends_single_threaded_process", WaitTests::exitCall);
        list.add("waitid_exited_child_siginfo", WaitTests::waitidExited);
        list.add("waitid_wnowait_leaves_child_waitable", WaitTests::waitidNoWait);
        list.add("waitid_killed_child_wnohang_and_errors", WaitTests::waitidKilled);
    }

    /** exit_group(2): "the value status & 0xFF is returned to the parent" (exit(3)). */
    private static void lowEightBits(Check c) {
        int[] codes = {0, 1, 255, 256 + 3, 1000};
        for (int code : codes) {
            long pid = Processes.fork();
            if (pid == 0) {
                Processes.childExit(code);
            }
            if (!c.succeeded(pid, "clone")) {
                return;
            }
            int[] status = new int[1];
            if (c.returned(pid, Linux.wait4(pid, status, 0), "wait4")) {
                c.isTrue(WaitStatus.exited(status[0]), "exit_group(" + code + "): WIFEXITED: " + WaitStatus.describe(status[0]));
                c.equal(code & 0xff, WaitStatus.exitStatus(status[0]), "WEXITSTATUS after exit_group(" + code + ")");
            }
        }
    }

    /**
     * wait4(pid > 0) waits for that child only: a finished second child is
     * reported while the first still runs, and wait4(-1) then gets the first.
     */
    private static void specificPid(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long first = Processes.fork();
        if (first == 0) {
            Linux.close(hold[1]);
            byte[] b = new byte[1];
            Linux.read(hold[0], b, 0, 1);                  // returns 0 when the parent closes its end
            Processes.childExit(11);
        }
        Linux.close(hold[0]);
        long second = Processes.fork();
        if (second == 0) {
            Processes.childExit(22);
        }
        if (c.succeeded(first, "clone (first)") && c.succeeded(second, "clone (second)")) {
            int[] status = new int[1];
            if (c.returned(second, Linux.wait4(second, status, 0), "wait4(second child)")) {
                c.equal(22, WaitStatus.exitStatus(status[0]), "the second child's exit status");
            }
            c.returned(0, Linux.wait4(first, status, WaitStatus.WNOHANG), "wait4(first, WNOHANG) while it runs");
            c.fails(Errno.ECHILD, Linux.wait4(second, status, 0), "wait4(second) once it was reaped");
            Linux.close(hold[1]);
            if (c.returned(first, Linux.wait4(-1, status, 0), "wait4(-1) gets the first child")) {
                c.equal(11, WaitStatus.exitStatus(status[0]), "the first child's exit status");
            }
            c.fails(Errno.ECHILD, Linux.wait4(-1, status, WaitStatus.WNOHANG), "wait4(-1) with no children left");
        } else {
            Linux.close(hold[1]);
            Linux.wait4(-1, null, 0);
        }
    }

    /**
     * A load from a page that was unmapped faults in user mode: the default
     * action of SIGSEGV ends the child, and wait4 says so (signal(7)).
     */
    private static void faultIsSigsegv(Check c) {
        long a = Linux.mmap(0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(a, "mmap") || !c.returned(0, Linux.munmap(a, Mman.PAGE_SIZE), "munmap")) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            int v = RawMemory.load8(a + 100);
            Processes.childExit(v == 0 ? 3 : 4);           // the load did not fault
        }
        Processes.expectKilledBy(c, pid, Signals.SIGSEGV, "a load from an unmapped page");
    }

    private static void sigterm(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = Processes.forkBlockedReader(hold);
        if (c.succeeded(pid, "clone")) {
            c.returned(0, Linux.kill(pid, Signals.SIGTERM), "kill(SIGTERM)");
            Linux.close(hold[1]);                          // should kill fail, the child sees EOF: a failure, not a hang
            hold[1] = -1;
            Processes.expectKilledBy(c, pid, Signals.SIGTERM, "SIGTERM's default action");
        }
        Pipes.close(hold);
    }

    /**
     * When a parent exits, its children are reparented to the nearest
     * subreaper or to init (prctl(2) PR_SET_CHILD_SUBREAPER, wait(2)): the
     * orphan's getppid changes from its dead parent to that process.
     */
    private static void orphan(Check c) {
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        long middle = Processes.fork();
        if (middle == 0) {
            long self = Linux.getpid();
            long orphan = Processes.fork();
            if (orphan == 0) {
                byte[] ids = new byte[16];
                long ppid = Linux.getppid();
                // Wait (up to about 5 s) for the parent's exit to reparent this process.
                for (int i = 0; i < 5000 && ppid == self; i++) {
                    LinuxSystem.nanosleep(new Timespec(0, 1_000_000).encode(), null);
                    ppid = Linux.getppid();
                }
                LittleEndian.put64(ids, 0, self);
                LittleEndian.put64(ids, 8, ppid);
                Linux.write(p[1], ids, 0, 16);
                Processes.childExit(0);
            }
            Processes.childExit(orphan > 0 ? 0 : 1);
        }
        Linux.close(p[1]);
        if (c.succeeded(middle, "clone")) {
            c.equal(0, Processes.waitFor(middle), "the middle child's status (1: its fork failed)");
            byte[] ids = new byte[16];
            if (c.returned(16, Files.readFully(p[0], ids, 16), "the orphan's report")) {
                long before = LittleEndian.u64(ids, 0);
                long after = LittleEndian.u64(ids, 8);
                c.equal(middle, before, "the orphan's parent was the middle child");
                c.isTrue(after > 0 && after != middle, "the orphan's getppid after its parent exited: " + after);
            }
        }
        Linux.close(p[0]);
    }

    /** exit(2) ends the calling thread; the last thread's status is the process's. */
    private static void exitCall(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.exit(6);
        }
        if (c.succeeded(pid, "clone")) {
            c.equal(6 << 8, Processes.waitFor(pid), "the wait status after exit(6) (exited 6)");
        }
    }

    /** siginfo_t's int at {@code offset}. */
    private static int field(byte[] info, int offset) {
        return LittleEndian.u32(info, offset);
    }

    /**
     * waitid(2) fills a siginfo_t: si_signo SIGCHLD, si_code CLD_EXITED, si_pid
     * the child, si_status its exit status; it returns 0.
     */
    private static void waitidExited(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.childExit(42);
        }
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        byte[] info = new byte[Signals.SIGINFO_SIZE];
        if (c.returned(0, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WEXITED), "waitid(P_PID, child, WEXITED)")) {
            c.equal(Signals.SIGCHLD, field(info, 0), "si_signo");
            c.equal(Signals.CLD_EXITED, field(info, 8), "si_code");
            c.equal(pid, field(info, 16), "si_pid");
            c.equal(Linux.getuid(), field(info, 20), "si_uid");
            c.equal(42, field(info, 24), "si_status");
        }
        c.fails(Errno.ECHILD, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WEXITED), "waitid after the child was reaped");
    }

    /** waitid(2) WNOWAIT: "leave the child in a waitable state; a later wait call can be used to again retrieve" it. */
    private static void waitidNoWait(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.childExit(7);
        }
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        byte[] info = new byte[Signals.SIGINFO_SIZE];
        if (c.returned(0, Linux.waitid(WaitStatus.P_ALL, 0, info, WaitStatus.WEXITED | WaitStatus.WNOWAIT), "waitid(P_ALL, WNOWAIT)")) {
            c.equal(pid, field(info, 16), "si_pid");
            c.equal(7, field(info, 24), "si_status");
        }
        int[] status = new int[1];
        if (c.returned(pid, Linux.wait4(pid, status, 0), "wait4 after waitid(WNOWAIT)")) {
            c.equal(7, WaitStatus.exitStatus(status[0]), "the exit status");
        }
    }

    private static void waitidKilled(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = Processes.forkBlockedReader(hold);
        if (c.succeeded(pid, "clone")) {
            byte[] info = new byte[Signals.SIGINFO_SIZE];
            java.util.Arrays.fill(info, (byte) -1);
            // With WNOHANG and nothing to report, Linux zeroes the siginfo (waitid(2) NOTES).
            c.returned(0, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WEXITED | WaitStatus.WNOHANG),
                       "waitid(WNOHANG) while the child runs");
            c.equal(0, field(info, 16), "si_pid after a WNOHANG that found nothing");
            c.returned(0, Linux.kill(pid, Signals.SIGKILL), "kill(SIGKILL)");
            Linux.close(hold[1]);                          // should kill fail, the child sees EOF: a failure, not a hang
            hold[1] = -1;
            if (c.returned(0, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WEXITED), "waitid(P_PID, killed child)")) {
                c.equal(Signals.CLD_KILLED, field(info, 8), "si_code");
                c.equal(Signals.SIGKILL, field(info, 24), "si_status holds the signal");
            }
        }
        Pipes.close(hold);
        byte[] info = new byte[Signals.SIGINFO_SIZE];
        c.fails(Errno.EINVAL, Linux.waitid(WaitStatus.P_ALL, 0, info, 0), "waitid without WEXITED, WSTOPPED or WCONTINUED");
        c.fails(Errno.EINVAL, Linux.waitid(99, 0, info, WaitStatus.WEXITED), "waitid(idtype 99)");
        c.fails(Errno.ECHILD, Linux.waitid(WaitStatus.P_ALL, 0, info, WaitStatus.WEXITED), "waitid(P_ALL) without children");
    }
}
