package lichen.usertest.tests;

import lichen.usertest.Check;
import lichen.usertest.Files;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.CString;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Fcntl;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.WaitStatus;

/**
 * execveat(2)'s lookups and the name a program gets at exec. The name
 * (comm, /proc/self/comm and prctl(PR_GET_NAME)) is the last component of
 * the file name execve was given, 15 bytes at most, not argv[0] (fs/exec.c
 * begin_new_exec); through a directory's descriptor the file name is
 * /dev/fd/N/PATH, and a descriptor's own file is called by its name. The named programs are usertest itself ({@code --child
 * comm NAME} checks its own name), so under qemu-user these are skipped with
 * the other self-execs; qemu-user also has no execveat.
 */
public final class ExecveatTests {
    private ExecveatTests() {}

    /** Status of a forked child whose exec failed. */
    private static final int EXEC_FAILED = 127;
    private static final String LONG_NAME = "a_very_long_program_name";

    public static void register(TestList list) {
        list.add("execveat_fdcwd_relative_and_absolute_ignore_dirfd", ExecveatTests::fdcwdAndAbsolute);
        list.add("execveat_errors_ebadf_enotdir_eloop_einval", ExecveatTests::errors);
        list.add("execve_comm_is_file_name_cut_to_15_bytes", ExecveatTests::commFromFileName);
        list.add("execveat_comm_names_descriptor_file", ExecveatTests::commThroughDescriptor);
    }

    /**
     * Forks; the child changes to {@code cwd} when it is not null and runs
     * execveat; returns the wait status, or a negative errno.
     */
    private static long runAt(Check c, String cwd, int dirfd, String path, String[] argv, int flags) {
        long pid = Processes.fork();
        if (pid == 0) {
            if (cwd == null || Linux.chdir(cwd) == 0) {
                Linux.execveat(dirfd, path, argv, new String[] {"PATH=/usr/bin:/bin"}, flags);
            }
            Processes.childExit(EXEC_FAILED);
        }
        return c.succeeded(pid, "clone") ? Processes.waitFor(pid) : pid;
    }

    private static void expectExit(Check c, int expected, long status, String what) {
        if (c.succeeded(status, "wait4 for " + what)) {
            c.isTrue(WaitStatus.exited((int) status) && WaitStatus.exitStatus((int) status) == expected,
                     what + ": expected exit " + expected + ", got " + WaitStatus.describe((int) status)
                     + (status == EXEC_FAILED << 8 ? " (the exec failed)" : ""));
        }
    }

    /** A relative path with AT_FDCWD starts at the cwd; an absolute path ignores dirfd, even one that is no descriptor. */
    private static void fdcwdAndAbsolute(Check c) {
        expectExit(c, 0, runAt(c, "/bin", Fcntl.AT_FDCWD, "true", new String[] {"true"}, 0), "execveat(AT_FDCWD, \"true\") in /bin");
        expectExit(c, 0, runAt(c, null, 99, "/bin/true", new String[] {"true"}, 0), "execveat(99, \"/bin/true\")");
    }

    /**
     * EBADF for a relative path from a number that is no descriptor, ENOTDIR
     * from a descriptor of a file, ELOOP for a symbolic link under
     * AT_SYMLINK_NOFOLLOW (the same link runs without it), EINVAL for an
     * unknown flag. Each failure returns, so the calls are made here.
     */
    private static void errors(Check c) {
        String[] argv = {"true"};
        String[] envp = new String[0];
        c.fails(Errno.EBADF, Linux.execveat(99, "true", argv, envp, 0), "execveat(99, \"true\")");
        long file = Linux.openat(Fcntl.AT_FDCWD, "/bin/true", Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0);
        if (c.succeeded(file, "openat(/bin/true)")) {
            c.fails(Errno.ENOTDIR, Linux.execveat((int) file, "x", argv, envp, 0), "execveat(a file's fd, \"x\")");
            Linux.close((int) file);
        }
        String link = c.path("link");
        if (c.returned(0, Linux.symlinkat("/bin/true", Fcntl.AT_FDCWD, link), "symlinkat(/bin/true)")) {
            c.fails(Errno.ELOOP, Linux.execveat(Fcntl.AT_FDCWD, link, argv, envp, Fcntl.AT_SYMLINK_NOFOLLOW),
                    "execveat(a symbolic link, AT_SYMLINK_NOFOLLOW)");
            expectExit(c, 0, runAt(c, null, Fcntl.AT_FDCWD, link, argv, 0), "execveat(a symbolic link to /bin/true)");
            Files.unlink(c, link);
        }
        c.fails(Errno.EINVAL, Linux.execveat(Fcntl.AT_FDCWD, "/bin/true", argv, envp, 1), "execveat(flags 1)");
    }

    /** usertest's own file (/proc/self/exe's target), or null with the failure recorded. */
    private static String self(Check c) {
        byte[] buf = new byte[4096];
        long n = Linux.readlinkat(Fcntl.AT_FDCWD, "/proc/self/exe", buf, buf.length);
        return c.succeeded(n, "readlinkat(/proc/self/exe)") ? CString.decode(buf, 0, (int) n) : null;
    }

    private static String baseName(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.length() > 15 ? base.substring(0, 15) : base;
    }

    /** A link with a 24-byte name to usertest: the program run through it is called by the first 15 bytes of that name. */
    private static void commFromFileName(Check c) {
        String exe = self(c);
        String link = c.path(LONG_NAME);
        if (exe != null && c.returned(0, Linux.symlinkat(exe, Fcntl.AT_FDCWD, link), "symlinkat(usertest)")) {
            expectExit(c, 0, runAt(c, null, Fcntl.AT_FDCWD, link, new String[] {"argv0", "--child", "comm", "a_very_long_pro"}, 0),
                       "the name after exec (1: /proc/self/comm, 2: PR_GET_NAME differs)");
            Files.unlink(c, link);
        }
    }

    /**
     * execveat(fd, "", AT_EMPTY_PATH) runs /dev/fd/N, and the program is
     * called by the file's own name (Linux 6.13's fix for a name "N",
     * which Debian's 6.1 has); through a directory's descriptor, by the
     * path's last component.
     */
    private static void commThroughDescriptor(Check c) {
        String exe = self(c);
        if (exe == null) {
            return;
        }
        long fd = Linux.openat(Fcntl.AT_FDCWD, exe, Fcntl.O_RDONLY, 0);
        if (c.succeeded(fd, "openat(usertest)")) {
            expectExit(c, 0, runAt(c, null, (int) fd, "", new String[] {"argv0", "--child", "comm", baseName(exe)},
                                   Fcntl.AT_EMPTY_PATH), "the name after execveat(fd, \"\", AT_EMPTY_PATH)");
            Linux.close((int) fd);
        }
        String link = c.path(LONG_NAME);
        long dir = Linux.openat(Fcntl.AT_FDCWD, c.scratch(), Fcntl.O_RDONLY | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC, 0);
        if (c.succeeded(dir, "openat(the scratch directory)")
                && c.returned(0, Linux.symlinkat(exe, Fcntl.AT_FDCWD, link), "symlinkat(usertest)")) {
            expectExit(c, 0, runAt(c, null, (int) dir, LONG_NAME, new String[] {"usertest", "--child", "comm", "a_very_long_pro"}, 0),
                       "the name after execveat(dirfd, \"" + LONG_NAME + "\")");
            Files.unlink(c, link);
        }
        if (dir >= 0) {
            Linux.close((int) dir);
        }
    }
}
