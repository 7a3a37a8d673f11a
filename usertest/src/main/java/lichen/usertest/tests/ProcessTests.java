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
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Stat;
import lichen.usertest.sys.WaitStatus;

/**
 * clone (fork form), wait4, kill, getpid and friends: clone(2), wait4(2),
 * kill(2), getpid(2), set_tid_address(2), getuid(2), getresuid(2),
 * setuid(2), getgroups(2), set_robust_list(2), personality(2). A forked child never
 * returns into the runner: it ends with exit_group, its answer in the status.
 */
public final class ProcessTests {
    private ProcessTests() {}

    public static void register(TestList list) {
        list.add("clone_fork_pids_and_getppid", ProcessTests::forkPids);
        list.add("wait4_exit_status", ProcessTests::waitExitStatus);
        list.add("clone_fork_memory_is_a_copy", ProcessTests::forkMemoryCopy);
        list.add("wait4_no_children_echild", ProcessTests::waitNoChildren);
        list.add("wait4_wnohang_running_child", ProcessTests::waitNoHang);
        list.add("wait4_bad_status_pointer_efault", ProcessTests::waitBadPointer);
        list.add("kill_sigkill_reported_by_wait4", ProcessTests::killChild);
        list.add("kill_bad_signal_einval_missing_pid_esrch", ProcessTests::killErrors);
        list.add("set_tid_address_returns_tid", ProcessTests::setTidAddress);
        list.add("getuid_family_matches_file_owner", ProcessTests::uids);
        list.add("getresuid_getresgid_setuid_to_own_ids", ProcessTests::resuid);
        list.add("kill_zero_finds_zombie_until_reaped", ProcessTests::zombie);
        list.add("set_robust_list_recorded_bad_length_einval", ProcessTests::robustList);
        list.add("personality_query_is_per_linux", ProcessTests::personality);
    }

    private static void forkPids(Check c) {
        long parent = Linux.getpid();
        int[] p = Pipes.open(c);
        if (p == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            byte[] ids = new byte[16];
            LittleEndian.put64(ids, 0, Linux.getpid());
            LittleEndian.put64(ids, 8, Linux.getppid());
            Linux.write(p[1], ids, 0, 16);
            Processes.childExit(0);
        }
        Linux.close(p[1]);
        if (c.succeeded(pid, "clone(SIGCHLD)")) {
            c.isTrue(pid > 0 && pid != parent, "the child's pid " + pid + " differs from the parent's " + parent);
            byte[] ids = new byte[16];
            if (c.returned(16, Files.readFully(p[0], ids, 16), "read the child's ids")) {
                c.equal(pid, LittleEndian.u64(ids, 0), "the child's getpid is what clone returned");
                c.equal(parent, LittleEndian.u64(ids, 8), "the child's getppid is the parent's getpid");
            }
            c.returned(pid, Linux.wait4(pid, null, 0), "wait4");
        }
        Linux.close(p[0]);
    }

    private static void waitExitStatus(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.childExit(37);
        }
        if (c.succeeded(pid, "clone")) {
            int[] status = new int[1];
            if (c.returned(pid, Linux.wait4(pid, status, 0), "wait4")) {
                c.isTrue(WaitStatus.exited(status[0]), "WIFEXITED: " + WaitStatus.describe(status[0]));
                c.equal(37, WaitStatus.exitStatus(status[0]), "WEXITSTATUS");
            }
        }
    }

    private static void forkMemoryCopy(Check c) {
        int[] go = Pipes.open(c);
        if (go == null) {
            return;
        }
        long[] value = {1111};
        long pid = Processes.fork();
        if (pid == 0) {
            long seen = value[0];
            value[0] = 2222;
            byte[] b = new byte[1];
            Linux.read(go[0], b, 0, 1);                    // wait until the parent has written its copy
            Processes.childExit(seen == 1111 && value[0] == 2222 ? 0 : 1);
        }
        value[0] = 3333;
        Linux.write(go[1], new byte[] {1}, 0, 1);
        Pipes.close(go);
        if (c.succeeded(pid, "clone")) {
            long status = Processes.waitFor(pid);
            c.equal(0, status, "the child saw its own copy (status 1: the parent's store leaked in)");
            c.equal(3333, value[0], "the parent kept its own value");
        }
    }

    private static void waitNoChildren(Check c) {
        int[] status = new int[1];
        c.fails(Errno.ECHILD, Linux.wait4(-1, status, 0), "wait4(-1) without children");
        c.fails(Errno.ECHILD, Linux.wait4(1, status, 0), "wait4(1), not a child");
        c.fails(Errno.EINVAL, Linux.wait4(-1, status, 0x7000_0000), "wait4 with unknown options");
    }

    private static void waitNoHang(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.close(hold[1]);
            byte[] b = new byte[1];
            long n = Linux.read(hold[0], b, 0, 1);          // blocks until the parent closes its end
            Processes.childExit(n == 0 ? 5 : 6);
        }
        Linux.close(hold[0]);
        if (c.succeeded(pid, "clone")) {
            int[] status = new int[1];
            c.returned(0, Linux.wait4(pid, status, WaitStatus.WNOHANG), "wait4(WNOHANG) while the child runs");
            Linux.close(hold[1]);
            if (c.returned(pid, Linux.wait4(pid, status, 0), "wait4 after the child saw EOF")) {
                c.equal(5, WaitStatus.exitStatus(status[0]), "exit status (5: EOF seen, 6: data)");
            }
        } else {
            Linux.close(hold[1]);
        }
    }

    private static void waitBadPointer(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.childExit(0);
        }
        if (c.succeeded(pid, "clone")) {
            c.fails(Errno.EFAULT, Linux.wait4(pid, 0xdead0000L, 0, 0), "wait4(status=0xdead0000)");
            // Linux reaps the child before it fails to store the status, so it is gone now.
            c.fails(Errno.ECHILD, Linux.wait4(pid, null, 0), "wait4 after the EFAULT");
        }
    }

    private static void killChild(Check c) {
        int[] hold = Pipes.open(c);
        if (hold == null) {
            return;
        }
        long pid = Processes.forkBlockedReader(hold);
        if (c.succeeded(pid, "clone")) {
            c.returned(0, Linux.kill(pid, Signals.SIGKILL), "kill(SIGKILL)");
            // Should kill fail, the child sees EOF and exits 0 (a failure, not a hang); a dead child reads nothing.
            Linux.close(hold[1]);
            hold[1] = -1;
            int[] status = new int[1];
            if (c.returned(pid, Linux.wait4(pid, status, 0), "wait4")) {
                c.isTrue(WaitStatus.signaled(status[0]), "WIFSIGNALED: " + WaitStatus.describe(status[0]));
                c.equal(Signals.SIGKILL, WaitStatus.termSignal(status[0]), "WTERMSIG");
            }
        }
        Pipes.close(hold);                                 // close(-1) when the write end is closed already: EBADF, harmless
    }

    private static void killErrors(Check c) {
        c.fails(Errno.EINVAL, Linux.kill(Linux.getpid(), 999), "kill(self, 999)");
        c.returned(0, Linux.kill(Linux.getpid(), 0), "kill(self, 0) checks existence");
        c.fails(Errno.ESRCH, Linux.kill(0x3fff_fff0L, 0), "kill(a pid that does not exist, 0)");
    }

    private static void setTidAddress(Check c) {
        int[] tid = new int[1];
        long r = Linux.set_tid_address(Linux.address(tid));
        c.equal(Linux.gettid(), r, "set_tid_address returns the caller's tid");
        c.equal(Linux.getpid(), r, "a single-threaded process's tid is its pid");
        Linux.set_tid_address(0);
    }

    private static void uids(Check c) {
        long uid = Linux.getuid();
        long euid = Linux.geteuid();
        long gid = Linux.getgid();
        long egid = Linux.getegid();
        c.isTrue(uid >= 0 && euid >= 0 && gid >= 0 && egid >= 0, "ids are not errors");
        c.equal(euid, Linux.geteuid(), "geteuid is stable");
        if (Files.create(c, c.path("f"), "x")) {
            Stat st = Files.stat(c, c.path("f"), 0);
            if (st != null) {
                c.equal(euid, st.uid(), "a new file belongs to the euid");
                c.equal(egid, st.gid(), "a new file's group is the egid (the scratch dir is not setgid)");
            }
            Files.unlink(c, c.path("f"));
        }
    }

    /**
     * getresuid(2) gives the real, effective and saved ids; setting one's own
     * ids is always permitted (setuid(2), setresuid(2) with -1: unchanged).
     */
    private static void resuid(Check c) {
        int[] u = {-2, -2, -2};
        int[] g = {-2, -2, -2};
        if (c.returned(0, Linux.getresuid(u), "getresuid")) {
            c.equal(Linux.getuid(), u[0], "the real uid");
            c.equal(Linux.geteuid(), u[1], "the effective uid");
            c.isTrue(u[2] >= 0, "the saved uid " + u[2]);
        }
        if (c.returned(0, Linux.getresgid(g), "getresgid")) {
            c.equal(Linux.getgid(), g[0], "the real gid");
            c.equal(Linux.getegid(), g[1], "the effective gid");
        }
        c.returned(0, Linux.setresuid(-1, -1, -1), "setresuid(-1, -1, -1)");
        c.returned(0, Linux.setuid(Linux.geteuid()), "setuid(own euid)");
        c.returned(0, Linux.setgid(Linux.getegid()), "setgid(own egid)");
        c.equal(u[1], Linux.geteuid(), "the euid is unchanged");
        long n = Linux.getgroups(0, null);
        if (c.succeeded(n, "getgroups(0, NULL) counts the groups") && n > 0 && n <= 64) {
            int[] list = new int[64];
            c.returned(n, Linux.getgroups((int) n, list), "getgroups(count)");
            if (n > 1) {
                c.fails(Errno.EINVAL, Linux.getgroups(1, list), "getgroups(a list too small)");
            }
        }
        c.fails(Errno.EINVAL, Linux.getgroups(-1, null), "getgroups(-1)");
    }

    /**
     * A child that has exited is a zombie until its parent reaps it (wait(2)):
     * kill(pid, 0) still finds it, and fails with ESRCH after wait4. waitid
     * with WNOWAIT waits for the exit without reaping.
     */
    private static void zombie(Check c) {
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.childExit(0);
        }
        if (!c.succeeded(pid, "clone")) {
            return;
        }
        byte[] info = new byte[Signals.SIGINFO_SIZE];
        c.returned(0, Linux.waitid(WaitStatus.P_PID, pid, info, WaitStatus.WEXITED | WaitStatus.WNOWAIT), "waitid(WNOWAIT)");
        c.returned(0, Linux.kill(pid, 0), "kill(zombie, 0)");
        c.returned(pid, Linux.wait4(pid, null, 0), "wait4 reaps the zombie");
        c.fails(Errno.ESRCH, Linux.kill(pid, 0), "kill(reaped pid, 0)");
    }

    /**
     * set_robust_list(2): the kernel records the head (read back by
     * get_robust_list) and refuses any length but sizeof(struct
     * robust_list_head), 24 bytes. The head is an empty list: its next points to itself.
     */
    private static void robustList(Check c) {
        long[] head = new long[3];
        head[0] = Linux.address(head);
        c.fails(Errno.EINVAL, Linux.set_robust_list(Linux.address(head), 23), "set_robust_list(len 23)");
        if (c.returned(0, Linux.set_robust_list(Linux.address(head), 24), "set_robust_list(head, 24)")) {
            long[] got = {-1};
            long[] len = {-1};
            if (c.returned(0, Linux.get_robust_list(0, got, len), "get_robust_list(0)")) {
                c.equal(Linux.address(head), got[0], "the recorded head");
                c.equal(24, len[0], "the recorded length");
            }
        }
        long[] got = new long[1];
        long[] len = new long[1];
        c.fails(Errno.ESRCH, Linux.get_robust_list(0x3fff_fff0L, got, len), "get_robust_list(a pid that does not exist)");
    }

    /** personality(2): 0xffffffff queries; a Linux program runs as PER_LINUX (execution domain 0 in the low byte). */
    private static void personality(Check c) {
        long p = LinuxSystem.personality(0xffff_ffffL);
        if (c.succeeded(p, "personality(0xffffffff)")) {
            c.equal(0, p & 0xff, "the execution domain is PER_LINUX");
            c.returned(p, LinuxSystem.personality(p), "personality(the same) returns the old persona");
            c.returned(p, LinuxSystem.personality(0xffff_ffffL), "the persona is unchanged");
        }
    }
}
