package lichen.kernel.socket;

import lichen.api.Async;

/** Where the bytes of a message being received go: the caller's iovecs (recvmsg) or a kernel buffer (read(2)). */
public interface DataSink {
    /** Bytes that still fit. */
    long room();

    /** Copies {@code len} bytes (at most {@link #room}) of {@code src} in after those already put; {@code len}, or -EFAULT. */
    @Async
    int put(byte[] src, int off, int len);
}
