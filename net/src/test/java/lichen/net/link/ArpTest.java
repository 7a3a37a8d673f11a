package lichen.net.link;

import static org.junit.jupiter.api.Assertions.*;

import lichen.net.Hex;
import lichen.net.Ipv4Address;
import org.junit.jupiter.api.Test;

/** ARP packets (RFC 826) and the cache's learning, holding and expiry. */
class ArpTest {
    static final int HOST = Ipv4Address.of(192, 168, 1, 100);
    static final int ROUTER = Ipv4Address.of(192, 168, 1, 1);

    // "Who has 192.168.1.1? Tell 192.168.1.100" from 52:54:00:12:34:56, padded to 60 bytes as it goes on the wire.
    static final byte[] REQUEST = Hex.bytes("ffffffffffff525400123456" + "0806" + "0001080006040001" + "525400123456c0a80164" + "000000000000c0a80101" + "000000000000000000000000000000000000");

    @Test
    void aRequestDecodes() {
        assertEquals(Ethernet.BROADCAST, Ethernet.destination(REQUEST, 0));
        assertEquals(0x525400123456L, Ethernet.source(REQUEST, 0));
        assertEquals(Ethernet.TYPE_ARP, Ethernet.type(REQUEST, 0));
        int p = Ethernet.HEADER_LENGTH;
        assertTrue(ArpPacket.valid(REQUEST, p, REQUEST.length - p));
        assertEquals(ArpPacket.REQUEST, ArpPacket.operation(REQUEST, p));
        assertEquals(0x525400123456L, ArpPacket.senderMac(REQUEST, p));
        assertEquals(HOST, ArpPacket.senderIp(REQUEST, p));
        assertEquals(0, ArpPacket.targetMac(REQUEST, p));
        assertEquals(ROUTER, ArpPacket.targetIp(REQUEST, p));
        assertEquals("52:54:00:12:34:56", Ethernet.formatMac(ArpPacket.senderMac(REQUEST, p)));
    }

    @Test
    void theEncoderWritesTheSameRequest() {
        byte[] b = new byte[REQUEST.length];
        Ethernet.write(b, 0, Ethernet.BROADCAST, 0x525400123456L, Ethernet.TYPE_ARP);
        ArpPacket.write(b, Ethernet.HEADER_LENGTH, ArpPacket.REQUEST, 0x525400123456L, HOST, 0, ROUTER);
        assertArrayEquals(REQUEST, b);
    }

    @Test
    void packetsForOtherHardwareOrTooShortAreInvalid() {
        byte[] b = REQUEST.clone();
        b[Ethernet.HEADER_LENGTH + 1] = 6; // IEEE 802 hardware type
        assertFalse(ArpPacket.valid(b, Ethernet.HEADER_LENGTH, 46));
        assertFalse(ArpPacket.valid(REQUEST, Ethernet.HEADER_LENGTH, 27));
    }

    @Test
    void learntEntriesExpire() {
        ArpCache c = new ArpCache(4);
        byte[] out = new byte[64];
        assertEquals(-1, c.lookup(ROUTER, 0));
        c.learn(ROUTER, 0x0a0b0c0d0e0fL, 0);
        assertEquals(0, c.takeHeld(ROUTER, out));
        assertEquals(0x0a0b0c0d0e0fL, c.lookup(ROUTER, ArpCache.LIFETIME_NS - 1));
        assertEquals(-1, c.lookup(ROUTER, ArpCache.LIFETIME_NS), "stale");
        assertEquals(0, c.expire(ArpCache.LIFETIME_NS, new int[4]));
        assertEquals(0, c.size(), "flushed (RFC 1122 2.3.2.1)");
    }

    @Test
    void heldPacketsAreHandedBackInOrderWhenTheReplyComes() {
        ArpCache c = new ArpCache(4);
        byte[] packet = {1, 2, 3, 4, 5};
        assertTrue(c.hold(ROUTER, packet, 0, 5, 0), "the first packet asks");
        assertFalse(c.hold(ROUTER, packet, 1, 4, 10), "a second waits too, without asking again");
        assertEquals(-1, c.lookup(ROUTER, 10), "incomplete");
        c.learn(ROUTER, 0x1234, 20);
        assertEquals(0x1234, c.lookup(ROUTER, 20));
        byte[] out = new byte[8];
        assertEquals(5, c.takeHeld(ROUTER, out));
        assertEquals(1, out[0]);
        assertEquals(4, c.takeHeld(ROUTER, out));
        assertEquals(2, out[0]);
        assertEquals(0, c.takeHeld(ROUTER, out));
    }

    @Test
    void pastTheHoldLimitTheOldestPacketGoes() {
        ArpCache c = new ArpCache(4);
        byte[] big = new byte[ArpCache.HOLD_BYTES / 2];
        big[0] = 1;
        c.hold(ROUTER, big, 0, big.length, 0);
        big[0] = 2;
        c.hold(ROUTER, big, 0, big.length, 0);
        c.learn(ROUTER, 0x1234, 0);
        byte[] out = new byte[big.length];
        assertEquals(big.length, c.takeHeld(ROUTER, out));
        assertEquals(2, out[0]);
        assertEquals(0, c.takeHeld(ROUTER, out));
    }

    @Test
    void anUnansweredRequestIsRetriedThenDropped() {
        ArpCache c = new ArpCache(4);
        c.hold(ROUTER, new byte[4], 0, 4, 0);
        int[] retry = new int[4];
        long t = ArpCache.RETRY_NS;
        assertEquals(1, c.expire(t, retry));
        assertEquals(ROUTER, retry[0]);
        assertEquals(1, c.expire(2 * t, retry));
        assertEquals(0, c.expire(3 * t, retry), "after " + ArpCache.MAX_REQUESTS + " requests, give up");
        assertEquals(0, c.size());
    }

    @Test
    void aFullCacheReplacesTheEntryThatExpiresFirst() {
        ArpCache c = new ArpCache(2);
        byte[] out = new byte[8];
        c.learn(1, 11, 0);
        c.learn(2, 22, 5);
        c.learn(3, 33, 10);
        assertEquals(-1, c.lookup(1, 10));
        assertEquals(22, c.lookup(2, 10));
        assertEquals(33, c.lookup(3, 10));
    }
}
