package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.SyscallNumbers;
import lichen.usertest.sys.Timespec;
import lichen.usertest.sys.WaitStatus;

/**
 * execve(2) from a process of several threads: "all threads other than the
 * calling thread are destroyed during an execve()" and, when the caller is
 * not the leader, it takes the thread group's id (execve(2), "Effect on
 * process attributes"; fs/exec.c de_thread). A forked process makes threads
 * that block in read(2) on a pipe nobody writes, the leader blocks there too,
 * and one thread (or the leader) runs {@code sh -c '[ $$ = PID ] && exit 42'}:
 * the parent's wait4 sees exit 42 from the pid it forked only when the exec
 * ended every other thread and the shell's getpid is that pid.
 */
public final class ExecThreadTests {
    private ExecThreadTests() {}

    /** The forked process's exit when it came back from its blocking read: the exec did not end it. */
    private static final int LEADER_WOKE = 9;

    public static void register(TestList list) {
        list.add("execve_in_leader_ends_other_threads", c -> execWithThreads(c, false));
        list.add("execve_in_thread_ends_others_takes_leader_pid", c -> execWithThreads(c, true));
    }

    private static void execWithThreads(Check c, boolean fromThread) {
        int[] never = Pipes.open(c);
        if (never == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(never[1]);                         // the parent's close is everyone's EOF
            long self = Linux.getpid();
            long path = Linux.address(CString.of("/bin/sh"));
            long argv = Linux.pointerArray(new String[] {"sh", "-c", "[ $$ = " + self + " ] && exit 42; exit 1"});
            long envp = Linux.pointerArray(new String[] {"PATH=/usr/bin:/bin"});
            byte[] buf = new byte[1];
            int[] words = new int[4];
            long base = Linux.address(words);
            long blocked = blockedThread(never[0], buf, base, base + 4);
            if (blocked <= 0) {
                Processes.childExit(LEADER_WOKE + 1);
            }
            if (fromThread) {
                long top = ThreadTests.stack();
                if (top < 0 || Linux.threadThen(ThreadTests.THREAD_FLAGS, top, base + 8, base + 12, SyscallNumbers.EXECVE, path, argv,
                                                envp) <= 0) {
                    Processes.childExit(LEADER_WOKE + 2);
                }
                Linux.read(never[0], buf, 0, 1);
            } else {
                Linux.execve(path, argv, envp);
            }
            Processes.childExit(LEADER_WOKE);
        }
        if (!c.succeeded(pid, "clone")) {
            Pipes.close(never);
            return;
        }
        // Up to about 5 s for the exec and the shell; then the pipe's EOF lets every thread go, so the test fails instead of hanging.
        int[] status = {-1};
        long r = 0;
        for (int i = 0; i < 500 && r == 0; i++) {
            LinuxSystem.nanosleep(Timespec.ofNanos(10_000_000L).encode(), null);
            r = Linux.wait4(pid, status, WaitStatus.WNOHANG);
        }
        Pipes.close(never);
        if (r == 0) {
            r = Linux.wait4(pid, status, 0);
        }
        if (c.returned(pid, r, "wait4 for the forked pid")) {
            c.isTrue(WaitStatus.exited(status[0]) && WaitStatus.exitStatus(status[0]) == 42,
                     "expected exit 42 (sh's $$ is the old pid), got " + WaitStatus.describe(status[0])
                     + " (exit 1: another pid; " + LEADER_WOKE + ": the exec left the leader running; "
                     + (LEADER_WOKE + 1) + ", " + (LEADER_WOKE + 2) + ": no thread)");
        }
    }

    /** A thread blocked in read(fd) until EOF; its tid, or a negative errno. */
    private static long blockedThread(int fd, byte[] buf, long ptid, long ctid) {
        long top = ThreadTests.stack();
        if (top < 0) {
            return top;
        }
        return Linux.threadThen(ThreadTests.THREAD_FLAGS, top, ptid, ctid, SyscallNumbers.READ, fd, Linux.address(buf), 1);
    }
}
