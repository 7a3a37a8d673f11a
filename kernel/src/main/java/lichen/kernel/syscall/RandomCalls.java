package lichen.kernel.syscall;

import lichen.api.Async;
import lichen.kernel.fs.KernelRandom;
import lichen.kernel.mm.UserCopy;
import lichen.kernel.proc.Process;
import lichen.libkernel.Errno;

/** getrandom(2). */
final class RandomCalls {
    static final int GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;
    /** Linux returns at most 32 MiB - 1 per call (drivers/char/random.c). */
    static final long MAX_COUNT = (32L << 20) - 1;
    private static final int CHUNK = 256;

    private RandomCalls() {}

    /**
     * getrandom(2): {@code count} bytes from the kernel's generator (never
     * blocking: it is seeded at boot). EINVAL for unknown flags or
     * GRND_INSECURE with GRND_RANDOM; EFAULT for a bad buffer before any byte.
     */
    @Async
    static long sysGetrandom(Process p, long buf, long count, int flags) {
        if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0) return -Errno.EINVAL;
        if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM)) return -Errno.EINVAL;
        long n = Math.min(count, MAX_COUNT);
        byte[] chunk = new byte[CHUNK];
        long done = 0;
        while (done < n) {
            int k = (int) Math.min(CHUNK, n - done);
            KernelRandom.fill(chunk, 0, k);
            if (UserCopy.copyOut(p.mm(), buf + done, chunk, 0, k) < 0) return done > 0 ? done : -Errno.EFAULT;
            done += k;
        }
        return done;
    }
}
