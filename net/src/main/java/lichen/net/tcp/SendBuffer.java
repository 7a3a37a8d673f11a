package lichen.net.tcp;

import lichen.api.Kmem;
import lichen.api.Slab;

/**
 * The bytes a connection has been given to send and the peer has not yet
 * acknowledged (RFC 9293 3.3.1's SND.UNA onwards): a ring whose first byte
 * is SND.UNA's, so a retransmission reads from it again and an ACK releases
 * from its front. Its capacity is SO_SNDBUF.
 */
@Slab
final class SendBuffer {
    private byte[] ring;
    private int head;
    private int length;

    SendBuffer(int capacity) { ring = Kmem.newBytes(capacity); }

    int length() { return length; }

    int space() { return ring.length - length; }

    int capacity() { return ring.length; }

    /** Appends up to {@code len} bytes; returns how many fitted. */
    int append(byte[] src, int off, int len) {
        int n = Math.min(len, space());
        int tail = (head + length) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(src, off, ring, tail, first);
        System.arraycopy(src, off + first, ring, 0, n - first);
        length += n;
        return n;
    }

    /** Copies {@code len} bytes starting {@code from} bytes after the front into {@code out}. */
    void copy(int from, byte[] out, int off, int len) {
        int at = (head + from) % ring.length;
        int first = Math.min(len, ring.length - at);
        System.arraycopy(ring, at, out, off, first);
        System.arraycopy(ring, 0, out, off + first, len - first);
    }

    /** Drops {@code n} acknowledged bytes from the front. */
    void release(int n) {
        head = (head + n) % ring.length;
        length -= n;
    }

    /** SO_SNDBUF: a new capacity, keeping what is queued (never smaller than that). */
    void resize(int capacity) {
        capacity = Math.max(capacity, length);
        byte[] bigger = Kmem.newBytes(capacity);
        copy(0, bigger, 0, length);
        Kmem.free(ring);
        ring = bigger;
        head = 0;
    }

    void free() { Kmem.free(ring); }
}
