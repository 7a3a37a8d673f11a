package lichen.kernel.socket;

import lichen.api.Async;

/** Where the bytes of a message being sent come from: the caller's iovecs (sendmsg) or a kernel buffer (write(2)). */
public interface DataSource {
    /** Bytes not yet taken. */
    long remaining();

    /** Copies the next {@code len} bytes (at most {@link #remaining}) into {@code dst}; {@code len}, or -EFAULT. */
    @Async
    int take(byte[] dst, int off, int len);
}
