package lichen.net.ip;

import lichen.api.Kmem;
import lichen.api.Slab;

/**
 * IPv4 fragment reassembly (RFC 791 3.2 "Fragmentation and Reassembly";
 * RFC 815's idea of tracking what is still missing, here as a bitmap of
 * 8-byte units). Fragments are matched by source, destination, protocol and
 * identification; they may come in any order, overlap (the later bytes win)
 * or repeat. A datagram not complete within {@link #TIMEOUT_NS} of its first
 * fragment is dropped (RFC 1122 3.3.2), and so is one longer than 65535 bytes.
 * A fixed number of datagrams is reassembled at once; a fragment of a new one
 * when all are busy evicts the oldest.
 */
@Slab
public final class FragmentReassembly {
    /** Linux's ipfrag_time. */
    public static final long TIMEOUT_NS = 30_000_000_000L;
    public static final int MAX_DATAGRAM = 65535;
    private static final int UNITS = (MAX_DATAGRAM + 7) / 8;

    private final int[] sources;
    private final int[] destinations;
    private final int[] protocols; // -1: slot free
    private final int[] ids;
    private final long[] deadlines;
    private final int[] totals; // payload length once the last fragment came, else -1
    private final byte[][] buffers;
    private final long[][] present;

    public FragmentReassembly(int slots) {
        sources = Kmem.newInts(slots);
        destinations = Kmem.newInts(slots);
        protocols = Kmem.newInts(slots);
        ids = Kmem.newInts(slots);
        deadlines = Kmem.newLongs(slots);
        totals = Kmem.newInts(slots);
        buffers = new byte[slots][];
        present = new long[slots][];
        for (int i = 0; i < slots; i++) protocols[i] = -1;
    }

    /**
     * Adds the fragment whose IPv4 header is at {@code off} (already
     * validated). Returns the slot holding the whole payload when this
     * fragment completes it ({@link #payload}, {@link #length}; the caller
     * {@link #release}s it), else -1.
     */
    public int add(byte[] p, int off, long now) {
        expire(now);
        int ihl = Ipv4Header.headerLength(p, off);
        int dataLength = Ipv4Header.totalLength(p, off) - ihl;
        int start = Ipv4Header.fragmentOffset(p, off);
        boolean more = Ipv4Header.moreFragments(p, off);
        if (start + dataLength > MAX_DATAGRAM) return -1; // RFC 791: the datagram cannot be this long
        if (more && (dataLength & 7) != 0) return -1; // all but the last fragment carry 8-byte units
        int s = find(Ipv4Header.source(p, off), Ipv4Header.destination(p, off), Ipv4Header.protocol(p, off), Ipv4Header.identification(p, off));
        if (s < 0) s = claim(p, off, now);
        if (!more) {
            if (totals[s] >= 0 && totals[s] != start + dataLength) { // two different ends: corrupt
                release(s);
                return -1;
            }
            totals[s] = start + dataLength;
        }
        if (totals[s] >= 0 && start + dataLength > totals[s]) {
            release(s);
            return -1;
        }
        System.arraycopy(p, off + ihl, buffers[s], start, dataLength);
        long[] bits = present[s];
        for (int u = start / 8, end = (start + dataLength + 7) / 8; u < end; u++) bits[u >>> 6] |= 1L << (u & 63);
        return complete(s) ? s : -1;
    }

    public byte[] payload(int slot) { return buffers[slot]; }

    public int length(int slot) { return totals[slot]; }

    public int protocol(int slot) { return protocols[slot]; }

    public int source(int slot) { return sources[slot]; }

    public int destination(int slot) { return destinations[slot]; }

    /** Datagrams being reassembled. */
    public int pending() {
        int n = 0;
        for (int p : protocols) if (p >= 0) n++;
        return n;
    }

    /** Drops every datagram whose time ran out at {@code now}; returns how many. */
    public int expire(long now) {
        int n = 0;
        for (int i = 0; i < protocols.length; i++) {
            if (protocols[i] >= 0 && now >= deadlines[i]) {
                release(i);
                n++;
            }
        }
        return n;
    }

    /** Frees the slot (its buffers stay, for the next datagram). */
    public void release(int slot) { protocols[slot] = -1; }

    public void free() {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) Kmem.free(buffers[i]);
            if (present[i] != null) Kmem.free(present[i]);
        }
        Kmem.free(sources);
        Kmem.free(destinations);
        Kmem.free(protocols);
        Kmem.free(ids);
        Kmem.free(deadlines);
        Kmem.free(totals);
    }

    private boolean complete(int s) {
        int total = totals[s];
        if (total < 0) return false;
        long[] bits = present[s];
        for (int u = 0, end = (total + 7) / 8; u < end; u++) if ((bits[u >>> 6] & 1L << (u & 63)) == 0) return false;
        return true;
    }

    private int find(int src, int dst, int protocol, int id) {
        for (int i = 0; i < protocols.length; i++) {
            if (protocols[i] == protocol && sources[i] == src && destinations[i] == dst && ids[i] == id) return i;
        }
        return -1;
    }

    private int claim(byte[] p, int off, long now) {
        int s = -1;
        for (int i = 0; i < protocols.length && s < 0; i++) if (protocols[i] < 0) s = i;
        if (s < 0) {
            s = 0;
            for (int i = 1; i < protocols.length; i++) if (deadlines[i] < deadlines[s]) s = i;
        }
        sources[s] = Ipv4Header.source(p, off);
        destinations[s] = Ipv4Header.destination(p, off);
        protocols[s] = Ipv4Header.protocol(p, off);
        ids[s] = Ipv4Header.identification(p, off);
        deadlines[s] = now + TIMEOUT_NS;
        totals[s] = -1;
        if (buffers[s] == null) {
            buffers[s] = Kmem.newBytes(MAX_DATAGRAM);
            present[s] = Kmem.newLongs((UNITS + 63) / 64);
        } else {
            long[] bits = present[s];
            for (int i = 0; i < bits.length; i++) bits[i] = 0;
        }
        return s;
    }
}
