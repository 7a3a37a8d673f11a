package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.Timespec;

/**
 * Sessions and process groups: setsid(2), getsid(2), setpgid(2) and
 * getpgid(2). The test's own process never changes its session or group:
 * a forked child does, or the test moves its child.
 */
public final class ProcessGroupTests {
    private ProcessGroupTests() {}

    private static final long MISSING_PID = 0x3fff_fff0L;

    public static void register(TestList list) {
        list.add("setsid_child_leads_new_session_and_group", ProcessGroupTests::setsid);
        list.add("setpgid_moves_child_into_own_group", ProcessGroupTests::setpgidChild);
        list.add("setpgid_after_child_execve_eacces", ProcessGroupTests::afterExec);
        list.add("getpgid_getsid_setpgid_errors", ProcessGroupTests::errors);
    }

    /**
     * setsid(2): the caller becomes the leader of a new session and of a new
     * process group, both with its pid as id; a group leader cannot call it
     * again (EPERM). A forked child starts in its parent's group and session.
     */
    private static void setsid(Check c) {
        long parentGroup = Linux.getpgid(0);
        long parentSession = Linux.getsid(0);
        long[] a = Processes.answersFromChild(c, 7, () -> new long[] {
            Linux.getpid(), Linux.getpgid(0), Linux.getsid(0), Linux.setsid(), Linux.getpgid(0), Linux.getsid(0),
            Linux.setsid(),
        });
        if (a == null) {
            return;
        }
        long child = a[0];
        c.equal(parentGroup, a[1], "the child's process group before setsid is its parent's");
        c.equal(parentSession, a[2], "the child's session before setsid is its parent's");
        c.returned(child, a[3], "setsid returns the new session id, the caller's pid");
        c.equal(child, a[4], "getpgid(0) after setsid");
        c.equal(child, a[5], "getsid(0) after setsid");
        c.fails(Errno.EPERM, a[6], "setsid by a process-group leader");
        c.equal(parentGroup, Linux.getpgid(0), "the parent's group is unchanged");
    }

    private static void setpgidChild(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(hold[1]);
            byte[] b = new byte[1];
            Linux.read(hold[0], b, 0, 1);                  // until the parent closes its end
            Processes.childExit(Linux.getpgid(0) == Linux.getpid() ? 0 : 1);
        }
        Linux.close(hold[0]);
        if (c.succeeded(pid, "clone")) {
            c.equal(Linux.getpgid(0), Linux.getpgid(pid), "a new child is in its parent's group");
            c.returned(0, Linux.setpgid(pid, pid), "setpgid(child, child)");
            c.equal(pid, Linux.getpgid(pid), "getpgid(child) after setpgid");
            c.equal(Linux.getsid(0), Linux.getsid(pid), "the child stays in its parent's session");
            c.returned(0, Linux.setpgid(pid, 0), "setpgid(child, 0) names the child's own pid: no change");
            Linux.close(hold[1]);
            c.equal(0, Processes.waitFor(pid), "the child saw itself as its group's leader (status 256: it did not)");
        } else {
            Linux.close(hold[1]);
        }
    }

    /**
     * setpgid(2): EACCES when the child "has already performed an execve".
     * The child execs sh, which waits on a pipe; a close-on-exec pipe tells
     * the parent the exec happened (its read sees EOF).
     */
    private static void afterExec(Check c) {
        int[] hold = Pipes.open(c);
        int[] execd = new int[2];
        if (hold == null || !c.returned(0, Linux.pipe2(execd, Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK), "pipe2(O_NONBLOCK)")) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            if (Linux.dup3(hold[0], 0, 0) != 0) {
                Processes.childExit(126);
            }
            Linux.execve("/bin/sh", new String[] {"sh", "-c", "read x"}, new String[] {"PATH=/usr/bin:/bin"});
            Processes.childExit(127);
        }
        Linux.close(hold[0]);
        Linux.close(execd[1]);
        // Polled, so that a kernel which leaves the descriptor open fails the test instead of hanging it (up to about 5 s).
        byte[] b = new byte[1];
        long n = -Errno.EAGAIN;
        for (int i = 0; i < 5000 && n == -Errno.EAGAIN; i++) {
            n = Linux.read(execd[0], b, 0, 1);
            if (n == -Errno.EAGAIN) {
                LinuxSystem.nanosleep(Timespec.ofNanos(1_000_000L).encode(), null);
            }
        }
        Linux.close(execd[0]);
        if (c.succeeded(pid, "clone")) {
            c.returned(0, n, "EOF on the close-on-exec pipe once the child exec'd");
            c.fails(Errno.EACCES, Linux.setpgid(pid, pid), "setpgid of a child after its execve");
        }
        Linux.close(hold[1]);                              // sh's read sees EOF and it exits
        if (pid > 0) {
            Processes.waitFor(pid);
        }
    }

    private static void errors(Check c) {
        c.fails(Errno.ESRCH, Linux.getpgid(MISSING_PID), "getpgid(a pid that does not exist)");
        c.fails(Errno.ESRCH, Linux.getsid(MISSING_PID), "getsid(a pid that does not exist)");
        c.fails(Errno.ESRCH, Linux.setpgid(MISSING_PID, 0), "setpgid(a pid that does not exist)");
        c.fails(Errno.EINVAL, Linux.setpgid(0, -1), "setpgid(0, -1)");
        c.fails(Errno.ESRCH, Linux.setpgid(1, 0), "setpgid of a process that is not the caller's child");
        c.equal(Linux.getpgid(0), Linux.getpgid(Linux.getpid()), "getpgid(0) is getpgid(own pid)");
        c.equal(Linux.getsid(0), Linux.getsid(Linux.getpid()), "getsid(0) is getsid(own pid)");
    }
}
