package lichen.net.tcp;

import lichen.api.Kmem;
import lichen.api.Slab;

/**
 * Received data not yet read (RFC 9293 3.3.1's RCV.NXT and the window after
 * it): a ring whose readable bytes end at RCV.NXT, and after them the space
 * the window offers, where segments that came out of order are written at
 * once and remembered as up to {@link #MAX_RANGES} sequence ranges (RFC 9293
 * 3.10.7.4: "segments with higher beginning sequence numbers SHOULD be held
 * for later processing"). When the gap before a range fills, RCV.NXT jumps
 * over it. Its capacity is SO_RCVBUF.
 */
@Slab
final class ReceiveBuffer {
    static final int MAX_RANGES = 8;

    private byte[] ring;
    private int head;
    private int readable;
    private final int[] rangeStart = Kmem.newInts(MAX_RANGES);
    private final int[] rangeEnd = Kmem.newInts(MAX_RANGES);
    private int ranges;

    ReceiveBuffer(int capacity) { ring = Kmem.newBytes(capacity); }

    int readable() { return readable; }

    int capacity() { return ring.length; }

    /** The free space after RCV.NXT: what the window may offer. */
    int space() { return ring.length - readable; }

    /** Out-of-order ranges held. */
    int heldRanges() { return ranges; }

    /**
     * Stores the data of a segment starting at {@code seq} (already trimmed to
     * the window by the caller) when RCV.NXT is {@code rcvNxt}; returns how many
     * bytes RCV.NXT moves on (0 when the data lies beyond a gap, or when no
     * range is free to remember it: then it is dropped and will come again).
     */
    int store(int seq, int rcvNxt, byte[] src, int off, int len) {
        int from = seq - rcvNxt;
        if (from < 0 || len <= 0 || from + len > space()) return 0;
        if (from > 0 && !remember(seq, seq + len)) return 0;
        int at = (head + readable + from) % ring.length;
        int first = Math.min(len, ring.length - at);
        System.arraycopy(src, off, ring, at, first);
        System.arraycopy(src, off + first, ring, 0, len - first);
        if (from > 0) return 0;
        int end = seq + len;
        // Ranges held beyond the new end join it once nothing is missing between.
        boolean merged = true;
        while (merged) {
            merged = false;
            for (int i = 0; i < ranges; i++) {
                if (SequenceNumber.le(rangeStart[i], end)) {
                    if (SequenceNumber.gt(rangeEnd[i], end)) end = rangeEnd[i];
                    forget(i);
                    merged = true;
                    break;
                }
            }
        }
        int advance = end - rcvNxt;
        readable += advance;
        return advance;
    }

    /** Copies up to {@code len} bytes into {@code out} without consuming them (MSG_PEEK). */
    int peek(byte[] out, int off, int len) {
        int n = Math.min(len, readable);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, off, first);
        System.arraycopy(ring, 0, out, off + first, n - first);
        return n;
    }

    /** Reads up to {@code len} bytes into {@code out}. */
    int read(byte[] out, int off, int len) {
        int n = Math.min(len, readable);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, off, first);
        System.arraycopy(ring, 0, out, off + first, n - first);
        head = (head + n) % ring.length;
        readable -= n;
        return n;
    }

    /** SO_RCVBUF before data came: a new capacity (held ranges are dropped; the peer resends them). */
    void resize(int capacity) {
        capacity = Math.max(capacity, readable);
        byte[] bigger = Kmem.newBytes(capacity);
        int n = readable;
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, n - first);
        Kmem.free(ring);
        ring = bigger;
        head = 0;
        ranges = 0;
    }

    void free() {
        Kmem.free(ring);
        Kmem.free(rangeStart);
        Kmem.free(rangeEnd);
    }

    private boolean remember(int start, int end) {
        for (int i = 0; i < ranges; i++) {
            if (SequenceNumber.le(rangeStart[i], end) && SequenceNumber.ge(rangeEnd[i], start)) {
                if (SequenceNumber.lt(start, rangeStart[i])) rangeStart[i] = start;
                if (SequenceNumber.gt(end, rangeEnd[i])) rangeEnd[i] = end;
                // The grown range may now touch another: fold them together.
                for (int j = 0; j < ranges; j++) {
                    if (j != i && SequenceNumber.le(rangeStart[j], rangeEnd[i]) && SequenceNumber.ge(rangeEnd[j], rangeStart[i])) {
                        if (SequenceNumber.lt(rangeStart[j], rangeStart[i])) rangeStart[i] = rangeStart[j];
                        if (SequenceNumber.gt(rangeEnd[j], rangeEnd[i])) rangeEnd[i] = rangeEnd[j];
                        forget(j);
                        return true;
                    }
                }
                return true;
            }
        }
        if (ranges == MAX_RANGES) return false;
        rangeStart[ranges] = start;
        rangeEnd[ranges] = end;
        ranges++;
        return true;
    }

    private void forget(int i) {
        ranges--;
        rangeStart[i] = rangeStart[ranges];
        rangeEnd[i] = rangeEnd[ranges];
    }
}
