package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.SiginfoRecorder;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.WaitStatus;

/**
 * Job control without a terminal (signal(7) "Stop" and "Cont", wait4(2)'s
 * WUNTRACED and WCONTINUED, waitid(2)'s WSTOPPED): a stop signal's default
 * action stops the child, SIGCONT continues it, the parent hears of each
 * once through wait and through SIGCHLD (CLD_STOPPED, CLD_CONTINUED) unless
 * SA_NOCLDSTOP; SIGKILL ends a stopped child; pending stop signals and
 * SIGCONT discard each other; SIGTSTP does nothing in an orphaned group.
 * The children block in read(2) on a pipe while they are stopped and exit 0
 * at its end of file: a stop and continue must restart the read, not fail it
 * with EINTR (exit 3).
 */
public final class StopTests {
    private StopTests() {}

    public static void register(TestList list) {
        list.add("wait4_wuntraced_reports_sigstop_once_wcontinued_sigcont", StopTests::stopAndContinue);
        list.add("sigchld_siginfo_cld_stopped_and_cld_continued", c -> sigchldReports(c, 0));
        list.add("sa_nocldstop_no_sigchld_for_stop_and_continue", c -> sigchldReports(c, Signals.SA_NOCLDSTOP));
        list.add("sigkill_ends_stopped_child", StopTests::killStopped);
        list.add("sigcont_and_stop_signals_discard_each_other_pending", StopTests::discardEachOther);
        list.add("waitid_wstopped_wnowait_and_wcontinued_siginfo", StopTests::waitidStopped);
        list.add("sigtstp_sigttin_sigttou_stop_child_in_own_group", StopTests::terminalStops);
        list.add("sigtstp_dropped_in_orphaned_group_sigstop_not", StopTests::orphaned);
        list.add("sigcont_handler_runs_after_the_continue", StopTests::contHandler);
    }

    /**
     * A child blocked reading {@code hold[0]}: exits 0 at end of file, 3 when
     * the read failed (a stop's EINTR seen by the program). The parent's end is
     * {@code hold[1]}; closing it ends the child.
     */
    private static long reader(int[] hold) {
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(hold[1]);
            byte[] b = new byte[1];
            long n = Linux.read(hold[0], b, 0, 1);
            Processes.childExit(n == 0 ? 0 : 3);
        }
        return pid;
    }

    /** wait4(pid, options): the status, or the failure recorded and -1. */
    private static int waitFor(Check c, long pid, int options, String what) {
        int[] status = new int[1];
        if (!c.returned(pid, Linux.wait4(pid, status, options), what)) {
            return -1;
        }
        return status[0];
    }

    private static boolean expectStopped(Check c, long pid, int sig, String what) {
        int st = waitFor(c, pid, WaitStatus.WUNTRACED, "wait4(WUNTRACED) " + what);
        return st != -1 && c.isTrue(st == (0x7f | sig << 8) && WaitStatus.stopped(st) && WaitStatus.stopSignal(st) == sig,
                                    what + ": expected WIFSTOPPED with WSTOPSIG " + sig + ", got " + WaitStatus.describe(st));
    }

    private static boolean expectContinued(Check c, long pid, String what) {
        int st = waitFor(c, pid, WaitStatus.WCONTINUED, "wait4(WCONTINUED) " + what);
        return st != -1 && c.isTrue(WaitStatus.continued(st), what + ": expected WIFCONTINUED (0xffff), got " + WaitStatus.describe(st));
    }

    /** Ends the reader (end of file) and checks it exited 0: its read went on across the stop. */
    private static void finish(Check c, long pid, int[] hold) {
        Linux.close(hold[1]);
        hold[1] = -1;
        int st = waitFor(c, pid, 0, "wait4 for the reader's end");
        c.isTrue(st == 0, "the reader's end: " + WaitStatus.describe(st) + " (exit 3: its read failed instead of going on)");
    }

    private static void stopAndContinue(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = reader(hold);
        Linux.close(hold[0]);
        if (c.succeeded(pid, "clone")) {
            int[] status = new int[1];
            c.returned(0, Linux.kill(pid, Signals.SIGSTOP), "kill(SIGSTOP)");
            if (expectStopped(c, pid, Signals.SIGSTOP, "after SIGSTOP")) {
                c.returned(0, Linux.wait4(pid, status, WaitStatus.WUNTRACED | WaitStatus.WNOHANG), "a stop is reported once");
                c.returned(0, Linux.kill(pid, 0), "kill(stopped child, 0): it exists");
                c.returned(0, Linux.wait4(pid, status, WaitStatus.WNOHANG), "wait4 without WUNTRACED ignores a stopped child");
            }
            c.returned(0, Linux.kill(pid, Signals.SIGCONT), "kill(SIGCONT)");
            if (expectContinued(c, pid, "after SIGCONT")) {
                c.returned(0, Linux.wait4(pid, status, WaitStatus.WCONTINUED | WaitStatus.WNOHANG), "a continue is reported once");
                c.returned(0, Linux.wait4(pid, status, WaitStatus.WUNTRACED | WaitStatus.WNOHANG), "a continued child is no longer stopped");
            }
            finish(c, pid, hold);
        }
        Pipes.close(hold);
    }

    /**
     * The parent's SIGCHLD handler sees CLD_STOPPED with si_status SIGSTOP
     * and CLD_CONTINUED with si_status SIGCONT, each with the child's pid
     * (sigaction(2)); with SA_NOCLDSTOP neither comes, and the child's end
     * still does (CLD_KILLED). wait4 is not failed by the handler: it finds
     * the change that woke it (no SA_RESTART is asked for).
     */
    private static void sigchldReports(Check c, long extraFlags) {
        long[] rec = SiginfoRecorder.make(c);
        if (rec == null) {
            return;
        }
        long results = rec[0];
        if (!c.returned(0, Linux.rt_sigaction(Signals.SIGCHLD, SiginfoRecorder.action(rec[1], Signals.SA_SIGINFO | extraFlags), null),
                        "rt_sigaction(SIGCHLD, the recorder)")) {
            return;
        }
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = reader(hold);
        Linux.close(hold[0]);
        boolean quiet = extraFlags == Signals.SA_NOCLDSTOP;
        if (c.succeeded(pid, "clone")) {
            Linux.kill(pid, Signals.SIGSTOP);
            if (expectStopped(c, pid, Signals.SIGSTOP, "after SIGSTOP")) {
                if (quiet) {
                    c.equal(0, SiginfoRecorder.recorded(results), "SIGCHLDs after the stop, with SA_NOCLDSTOP");
                } else if (c.equal(1, SiginfoRecorder.recorded(results), "SIGCHLDs after the stop")) {
                    c.equal(Signals.SIGCHLD, SiginfoRecorder.field(results, 0, 3), "si_signo");
                    c.equal(Signals.CLD_STOPPED, SiginfoRecorder.field(results, 0, 0), "si_code of the stop");
                    c.equal(pid, SiginfoRecorder.field(results, 0, 1), "si_pid of the stop");
                    c.equal(Signals.SIGSTOP, SiginfoRecorder.field(results, 0, 2), "si_status of the stop");
                }
            }
            Linux.kill(pid, Signals.SIGCONT);
            if (expectContinued(c, pid, "after SIGCONT")) {
                if (quiet) {
                    c.equal(0, SiginfoRecorder.recorded(results), "SIGCHLDs after the continue, with SA_NOCLDSTOP");
                } else if (c.equal(2, SiginfoRecorder.awaitRecords(results, 2), "SIGCHLDs after the continue")) {
                    c.equal(Signals.CLD_CONTINUED, SiginfoRecorder.field(results, 1, 0), "si_code of the continue");
                    c.equal(pid, SiginfoRecorder.field(results, 1, 1), "si_pid of the continue");
                    c.equal(Signals.SIGCONT, SiginfoRecorder.field(results, 1, 2), "si_status of the continue");
                }
            }
            Linux.kill(pid, Signals.SIGKILL);
            int st = waitFor(c, pid, 0, "wait4 after SIGKILL");
            c.isTrue(WaitStatus.signaled(st) && WaitStatus.termSignal(st) == Signals.SIGKILL, "the child's end: " + WaitStatus.describe(st));
            int n = SiginfoRecorder.recorded(results);
            if (c.equal(quiet ? 1 : 3, n, "SIGCHLDs after the child's end")) {
                c.equal(Signals.CLD_KILLED, SiginfoRecorder.field(results, n - 1, 0), "si_code of the end");
                c.equal(Signals.SIGKILL, SiginfoRecorder.field(results, n - 1, 2), "si_status of the end");
            }
        }
        Linux.rt_sigaction(Signals.SIGCHLD, SiginfoRecorder.action(Signals.SIG_DFL, 0), null);
        Pipes.close(hold);
    }

    /** signal(7): SIGKILL cannot be stopped; it ends a stopped process. */
    private static void killStopped(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = reader(hold);
        Linux.close(hold[0]);
        if (c.succeeded(pid, "clone")) {
            Linux.kill(pid, Signals.SIGSTOP);
            if (expectStopped(c, pid, Signals.SIGSTOP, "after SIGSTOP")) {
                c.returned(0, Linux.kill(pid, Signals.SIGTERM), "kill(SIGTERM) of the stopped child");
                int[] status = new int[1];
                c.returned(0, Linux.wait4(pid, status, WaitStatus.WNOHANG), "SIGTERM waits, pending, while the child is stopped");
                c.returned(0, Linux.kill(pid, Signals.SIGKILL), "kill(SIGKILL) of the stopped child");
                int st = waitFor(c, pid, 0, "wait4 after SIGKILL");
                c.isTrue(WaitStatus.signaled(st) && WaitStatus.termSignal(st) == Signals.SIGKILL,
                         "the stopped child's end: expected SIGKILL, got " + WaitStatus.describe(st));
            } else {
                Linux.kill(pid, Signals.SIGKILL);
                Linux.wait4(pid, null, 0);
            }
        }
        Pipes.close(hold);
    }

    /**
     * signal(7): "when a stop signal is generated, any pending SIGCONT is
     * discarded; when SIGCONT is generated, any pending stop signal is
     * discarded", even while they are blocked. The child blocks them and
     * reports what is pending after each of the parent's kills.
     */
    private static void discardEachOther(Check c) {
        int[] go = Pipes.open(c);
        int[] answer = Pipes.open(c);
        if (go == null || answer == null) {
            return;
        }
        long blocked = Signals.bit(Signals.SIGTSTP) | Signals.bit(Signals.SIGTTOU) | Signals.bit(Signals.SIGCONT);
        int[] kills = {0, Signals.SIGTSTP, Signals.SIGCONT, Signals.SIGTTOU};
        long[] expected = {0, Signals.bit(Signals.SIGTSTP), Signals.bit(Signals.SIGCONT), Signals.bit(Signals.SIGTTOU)};
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.rt_sigprocmask(Signals.SIG_BLOCK, new long[] {blocked}, null);
            Linux.setpgid(0, 0); // a group of its own, not orphaned: a stop signal let through would stop it
            byte[] b = new byte[8];
            for (int step = 0; step < kills.length; step++) {
                long[] pending = new long[1];
                if (step > 0 && Linux.read(go[0], b, 0, 1) != 1) {
                    Processes.childExit(2);
                }
                Linux.rt_sigpending(pending);
                LittleEndian.put64(b, 0, pending[0]);
                Linux.write(answer[1], b, 0, 8);
            }
            Processes.childExit(0);
        }
        if (c.succeeded(pid, "clone")) {
            byte[] b = new byte[8];
            for (int step = 0; step < kills.length; step++) {
                if (step > 0) {
                    Linux.kill(pid, kills[step]);
                    Linux.write(go[1], b, 0, 1);
                }
                if (!c.returned(8, Linux.read(answer[0], b, 0, 8), "the child's pending set (step " + step + ")")) {
                    break;
                }
                c.equal(expected[step], LittleEndian.u64(b, 0) & blocked,
                        step == 0 ? "pending at first" : "pending (blocked) after kill(" + kills[step] + ")");
            }
            int st = waitFor(c, pid, 0, "wait4 for the child");
            c.isTrue(st == 0, "the child: " + WaitStatus.describe(st));
        }
        Pipes.close(go);
        Pipes.close(answer);
    }

    /**
     * waitid(2) with WSTOPPED: si_code CLD_STOPPED, si_status the signal, the
     * child's pid; WNOWAIT leaves the stop to be reported again; once taken,
     * WNOHANG finds nothing (si_pid 0). WCONTINUED: CLD_CONTINUED, SIGCONT.
     */
    private static void waitidStopped(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = reader(hold);
        Linux.close(hold[0]);
        if (c.succeeded(pid, "clone")) {
            Linux.kill(pid, Signals.SIGSTOP);
            byte[] info = new byte[Signals.SIGINFO_SIZE];
            if (c.returned(0, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WSTOPPED | WaitStatus.WNOWAIT), "waitid(WSTOPPED|WNOWAIT)")) {
                expectInfo(c, info, pid, Signals.CLD_STOPPED, Signals.SIGSTOP, "WNOWAIT");
            }
            info = new byte[Signals.SIGINFO_SIZE];
            if (c.returned(0, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WSTOPPED | WaitStatus.WNOHANG), "waitid(WSTOPPED) again")) {
                expectInfo(c, info, pid, Signals.CLD_STOPPED, Signals.SIGSTOP, "after WNOWAIT");
            }
            info = new byte[Signals.SIGINFO_SIZE];
            LittleEndian.put32(info, 16, 12345);
            if (c.returned(0, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WSTOPPED | WaitStatus.WNOHANG), "waitid(WSTOPPED|WNOHANG) a third time")) {
                c.equal(0, LittleEndian.u32(info, 16), "si_pid once the stop was reported");
            }
            c.fails(Errno.EINVAL, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WNOHANG), "waitid without WEXITED, WSTOPPED or WCONTINUED");
            Linux.kill(pid, Signals.SIGCONT);
            info = new byte[Signals.SIGINFO_SIZE];
            if (c.returned(0, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WCONTINUED), "waitid(WCONTINUED)")) {
                expectInfo(c, info, pid, Signals.CLD_CONTINUED, Signals.SIGCONT, "WCONTINUED");
            }
            finish(c, pid, hold);
        }
        Pipes.close(hold);
    }

    private static void expectInfo(Check c, byte[] info, long pid, int code, int status, String what) {
        c.equal(Signals.SIGCHLD, LittleEndian.u32(info, 0), what + ": si_signo");
        c.equal(code, LittleEndian.u32(info, 8), what + ": si_code");
        c.equal(pid, LittleEndian.u32(info, 16), what + ": si_pid");
        c.equal(status, LittleEndian.u32(info, 24), what + ": si_status");
    }

    /**
     * SIGTSTP, SIGTTIN and SIGTTOU stop by default like SIGSTOP (signal(7))
     * when the group is not orphaned: the child moves to a group of its own
     * (its parent, outside it and in the same session, keeps it from being
     * orphaned) and sends each to itself; the parent continues it each time.
     */
    private static void terminalStops(Check c) {
        int[] sigs = {Signals.SIGTSTP, Signals.SIGTTIN, Signals.SIGTTOU};
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.setpgid(0, 0);
            for (int sig : sigs) {
                Linux.kill(Linux.getpid(), sig);
            }
            Processes.childExit(7);
        }
        if (c.succeeded(pid, "clone")) {
            for (int sig : sigs) {
                if (!expectStopped(c, pid, sig, "after the child's kill(self, " + sig + ")")) {
                    Linux.kill(pid, Signals.SIGKILL);
                    break;
                }
                Linux.kill(pid, Signals.SIGCONT);
            }
            int st = waitFor(c, pid, 0, "wait4 for the child's end");
            c.isTrue(WaitStatus.exited(st) && WaitStatus.exitStatus(st) == 7, "the child's end: " + WaitStatus.describe(st));
        }
    }

    /**
     * An orphaned process group (the child's own session: no parent outside
     * the group in the session) ignores the terminal stops' default action,
     * as Linux does (is_current_pgrp_orphaned), so SIGTSTP does nothing;
     * SIGSTOP still stops.
     */
    private static void orphaned(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.setsid();
            Linux.kill(Linux.getpid(), Signals.SIGTSTP);
            Linux.kill(Linux.getpid(), Signals.SIGTTIN);
            Linux.kill(Linux.getpid(), Signals.SIGSTOP);
            Processes.childExit(5);
        }
        if (c.succeeded(pid, "clone")) {
            if (!expectStopped(c, pid, Signals.SIGSTOP, "in an orphaned group (SIGTSTP and SIGTTIN came first and did nothing)")) {
                Linux.kill(pid, Signals.SIGKILL);
            }
            Linux.kill(pid, Signals.SIGCONT);
            int st = waitFor(c, pid, 0, "wait4 for the child's end");
            c.isTrue(WaitStatus.exited(st) && WaitStatus.exitStatus(st) == 5, "the child's end: " + WaitStatus.describe(st));
        }
    }

    /**
     * SIGCONT with a handler: the continue happens when it is sent, then the
     * handler runs in the continued child (signal(7)); it sees SI_USER and the
     * sender's pid. When the stop came in the child's read, the handler
     * interrupts it (no SA_RESTART: EINTR, exit 3); when it came just before,
     * the read ends at end of file (exit 4).
     */
    private static void contHandler(Check c) {
        long[] rec = SiginfoRecorder.make(c);
        int[] hold = Pipes.open(c);
        int[] ready = Pipes.open(c);
        if (rec == null || hold == null || ready == null) {
            return;
        }
        long results = rec[0];
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(hold[1]);
            byte[] b = new byte[1];
            Linux.rt_sigaction(Signals.SIGCONT, SiginfoRecorder.action(rec[1], Signals.SA_SIGINFO), null);
            Linux.write(ready[1], b, 0, 1);
            long n = Linux.read(hold[0], b, 0, 1);
            Linux.read(hold[0], b, 0, 1); // no end before the parent has seen the continue: it closes hold[1] after
            Processes.childExit(n == -Errno.EINTR ? 3 : 4);
        }
        Linux.close(hold[0]);
        byte[] b = new byte[1];
        if (c.succeeded(pid, "clone") && c.returned(1, Linux.read(ready[0], b, 0, 1), "the child's word that its handler is set")) {
            Linux.kill(pid, Signals.SIGSTOP);
            if (expectStopped(c, pid, Signals.SIGSTOP, "after SIGSTOP")) {
                c.equal(0, SiginfoRecorder.recorded(results), "SIGCONT handler runs before any SIGCONT");
                Linux.kill(pid, Signals.SIGCONT);
                expectContinued(c, pid, "after SIGCONT");
            }
            Linux.close(hold[1]);
            hold[1] = -1;
            int st = waitFor(c, pid, 0, "wait4 for the child's end");
            boolean ended = WaitStatus.exited(st) && (WaitStatus.exitStatus(st) == 3 || WaitStatus.exitStatus(st) == 4);
            if (c.isTrue(ended, "the child's end: " + WaitStatus.describe(st) + " (3 or 4: its read was interrupted or ended)")
                && c.equal(1, SiginfoRecorder.recorded(results), "SIGCONT handler runs")) {
                c.equal(Signals.SIGCONT, SiginfoRecorder.field(results, 0, 3), "si_signo");
                c.equal(Signals.SI_USER, SiginfoRecorder.field(results, 0, 0), "si_code");
                c.equal(Linux.getpid(), SiginfoRecorder.field(results, 0, 1), "si_pid: the sender");
            }
        }
        Pipes.close(hold);
        Pipes.close(ready);
    }
}
