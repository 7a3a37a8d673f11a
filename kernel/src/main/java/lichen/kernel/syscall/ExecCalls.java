package lichen.kernel.syscall;

import java.util.Arrays;
import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.OpenFlags;
import lichen.kernel.exec.ByteStrings;
import lichen.kernel.exec.Exec;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/** execve(2): the path, argv and envp are read from the caller's memory, then the program is replaced. */
final class ExecCalls {
    /** PATH_MAX, counting the NUL. */
    static final int PATH_MAX = 4096;
    /** More pointers than fit in ARG_MAX's 2 MiB of strings cannot succeed: E2BIG early. */
    static final int MAX_ARG_STRINGS = (int) (Exec.ARG_MAX / 8);

    private ExecCalls() {}

    /** execve(2): on success the frame starts the new program (x0 is 0); a failure leaves the caller as it was. */
    @Async
    static long sysExecve(Process p, long frame, long pathname, long argv, long envp) {
        UserAddressSpace mm = p.mm();
        int len = UserCopy.stringLength(mm, pathname, PATH_MAX - 1);
        if (len < 0) return len;
        byte[] path = new byte[len];
        if (UserCopy.copyIn(mm, pathname, path, 0, len) < 0) return -Errno.EFAULT;
        return execute(p, frame, OpenFlags.AT_FDCWD, path, 0, path, argv, envp);
    }

    /**
     * execveat(2): a relative path starts at directory {@code dirfd} (ENOTDIR
     * when it is not one, EBADF when it is no descriptor); with AT_EMPTY_PATH
     * an empty path runs the file {@code dirfd} itself names; with
     * AT_SYMLINK_NOFOLLOW a symbolic link is ELOOP. EINVAL for other flags.
     * The program is called /dev/fd/N or /dev/fd/N/path when it was found
     * through a descriptor, as Linux names it (fs/exec.c, alloc_bprm).
     */
    @Async
    static long sysExecveat(Process p, long frame, int dirfd, long pathname, long argv, long envp, int flags) {
        if ((flags & ~(OpenFlags.AT_EMPTY_PATH | OpenFlags.AT_SYMLINK_NOFOLLOW)) != 0) return -Errno.EINVAL;
        Result<String> r = UserPaths.read(p, pathname);
        if (!r.ok()) return r.error;
        String path = r.value;
        if (path.isEmpty() && (flags & OpenFlags.AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
        String name = dirfd == OpenFlags.AT_FDCWD || path.startsWith("/") ? path
                : path.isEmpty() ? "/dev/fd/" + dirfd : "/dev/fd/" + dirfd + "/" + path;
        return execute(p, frame, dirfd, ByteStrings.bytes(path), flags, ByteStrings.bytes(name), argv, envp);
    }

    @Async
    private static long execute(Process p, long frame, int dirfd, byte[] path, int atFlags, byte[] name, long argv, long envp) {
        UserAddressSpace mm = p.mm();
        byte[][][] args = new byte[1][][], env = new byte[1][][];
        int rc = readStrings(mm, argv, args);
        if (rc == 0) rc = readStrings(mm, envp, env);
        if (rc < 0) return rc;
        return Exec.execveat(p, frame, dirfd, path, atFlags, name, args[0], env[0]);
    }

    /**
     * The strings of a NULL-terminated user array of pointers (a NULL array is
     * empty, as Linux takes it) into {@code out[0]}: 0, -EFAULT, or -E2BIG past
     * the limits on their number and length.
     */
    @Async
    private static int readStrings(UserAddressSpace mm, long array, byte[][][] out) {
        byte[][] strings = new byte[array == 0 ? 0 : 8][];
        int n = 0;
        long[] ptr = new long[1];
        while (array != 0) {
            if (n > MAX_ARG_STRINGS) return -Errno.E2BIG;
            if (UserCopy.load64(mm, array + 8L * n, ptr, 0) < 0) return -Errno.EFAULT;
            if (ptr[0] == 0) break;
            int len = UserCopy.stringLength(mm, ptr[0], Exec.MAX_ARG_STRLEN - 1);
            if (len == -Errno.ENAMETOOLONG) return -Errno.E2BIG;
            if (len < 0) return len;
            if (n == strings.length) strings = Arrays.copyOf(strings, 2 * n);
            strings[n] = new byte[len];
            if (UserCopy.copyIn(mm, ptr[0], strings[n], 0, len) < 0) return -Errno.EFAULT;
            n++;
        }
        out[0] = n == strings.length ? strings : Arrays.copyOf(strings, n);
        return 0;
    }
}
