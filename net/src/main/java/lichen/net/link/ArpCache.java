package lichen.net.link;

import lichen.api.Kmem;
import lichen.api.Slab;

/**
 * IPv4-to-MAC translations for one interface (RFC 826; RFC 1122 2.3.2.1 on
 * flushing stale entries): a fixed table of entries, each resolved with an
 * expiry time or incomplete (a request is out) holding the packets to send
 * when the reply comes (RFC 1122 2.3.2.2: "SHOULD save at least one"; we keep
 * up to {@link #HOLD_BYTES}, as Linux's unres_qlen_bytes, so that all the
 * fragments of a datagram wait together), the oldest dropped past that.
 * A full table replaces the entry that expires first.
 */
@Slab
public final class ArpCache {
    /** How long a learnt translation is trusted (Linux's base_reachable_time is 30 s; we keep 60 s, ARP's classic value). */
    public static final long LIFETIME_NS = 60_000_000_000L;
    /** How long a request waits for its reply before it is sent again. */
    public static final long RETRY_NS = 1_000_000_000L;
    /** Requests for one address before its waiting packet is dropped (Linux's mcast_solicit is 3). */
    public static final int MAX_REQUESTS = 3;
    /** Bytes of packets held for one unresolved address. */
    public static final int HOLD_BYTES = 80 * 1024;

    private final int[] ips;
    private final long[] macs;
    private final long[] deadlines;
    private final int[] requests; // 0: resolved; n > 0: incomplete after n requests
    private final byte[][] held;
    private final int[] heldLengths;
    private int used;

    public ArpCache(int capacity) {
        ips = Kmem.newInts(capacity);
        macs = Kmem.newLongs(capacity);
        deadlines = Kmem.newLongs(capacity);
        requests = Kmem.newInts(capacity);
        heldLengths = Kmem.newInts(capacity);
        held = new byte[capacity][];
    }

    /** The MAC for {@code ip}, or -1 when it is unknown, incomplete or expired at {@code now}. */
    public long lookup(int ip, long now) {
        int i = find(ip);
        if (i < 0 || requests[i] != 0 || now >= deadlines[i]) return -1;
        return macs[i];
    }

    /** Records {@code ip} at {@code mac} (a reply, or a request's sender: RFC 826's merge); its held packets are then {@link #takeHeld}. */
    public void learn(int ip, long mac, long now) {
        int i = find(ip);
        if (i < 0) i = slotFor(ip, now);
        ips[i] = ip;
        macs[i] = mac;
        deadlines[i] = now + LIFETIME_NS;
        requests[i] = 0;
    }

    /** The oldest packet held for {@code ip}, copied into {@code out} and forgotten: its length, 0 when none is left. */
    public int takeHeld(int ip, byte[] out) {
        int i = find(ip);
        if (i < 0 || heldLengths[i] == 0) return 0;
        byte[] h = held[i];
        int n = (h[0] & 0xff) << 16 | (h[1] & 0xff) << 8 | (h[2] & 0xff);
        System.arraycopy(h, 3, out, 0, n);
        int rest = heldLengths[i] - 3 - n;
        System.arraycopy(h, 3 + n, h, 0, rest);
        heldLengths[i] = rest;
        return n;
    }

    /** Whether {@code ip} has an entry, resolved or not (RFC 826: only known senders are updated). */
    public boolean has(int ip) { return find(ip) >= 0; }

    /**
     * A packet for {@code ip} cannot go yet: keeps it after those already
     * waiting (dropping the oldest past {@link #HOLD_BYTES}, as Linux does) and
     * returns whether a request should be sent now (the first time; later
     * ones come from {@link #expire}).
     */
    public boolean hold(int ip, byte[] frame, int off, int len, long now) {
        if (len + 3 > HOLD_BYTES) return false;
        int i = find(ip);
        boolean first = i < 0 || requests[i] == 0;
        if (i < 0) i = slotFor(ip, now);
        if (first) {
            ips[i] = ip;
            requests[i] = 1;
            deadlines[i] = now + RETRY_NS;
        }
        if (held[i] == null) held[i] = Kmem.newBytes(HOLD_BYTES);
        byte[] h = held[i];
        while (heldLengths[i] + 3 + len > HOLD_BYTES) {
            int n = (h[0] & 0xff) << 16 | (h[1] & 0xff) << 8 | (h[2] & 0xff);
            System.arraycopy(h, 3 + n, h, 0, heldLengths[i] - 3 - n);
            heldLengths[i] -= 3 + n;
        }
        int at = heldLengths[i];
        h[at] = (byte) (len >>> 16);
        h[at + 1] = (byte) (len >>> 8);
        h[at + 2] = (byte) len;
        System.arraycopy(frame, off, h, at + 3, len);
        heldLengths[i] = at + 3 + len;
        return first;
    }

    /**
     * Ages the table at {@code now}: expired translations go, incomplete ones
     * whose wait ran out either ask again (their address is put in {@code
     * retry} and the count returned) or, after {@link #MAX_REQUESTS}, are
     * dropped with their packet.
     */
    public int expire(long now, int[] retry) {
        int n = 0;
        for (int i = 0; i < used; i++) {
            if (now < deadlines[i]) continue;
            if (requests[i] > 0 && requests[i] < MAX_REQUESTS && n < retry.length) {
                requests[i]++;
                deadlines[i] = now + RETRY_NS;
                retry[n++] = ips[i];
            } else {
                remove(i--);
            }
        }
        return n;
    }

    public int size() { return used; }

    /** Gives the table's arrays back. */
    public void free() {
        for (int i = 0; i < held.length; i++) if (held[i] != null) Kmem.free(held[i]);
        Kmem.free(ips);
        Kmem.free(macs);
        Kmem.free(deadlines);
        Kmem.free(requests);
        Kmem.free(heldLengths);
    }

    private int find(int ip) {
        for (int i = 0; i < used; i++) if (ips[i] == ip) return i;
        return -1;
    }

    private int slotFor(int ip, long now) {
        if (used < ips.length) {
            int i = used++;
            requests[i] = 0;
            heldLengths[i] = 0;
            return i;
        }
        int oldest = 0;
        for (int i = 1; i < used; i++) if (deadlines[i] < deadlines[oldest]) oldest = i;
        heldLengths[oldest] = 0;
        requests[oldest] = 0;
        return oldest;
    }

    private void remove(int i) {
        int last = --used;
        byte[] spare = held[i];
        ips[i] = ips[last];
        macs[i] = macs[last];
        deadlines[i] = deadlines[last];
        requests[i] = requests[last];
        held[i] = held[last];
        heldLengths[i] = heldLengths[last];
        held[last] = spare;
        heldLengths[last] = 0;
    }
}
