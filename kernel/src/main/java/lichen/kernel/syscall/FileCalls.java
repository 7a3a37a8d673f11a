package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/**
 * read(2), write(2) and writev(2). Until the file layer is in the kernel
 * (issue 13) the only open files are descriptors 0, 1 and 2 on the console:
 * writes reach it, reads see end-of-file, any other descriptor is EBADF.
 */
final class FileCalls {
    private static final int CHUNK = 4096;
    private static final long IOV_MAX = 1024;

    private FileCalls() {}

    @Async
    static long sysRead(Process p, int fd, long buf, long count) {
        if (fd < 0 || fd > 2) return -Errno.EBADF;
        return 0;
    }

    @Async
    static long sysWrite(Process p, int fd, long buf, long count) {
        if (fd < 0 || fd > 2) return -Errno.EBADF;
        if (count < 0) return -Errno.EINVAL;
        byte[] chunk = new byte[CHUNK];
        long done = 0;
        while (done < count) {
            int n = (int) Math.min(CHUNK, count - done);
            if (UserCopy.copyIn(p.mm(), buf + done, chunk, 0, n) < 0) return done > 0 ? done : -Errno.EFAULT;
            System.out.write(chunk, 0, n);
            done += n;
        }
        System.out.flush();
        return done;
    }

    /** writev(2): each iovec {base, len} in turn; a fault after some bytes were written ends with the count so far. */
    @Async
    static long sysWritev(Process p, int fd, long iov, int iovcnt) {
        if (iovcnt < 0 || iovcnt > IOV_MAX) return -Errno.EINVAL;
        byte[] v = new byte[16];
        long total = 0;
        for (int i = 0; i < iovcnt; i++) {
            if (UserCopy.copyIn(p.mm(), iov + 16L * i, v, 0, 16) < 0) return total > 0 ? total : -Errno.EFAULT;
            long base = 0, len = 0;
            for (int k = 7; k >= 0; k--) {
                base = base << 8 | (v[k] & 0xff);
                len = len << 8 | (v[8 + k] & 0xff);
            }
            long n = sysWrite(p, fd, base, len);
            if (n < 0) return total > 0 ? total : n;
            total += n;
        }
        return total;
    }
}
