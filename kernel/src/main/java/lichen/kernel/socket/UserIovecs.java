package lichen.kernel.socket;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.mm.UserCopy;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;

/**
 * A message's data in the caller's memory: the iovec array of sendmsg(2) and
 * recvmsg(2) ({void *iov_base; size_t iov_len}, 16 bytes each), or the one
 * buffer of sendto(2) and recvfrom(2), read or filled in order.
 */
@Slab
public final class UserIovecs implements DataSource, DataSink {
    /** UIO_MAXIOV: the most iovecs one call takes. */
    public static final int UIO_MAXIOV = 1024;

    private final UserAddressSpace mm;
    /** Base and length of each iovec, interleaved; Kmem's, freed with this. */
    private long[] segments;
    private int count, index;
    private long offset, left;

    public UserIovecs(UserAddressSpace mm) { this.mm = mm; }

    /** One buffer of {@code len} bytes at {@code base}: 0, or -EFAULT when it is not in the user half. */
    public int single(long base, long len) {
        if (len < 0) return -Errno.EINVAL;
        if (!UserCopy.inUserHalf(base, len)) return -Errno.EFAULT;
        segments = Kmem.newLongs(2);
        segments[0] = base;
        segments[1] = len;
        count = 1;
        left = len;
        return 0;
    }

    /**
     * The {@code n} iovecs at user {@code iov}: 0, -EMSGSIZE for more than
     * UIO_MAXIOV, -EFAULT for an unreadable array or a buffer outside the user
     * half, -EINVAL when the lengths add up past ssize_t (import_iovec).
     */
    @Async
    public int load(long iov, long n) {
        if (n < 0 || n > UIO_MAXIOV) return -Errno.EMSGSIZE;
        segments = Kmem.newLongs((int) (2 * n));
        count = (int) n;
        if (n == 0) return 0;
        byte[] raw = Kmem.newBytes((int) (16 * n));
        int rc = UserCopy.copyIn(mm, iov, raw, 0, raw.length);
        for (int i = 0; i < count && rc >= 0; i++) {
            segments[2 * i] = LittleEndian.u64(raw, 16 * i);
            segments[2 * i + 1] = LittleEndian.u64(raw, 16 * i + 8);
        }
        Kmem.free(raw);
        if (rc < 0) return -Errno.EFAULT;
        for (int i = 0; i < count; i++) {
            long len = segments[2 * i + 1];
            if (len < 0 || left + len < 0) return -Errno.EINVAL;
            if (len > 0 && !UserCopy.inUserHalf(segments[2 * i], len)) return -Errno.EFAULT;
            left += len;
        }
        return 0;
    }

    @Override
    public long remaining() { return left; }

    @Override
    public long room() { return left; }

    @Override
    @Async
    public int take(byte[] dst, int off, int len) { return move(dst, off, len, false); }

    @Override
    @Async
    public int put(byte[] src, int off, int len) { return move(src, off, len, true); }

    @Async
    private int move(byte[] buf, int off, int len, boolean out) {
        int done = 0;
        while (done < len) {
            while (offset == segments[2 * index + 1]) {
                index++;
                offset = 0;
            }
            int n = (int) Math.min(len - done, segments[2 * index + 1] - offset);
            long at = segments[2 * index] + offset;
            int rc = out ? UserCopy.copyOut(mm, at, buf, off + done, n) : UserCopy.copyIn(mm, at, buf, off + done, n);
            if (rc < 0) return -Errno.EFAULT;
            offset += n;
            done += n;
            left -= n;
        }
        return len;
    }

    public void free() {
        if (segments != null) Kmem.free(segments);
        Kmem.free(this);
    }
}
