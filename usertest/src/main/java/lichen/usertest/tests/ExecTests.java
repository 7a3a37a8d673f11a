package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.WaitStatus;

/**
 * execve(2). The programs run are /bin/true, /bin/false and /bin/sh, which
 * exist on this host and in the guest's image, and usertest itself through
 * /proc/self/exe. Under qemu-user, execve goes to the host kernel: it runs
 * the host's own /bin/true natively, but cannot run an AArch64 binary
 * without binfmt_misc (ENOEXEC), so execve_self_with_arguments is skipped
 * there (Justfile: test-usertest-qemu).
 */
public final class ExecTests {
    private ExecTests() {}

    /** The status a child reports when its execve returned (failed). */
    private static final int EXEC_FAILED = 127;

    public static void register(TestList list) {
        list.add("execve_bin_true_and_false", ExecTests::trueAndFalse);
        list.add("execve_sh_passes_arguments", ExecTests::shArguments);
        list.add("execve_script_runs_interpreter", ExecTests::script);
        list.add("execve_self_with_arguments", ExecTests::self);
        list.add("execve_missing_enoent", ExecTests::missing);
        list.add("execve_not_executable_eacces", ExecTests::notExecutable);
        list.add("execve_unknown_format_enoexec", ExecTests::unknownFormat);
        list.add("execve_bad_pointer_efault", ExecTests::badPointer);
        list.add("execve_closes_cloexec_descriptors", ExecTests::closesCloexec);
        list.add("execveat_directory_fd_and_empty_path", ExecTests::execveat);
    }

    /** Forks, execs {@code path} with {@code argv} in the child, and returns its wait status (or a negative errno). */
    private static long run(Check c, String path, String[] argv) {
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.execve(path, argv, new String[] {"PATH=/usr/bin:/bin"});
            Processes.childExit(EXEC_FAILED);
        }
        if (!c.succeeded(pid, "clone")) {
            return pid;
        }
        return Processes.waitFor(pid);
    }

    private static void expectExit(Check c, int expected, long status, String what) {
        if (!c.succeeded(status, "wait4 for " + what)) {
            return;
        }
        int s = (int) status;
        if (WaitStatus.exited(s) && WaitStatus.exitStatus(s) == EXEC_FAILED && expected != EXEC_FAILED) {
            c.fail(what + ": the child's execve failed");
            return;
        }
        c.isTrue(WaitStatus.exited(s) && WaitStatus.exitStatus(s) == expected,
                 what + ": expected exit " + expected + ", got " + WaitStatus.describe(s));
    }

    private static void trueAndFalse(Check c) {
        expectExit(c, 0, run(c, "/bin/true", new String[] {"true"}), "/bin/true");
        expectExit(c, 1, run(c, "/bin/false", new String[] {"false"}), "/bin/false");
    }

    private static void shArguments(Check c) {
        expectExit(c, 7, run(c, "/bin/sh", new String[] {"sh", "-c", "exit $(($# + $1))", "zero", "4", "b", "c"}),
                   "sh -c 'exit $(($# + $1))' zero 4 b c");
    }

    private static void script(Check c) {
        String p = c.path("script");
        if (Files.create(c, p, Bytes.ascii("#!/bin/sh\nexit $((40 + $#))\n"), 0755)) {
            expectExit(c, 42, run(c, p, new String[] {"script", "one", "two"}), "a #! script with two arguments");
            Files.unlink(c, p);
        }
    }

    private static void self(Check c) {
        expectExit(c, 42, run(c, "/proc/self/exe", new String[] {"usertest", "--child", "exit", "42"}),
                   "usertest --child exit 42");
        expectExit(c, 3, run(c, "/proc/self/exe", new String[] {"usertest", "--child", "argc", "a", "b", "c"}),
                   "usertest --child argc a b c");
    }

    private static void missing(Check c) {
        c.fails(Errno.ENOENT, Linux.execve(c.path("missing"), new String[] {"x"}, new String[0]), "execve(missing)");
        c.fails(Errno.ENOENT, Linux.execve("", new String[] {"x"}, new String[0]), "execve(\"\")");
    }

    private static void notExecutable(Check c) {
        String p = c.path("plain");
        if (Files.create(c, p, Bytes.ascii("#!/bin/sh\nexit 0\n"), 0644)) {
            c.fails(Errno.EACCES, Linux.execve(p, new String[] {"plain"}, new String[0]), "execve(mode 0644)");
            Files.unlink(c, p);
        }
        c.fails(Errno.EACCES, Linux.execve(c.scratch(), new String[] {"dir"}, new String[0]), "execve(directory)");
    }

    private static void unknownFormat(Check c) {
        String p = c.path("junk");
        if (Files.create(c, p, Bytes.pattern(256, 9), 0755)) {
            c.fails(Errno.ENOEXEC, Linux.execve(p, new String[] {"junk"}, new String[0]), "execve(junk bytes)");
            Files.unlink(c, p);
        }
    }

    private static void badPointer(Check c) {
        c.fails(Errno.EFAULT, Linux.execve(0xdead0000L, 0, 0), "execve(path=0xdead0000)");
        // An argv whose first string is at an unmapped address: the kernel fails while copying the
        // strings, before the point of no return, so execve returns.
        long[] argv = {0xdead0000L, 0};
        c.fails(Errno.EFAULT, Linux.execve(Linux.address(CString.of("/bin/true")), Linux.address(argv), 0),
                "execve(argv[0]=0xdead0000)");
        c.fails(Errno.EFAULT, Linux.execve(Linux.address(CString.of("/bin/true")), 0xdead0000L, 0),
                "execve(argv=0xdead0000)");
    }

    private static void closesCloexec(Check c) {
        // sh writes "x" to descriptor 9: it can when 9 survived the exec, it fails (status 2) when exec closed it.
        // (9: the highest a POSIX shell redirection names, and above what the test holds open.)
        String[] argv = {"sh", "-c", "exec 2>/dev/null; echo x >&9"};
        for (int cloexec = 0; cloexec <= 1; cloexec++) {
            int[] p = Pipes.open(c);
            if (p == null) {
                return;
            }
            long pid = Processes.fork();
            if (pid == 0) {
                if (p[1] == 9 || Linux.dup3(p[1], 9, cloexec == 1 ? Fcntl.O_CLOEXEC : 0) != 9) {
                    Processes.childExit(EXEC_FAILED);
                }
                Linux.execve("/bin/sh", argv, new String[] {"PATH=/usr/bin:/bin"});
                Processes.childExit(EXEC_FAILED);
            }
            Linux.close(p[1]);
            byte[] buf = new byte[8];
            long n = Files.readFully(p[0], buf, buf.length);
            Linux.close(p[0]);
            long status = c.succeeded(pid, "clone") ? Processes.waitFor(pid) : pid;
            if (cloexec == 1) {
                c.returned(0, n, "bytes through an O_CLOEXEC descriptor");
                c.isTrue(status > 0 && WaitStatus.exitStatus((int) status) != 0 && status != EXEC_FAILED << 8,
                         "sh writing to a closed descriptor fails: " + WaitStatus.describe((int) status));
            } else {
                c.returned(2, n, "bytes through an inherited descriptor");
                expectExit(c, 0, status, "sh writing to an inherited descriptor");
            }
        }
    }

    /** Forks and runs execveat in the child: its wait status, or a negative errno. */
    private static long runAt(Check c, int dirfd, String path, int flags) {
        long pid = Processes.fork();
        if (pid == 0) {
            Linux.execveat(dirfd, path, new String[] {"true"}, new String[] {"PATH=/usr/bin:/bin"}, flags);
            Processes.childExit(EXEC_FAILED);
        }
        return c.succeeded(pid, "clone") ? Processes.waitFor(pid) : pid;
    }

    /** execveat(2): a path relative to a directory descriptor, or with AT_EMPTY_PATH the file the descriptor is. */
    private static void execveat(Check c) {
        long dir = Linux.openat(Fcntl.AT_FDCWD, "/bin", Fcntl.O_RDONLY | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC, 0);
        if (c.succeeded(dir, "openat(/bin)")) {
            expectExit(c, 0, runAt(c, (int) dir, "true", 0), "execveat(/bin's fd, \"true\")");
            c.fails(Errno.ENOENT, Linux.execveat((int) dir, "missing", new String[] {"x"}, new String[0], 0),
                    "execveat(/bin's fd, \"missing\")");
            Linux.close((int) dir);
        }
        long file = Linux.openat(Fcntl.AT_FDCWD, "/bin/true", Fcntl.O_RDONLY, 0);
        if (c.succeeded(file, "openat(/bin/true)")) {
            expectExit(c, 0, runAt(c, (int) file, "", Fcntl.AT_EMPTY_PATH), "execveat(/bin/true's fd, \"\", AT_EMPTY_PATH)");
            c.fails(Errno.ENOENT, Linux.execveat((int) file, "", new String[] {"x"}, new String[0], 0),
                    "execveat(fd, \"\") without AT_EMPTY_PATH");
            Linux.close((int) file);
        }
    }
}
