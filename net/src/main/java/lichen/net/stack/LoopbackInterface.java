package lichen.net.stack;

import lichen.api.Kmem;
import lichen.api.Slab;

/**
 * The loopback device ("lo", RFC 1122 3.2.1.3 (g)): a frame it transmits is
 * queued and comes back in by {@link NetStack#poll}, never re-entering the
 * stack from inside a send (as Linux's loopback_xmit goes through netif_rx's
 * backlog). The queue is a byte ring of length-prefixed frames; a frame that
 * does not fit is dropped, as a full backlog drops.
 */
@Slab
public final class LoopbackInterface implements NetworkInterface {
    /** Smaller than Linux's 65536 so one frame is a bounded copy; TCP's MSS follows it. */
    public static final int MTU = 16384;
    private static final int QUEUE_BYTES = 256 * 1024;

    private final byte[] ring = Kmem.newBytes(QUEUE_BYTES);
    private int head;
    private int used;
    private long dropped;

    public String name() { return "lo"; }

    public long macAddress() { return 0; }

    public int mtu() { return MTU; }

    public boolean usesArp() { return false; }

    public boolean transmit(byte[] frame, int off, int len) {
        if (used + 2 + len > QUEUE_BYTES) {
            dropped++;
            return false;
        }
        int tail = (head + used) % QUEUE_BYTES;
        ring[tail] = (byte) (len >>> 8);
        ring[(tail + 1) % QUEUE_BYTES] = (byte) len;
        copyIn(frame, off, (tail + 2) % QUEUE_BYTES, len);
        used += 2 + len;
        return true;
    }

    /** Takes the oldest queued frame into {@code out}: its length, or 0 when none is queued. */
    public int dequeue(byte[] out) {
        if (used == 0) return 0;
        int len = (ring[head] & 0xff) << 8 | (ring[(head + 1) % QUEUE_BYTES] & 0xff);
        int from = (head + 2) % QUEUE_BYTES;
        int first = Math.min(len, QUEUE_BYTES - from);
        System.arraycopy(ring, from, out, 0, first);
        System.arraycopy(ring, 0, out, first, len - first);
        head = (from + len) % QUEUE_BYTES;
        used -= 2 + len;
        return len;
    }

    public boolean isEmpty() { return used == 0; }

    public long dropped() { return dropped; }

    public void free() { Kmem.free(ring); }

    private void copyIn(byte[] frame, int off, int at, int len) {
        int first = Math.min(len, QUEUE_BYTES - at);
        System.arraycopy(frame, off, ring, at, first);
        System.arraycopy(frame, off + first, ring, 0, len - first);
    }

}
