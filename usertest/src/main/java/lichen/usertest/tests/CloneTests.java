package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.WaitStatus;

/**
 * clone(2) beyond the plain fork of ProcessTests: the exit signal that the
 * low byte of the flags names (SIGCHLD), clone3, and vfork(2), which is
 * clone(CLONE_VM | CLONE_VFORK | SIGCHLD). A vfork child shares the
 * parent's memory and stack, so it runs only {@link Linux#vforkThen}'s
 * system calls and never returns into Java code.
 */
public final class CloneTests {
    private CloneTests() {}

    /** 2020-01-01T00:00:00Z in seconds: a CLOCK_REALTIME stamp after this was written by a clock. */
    private static final long YEAR_2020 = 1_577_836_800L;

    public static void register(TestList list) {
        list.add("clone_exit_signal_sigchld_pending_while_blocked", CloneTests::sigchldPending);
        list.add("clone_vfork_child_shares_memory_parent_waits", CloneTests::vforkSharesMemory);
        list.add("clone_vfork_then_execve_bin_true", CloneTests::vforkExec);
        list.add("clone3_forks_or_enosys", CloneTests::clone3);
    }

    /**
     * clone(SIGCHLD)'s child sends SIGCHLD when it ends. Its default action
     * is to ignore it, but a blocked signal is never discarded: it stays
     * pending (signal(7), sigpending(2)). A forked process starts with no
     * pending signals (fork(2)).
     */
    private static void sigchldPending(Check c) {
        long bit = Signals.bit(Signals.SIGCHLD);
        long[] old = new long[1];
        if (!c.returned(0, Linux.rt_sigprocmask(Signals.SIG_BLOCK, new long[] {bit}, old), "rt_sigprocmask(SIG_BLOCK, SIGCHLD)")) {
            return;
        }
        long[] pending = {-1};
        if (c.returned(0, Linux.rt_sigpending(pending), "rt_sigpending")) {
            c.equal(0, pending[0], "pending signals before any child ended");
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.childExit(0);
        }
        if (c.succeeded(pid, "clone(SIGCHLD)")) {
            c.equal(0, Processes.waitFor(pid), "the child's status");
            if (c.returned(0, Linux.rt_sigpending(pending), "rt_sigpending after the child ended")) {
                c.equal(bit, pending[0] & bit, "SIGCHLD is pending (set: 0x" + Long.toHexString(pending[0]) + ")");
            }
        }
        c.returned(0, Linux.rt_sigprocmask(Signals.SIG_SETMASK, old, null), "rt_sigprocmask(SIG_SETMASK, the old mask)");
    }

    /**
     * vfork(2): "the child shares all memory with its parent", and "the calling
     * thread is suspended until the child terminates". The child writes the
     * time into the parent's array and exits 9; the parent, once resumed, finds
     * the time already there.
     */
    private static void vforkSharesMemory(Check c) {
        long[] stamp = new long[2];
        long pid = Linux.vforkThen(Linux.address(stamp), 0, 0, 0, 9);
        long seen = stamp[0];
        if (c.succeeded(pid, "vfork")) {
            c.isTrue(seen > YEAR_2020, "the child's clock_gettime into shared memory was there when vfork returned: " + seen);
            long status = Processes.waitFor(pid);
            c.isTrue(status >= 0 && WaitStatus.exited((int) status) && WaitStatus.exitStatus((int) status) == 9,
                     "the vfork child's status: expected exited 9, got " + WaitStatus.describe((int) status));
        }
    }

    /** The use vfork is made for: the child execs at once; the parent resumes and reaps it. */
    private static void vforkExec(Check c) {
        long path = Linux.address(CString.of("/bin/true"));
        long argv = Linux.pointerArray(new String[] {"true"});
        long envp = Linux.pointerArray(new String[] {"PATH=/usr/bin:/bin"});
        long[] stamp = new long[2];
        long pid = Linux.vforkThen(Linux.address(stamp), path, argv, envp, 127);
        if (c.succeeded(pid, "vfork")) {
            long status = Processes.waitFor(pid);
            c.isTrue(status >= 0 && WaitStatus.exited((int) status) && WaitStatus.exitStatus((int) status) == 0,
                     "/bin/true after vfork: expected exited 0 (127: execve failed), got " + WaitStatus.describe((int) status));
        }
    }

    /**
     * clone3(2) with exit_signal SIGCHLD and no flags is a fork. A kernel may
     * answer ENOSYS instead (glibc then falls back to clone), and the test
     * accepts that; one that has clone3 must check its size (EINVAL below
     * CLONE_ARGS_SIZE_VER0, 64 bytes) and its exit signal.
     */
    private static void clone3(Check c) {
        long[] args = new long[8];
        args[4] = Signals.SIGCHLD;                         // exit_signal
        System.out.flush();
        long pid = Linux.clone3(args, 64);
        if (pid == -Errno.ENOSYS) {
            return;
        }
        if (pid == 0) {
            Processes.childExit(5);
        }
        if (c.succeeded(pid, "clone3(exit_signal SIGCHLD)")) {
            c.equal(5 << 8, Processes.waitFor(pid), "the clone3 child's wait status (exited 5)");
        }
        c.fails(Errno.EINVAL, Linux.clone3(args, 32), "clone3(size 32)");
        args[4] = 0x100;
        c.fails(Errno.EINVAL, Linux.clone3(args, 64), "clone3(exit_signal 256)");
    }
}
