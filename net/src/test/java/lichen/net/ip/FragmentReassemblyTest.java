package lichen.net.ip;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import lichen.net.Ipv4Address;
import org.junit.jupiter.api.Test;

/** RFC 791 3.2 reassembly: any order, overlaps, duplicates, timeouts, hostile lengths. */
class FragmentReassemblyTest {
    static final int SRC = Ipv4Address.of(10, 0, 0, 1), DST = Ipv4Address.of(10, 0, 0, 2);

    /** A fragment of datagram {@code id}: {@code data[start, start + len)} at its offset. */
    static byte[] fragment(int id, byte[] data, int start, int len, boolean more) {
        byte[] p = new byte[20 + len];
        Ipv4Header.write(p, 0, 20 + len, id, (more ? Ipv4Header.FLAG_MORE_FRAGMENTS : 0) | start / 8, 64, Ipv4Header.PROTOCOL_UDP, SRC, DST);
        System.arraycopy(data, start, p, 20, len);
        return p;
    }

    static byte[] payload(int n, int seed) {
        byte[] d = new byte[n];
        new Random(seed).nextBytes(d);
        return d;
    }

    static byte[] result(FragmentReassembly r, int slot) {
        byte[] out = new byte[r.length(slot)];
        System.arraycopy(r.payload(slot), 0, out, 0, out.length);
        return out;
    }

    @Test
    void fragmentsInReverseOrderMakeTheDatagram() {
        FragmentReassembly r = new FragmentReassembly(2);
        byte[] d = payload(3000, 1);
        assertEquals(-1, r.add(fragment(7, d, 2400, 600, false), 0, 0));
        assertEquals(-1, r.add(fragment(7, d, 1200, 1200, true), 0, 0));
        int slot = r.add(fragment(7, d, 0, 1200, true), 0, 0);
        assertTrue(slot >= 0);
        assertArrayEquals(d, result(r, slot));
        assertEquals(Ipv4Header.PROTOCOL_UDP, r.protocol(slot));
        assertEquals(SRC, r.source(slot));
        r.release(slot);
        assertEquals(0, r.pending());
    }

    @Test
    void overlappingAndDuplicateFragmentsInRandomOrder() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            FragmentReassembly r = new FragmentReassembly(2);
            byte[] d = payload(8 + rnd.nextInt(6000), round);
            List<byte[]> pieces = new ArrayList<>();
            // Cover the datagram with pieces of random 8-byte-aligned starts and lengths, overlapping.
            for (int at = 0; at < d.length; ) {
                int start = Math.max(0, at - 8 * rnd.nextInt(4));
                int len = Math.min(d.length - start, 8 * (1 + rnd.nextInt(100)));
                boolean last = start + len == d.length;
                pieces.add(fragment(round, d, start, len, !last));
                at = start + len;
            }
            pieces.add(pieces.get(rnd.nextInt(pieces.size()))); // a duplicate
            Collections.shuffle(pieces, rnd);
            int slot = -1;
            for (byte[] f : pieces) {
                if (slot >= 0) break;
                slot = r.add(f, 0, 0);
            }
            assertTrue(slot >= 0, "round " + round);
            assertArrayEquals(d, result(r, slot), "round " + round);
        }
    }

    @Test
    void anIncompleteDatagramTimesOut() {
        FragmentReassembly r = new FragmentReassembly(2);
        byte[] d = payload(2000, 3);
        r.add(fragment(9, d, 0, 1000, true), 0, 0);
        assertEquals(1, r.pending());
        assertEquals(0, r.expire(FragmentReassembly.TIMEOUT_NS - 1));
        assertEquals(1, r.expire(FragmentReassembly.TIMEOUT_NS));
        assertEquals(-1, r.add(fragment(9, d, 1000, 1000, false), 0, FragmentReassembly.TIMEOUT_NS), "the first half is gone");
    }

    @Test
    void interleavedDatagramsAreKeptApartByIdentification() {
        FragmentReassembly r = new FragmentReassembly(4);
        byte[] a = payload(1600, 4), b = payload(1600, 5);
        r.add(fragment(1, a, 0, 800, true), 0, 0);
        r.add(fragment(2, b, 800, 800, false), 0, 0);
        r.add(fragment(2, b, 0, 800, true), 0, 0);
        int sa = r.add(fragment(1, a, 800, 800, false), 0, 0);
        assertArrayEquals(a, result(r, sa));
    }

    @Test
    void hostileFragmentsAreRefused() {
        FragmentReassembly r = new FragmentReassembly(2);
        byte[] d = payload(70000, 6);
        assertEquals(-1, r.add(fragment(3, d, 65528, 16, false), 0, 0), "past 65535 bytes");
        assertEquals(-1, r.add(fragment(3, d, 0, 13, true), 0, 0), "a middle fragment not a multiple of 8");
        r.add(fragment(4, d, 0, 800, false), 0, 0);
        // Another "last" fragment of the same datagram ending elsewhere: corrupt, dropped.
        assertEquals(-1, r.add(fragment(4, d, 800, 800, false), 0, 0));
    }
}
