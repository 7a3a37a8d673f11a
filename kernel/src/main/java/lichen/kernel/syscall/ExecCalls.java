package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.exec.Exec;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/** execve(2): the path, argv and envp are read from the caller's memory, then the program is replaced. */
final class ExecCalls {
    /** PATH_MAX, counting the NUL. */
    static final int PATH_MAX = 4096;
    /** MAX_ARG_STRLEN (32 pages) for one argument or environment string. */
    static final int MAX_ARG_STRLEN = 32 * 4096;
    /** More pointers than fit in ARG_MAX's 2 MiB of strings cannot succeed: E2BIG early. */
    static final int MAX_ARG_STRINGS = (2 << 20) / 8;

    private ExecCalls() {}

    /** execve(2): on success the frame starts the new program (x0 is 0); a failure leaves the caller as it was. */
    @Async
    static long sysExecve(Process p, long frame, long pathname, long argv, long envp) {
        UserAddressSpace mm = p.mm();
        int len = UserCopy.stringLength(mm, pathname, PATH_MAX - 1);
        if (len < 0) return len;
        byte[] path = new byte[len];
        if (UserCopy.copyIn(mm, pathname, path, 0, len) < 0) return -Errno.EFAULT;
        int argc = countStrings(mm, argv);
        if (argc < 0) return argc;
        int envc = countStrings(mm, envp);
        if (envc < 0) return envc;
        byte[][] args = new byte[argc][], env = new byte[envc][];
        int rc = readStrings(mm, argv, args);
        if (rc == 0) rc = readStrings(mm, envp, env);
        if (rc < 0) return rc;
        return Exec.execve(p, frame, path, args, env);
    }

    /** The pointers before the NULL in a user array (a NULL array is empty, as Linux takes it), or -errno. */
    @Async
    private static int countStrings(UserAddressSpace mm, long array) {
        if (array == 0) return 0;
        long[] ptr = new long[1];
        for (int n = 0; n <= MAX_ARG_STRINGS; n++) {
            if (UserCopy.load64(mm, array + 8L * n, ptr, 0) < 0) return -Errno.EFAULT;
            if (ptr[0] == 0) return n;
        }
        return -Errno.E2BIG;
    }

    @Async
    private static int readStrings(UserAddressSpace mm, long array, byte[][] out) {
        long[] ptr = new long[1];
        for (int i = 0; i < out.length; i++) {
            if (UserCopy.load64(mm, array + 8L * i, ptr, 0) < 0) return -Errno.EFAULT;
            int len = UserCopy.stringLength(mm, ptr[0], MAX_ARG_STRLEN - 1);
            if (len == -Errno.ENAMETOOLONG) return -Errno.E2BIG;
            if (len < 0) return len;
            out[i] = new byte[len];
            if (UserCopy.copyIn(mm, ptr[0], out[i], 0, len) < 0) return -Errno.EFAULT;
        }
        return 0;
    }
}
