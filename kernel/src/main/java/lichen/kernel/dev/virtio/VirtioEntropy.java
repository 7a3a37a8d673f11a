package lichen.kernel.dev.virtio;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.arch.aarch64.VirtioMmio;

/**
 * A virtio entropy device (virtio v1.2 section 5.4): one request queue whose
 * buffers the device fills with random bytes, as many as it has (the used
 * length says how many, 5.4.6). The kernel's random generator is seeded and
 * stirred from it (KernelRandom).
 */
@Unsafe
public final class VirtioEntropy {
    /** Bytes asked for in one request: a page holds the buffer. */
    private static final int REQUEST = 64;

    private final DriverQueue queue;
    private final long buffer;
    private long bytes;

    private VirtioEntropy(DriverQueue queue, long buffer) {
        this.queue = queue;
        this.buffer = buffer;
    }

    /** The driver for a transport whose device ID is ENTROPY, or null with the reason printed. */
    static VirtioEntropy start(VirtioMmio t) {
        if (t.negotiate(0) < 0) return t.refuse("virtio-rng", "features refused");
        DriverQueue q = DriverQueue.create(t, 0);
        long buffer = KernelAddressSpace.get().frames().allocPages(0);
        if (q == null || buffer < 0) return t.refuse("virtio-rng", "no request queue");
        t.enableInterrupt();
        t.driverOk();
        return new VirtioEntropy(q, buffer);
    }

    DriverQueue queue() { return queue; }

    /** Bytes the device gave so far. */
    public long bytesGiven() { return bytes; }

    /** Fills {@code b[off..off+len)} from the device; returns the bytes it gave (it may give fewer than asked). */
    @Async
    public int read(byte[] b, int off, int len) {
        int done = 0;
        while (done < len) {
            int want = Math.min(REQUEST, len - done);
            int head = queue.startChain(1);
            queue.setBuffer(head, buffer, want, true);
            queue.submit(head);
            int got = Math.min(queue.await(head), want);
            if (got <= 0) break;
            Mem.copyToArray(buffer, b, off + done, got);
            done += got;
        }
        bytes += done;
        return done;
    }
}
