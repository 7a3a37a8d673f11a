package lichen.net.udp;

import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.net.NetworkOrder;

/**
 * A socket's received datagrams, oldest first, in one byte ring of a fixed
 * size (SO_RCVBUF): each record is the sender's address and port, the
 * length, then the data. A datagram that does not fit is dropped, as Linux
 * drops past sk_rcvbuf.
 */
@Slab
final class DatagramQueue {
    private static final int RECORD_HEADER = 8;

    private byte[] ring;
    private int head;
    private int used;
    private int count;
    private final byte[] record = Kmem.newBytes(RECORD_HEADER);

    DatagramQueue(int capacity) { ring = Kmem.newBytes(capacity); }

    boolean offer(int sourceIp, int sourcePort, byte[] data, int off, int len) {
        if (used + RECORD_HEADER + len > ring.length) return false;
        NetworkOrder.put32(record, 0, sourceIp);
        NetworkOrder.put16(record, 4, sourcePort);
        NetworkOrder.put16(record, 6, len);
        int tail = (head + used) % ring.length;
        copyIn(record, 0, tail, RECORD_HEADER);
        copyIn(data, off, (tail + RECORD_HEADER) % ring.length, len);
        used += RECORD_HEADER + len;
        count++;
        return true;
    }

    boolean isEmpty() { return count == 0; }

    int count() { return count; }

    /** The oldest datagram's length, or -1 when none (FIONREAD's answer for UDP). */
    int peekLength() {
        if (count == 0) return -1;
        copyOut(head, record, 0, RECORD_HEADER);
        return NetworkOrder.u16(record, 6);
    }

    /**
     * Takes the oldest datagram: up to {@code len} bytes into {@code out}, the
     * rest discarded (recvfrom(2): excess bytes of a datagram are lost);
     * returns its full length. The sender is left for {@link #lastSourceIp}.
     */
    int poll(byte[] out, int off, int len) {
        int n = peek(out, off, len);
        head = (head + RECORD_HEADER + n) % ring.length;
        used -= RECORD_HEADER + n;
        count--;
        return n;
    }

    /** As {@link #poll}, but the datagram stays queued (MSG_PEEK). */
    int peek(byte[] out, int off, int len) {
        copyOut(head, record, 0, RECORD_HEADER);
        int n = NetworkOrder.u16(record, 6);
        copyOut((head + RECORD_HEADER) % ring.length, out, off, Math.min(n, len));
        return n;
    }

    int lastSourceIp() { return NetworkOrder.u32(record, 0); }

    int lastSourcePort() { return NetworkOrder.u16(record, 4); }

    /** Replaces the ring with one of {@code capacity} bytes (SO_RCVBUF), dropping what was queued. */
    void resize(int capacity) {
        Kmem.free(ring);
        ring = Kmem.newBytes(capacity);
        head = used = count = 0;
    }

    void free() {
        Kmem.free(ring);
        Kmem.free(record);
    }

    private void copyIn(byte[] src, int off, int at, int len) {
        int first = Math.min(len, ring.length - at);
        System.arraycopy(src, off, ring, at, first);
        System.arraycopy(src, off + first, ring, 0, len - first);
    }

    private void copyOut(int at, byte[] dst, int off, int len) {
        int first = Math.min(len, ring.length - at);
        System.arraycopy(ring, at, dst, off, first);
        System.arraycopy(ring, 0, dst, off + first, len - first);
    }
}
