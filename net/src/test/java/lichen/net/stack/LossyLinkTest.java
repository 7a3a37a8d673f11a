package lichen.net.stack;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.Errno;
import lichen.net.tcp.TcpConnection;
import lichen.net.tcp.TcpState;
import lichen.net.tool.SimulatedLink;
import org.junit.jupiter.api.Test;

/** Two whole stacks over a simulated Ethernet that loses, duplicates and reorders: TCP still moves every byte, in order. */
class LossyLinkTest {
    static final int MIB = 1 << 20;
    static final long SECOND = 1_000_000_000L;

    /** The byte at position {@code i} of the stream with {@code seed}: any error shows. */
    static byte streamByte(long i, int seed) { return (byte) ((i * 2654435761L >>> 13) ^ seed ^ (i >>> 8)); }

    /** Moves {@code bytes} each way between a client on the left and a server on the right; returns the simulated seconds it took. */
    static double transfer(SimulatedLink link, int bytes) {
        TcpConnection l = link.right.tcp.open();
        assertEquals(0, l.bind(0, 5001));
        assertEquals(0, l.listen(4));
        TcpConnection c = link.left.tcp.open();
        assertEquals(-Errno.EINPROGRESS, c.connect(SimulatedLink.RIGHT_IP, 5001));
        TcpConnection s = null;
        long start = link.clock.now();
        long limit = start + 600 * SECOND;
        byte[] buf = new byte[16384];
        long[] sent = new long[2], got = new long[2];
        TcpConnection[] ends = new TcpConnection[2];
        ends[0] = c;
        while (link.clock.now() < limit) {
            if (s == null && (s = l.accept()) != null) ends[1] = s;
            for (int e = 0; e < 2; e++) {
                TcpConnection x = ends[e];
                if (x == null || x.state() == TcpState.SYN_SENT) continue;
                while (sent[e] < bytes) {
                    int n = (int) Math.min(buf.length, bytes - sent[e]);
                    for (int i = 0; i < n; i++) buf[i] = streamByte(sent[e] + i, e);
                    int r = x.send(buf, 0, n);
                    if (r == -Errno.EAGAIN) break;
                    assertTrue(r > 0, "send: " + r);
                    sent[e] += r;
                }
                int r;
                while ((r = x.receive(buf, 0, buf.length)) > 0) {
                    for (int i = 0; i < r; i++) {
                        if (buf[i] != streamByte(got[e] + i, 1 - e)) fail("byte " + (got[e] + i) + " from side " + (1 - e) + " is wrong");
                    }
                    got[e] += r;
                }
                assertTrue(r == -Errno.EAGAIN, "receive: " + r);
            }
            if (got[0] == bytes && got[1] == bytes) break;
            link.step(limit);
        }
        assertEquals(bytes, got[0], "bytes the client received");
        assertEquals(bytes, got[1], "bytes the server received");
        double seconds = (link.clock.now() - start) / 1e9;
        // Both close; the connections finish their handshakes through the same bad link.
        c.close();
        s.close();
        l.close();
        long end = link.clock.now() + 300 * SECOND;
        while (link.step(end) && link.left.tcp.count() + link.right.tcp.count() > 0) {}
        assertEquals(0, link.left.tcp.count() + link.right.tcp.count(), "every connection reached CLOSED");
        return seconds;
    }

    @Test
    void aMebibyteEachWayOverACleanLink() {
        SimulatedLink link = new SimulatedLink(1);
        link.queueLimit = Integer.MAX_VALUE; // no tail drop either
        double t = transfer(link, MIB);
        assertEquals(0, link.framesLost);
        assertTrue(t < 1, "100 Mbit/s carries 2 MiB in well under a second of simulated time: " + t);
    }

    @Test
    void aMebibyteEachWayOverALossyDuplicatingReorderingLink() {
        for (int seed = 1; seed <= 3; seed++) {
            SimulatedLink link = new SimulatedLink(seed);
            link.loss = 0.02;
            link.duplication = 0.01;
            link.reordering = 0.05;
            transfer(link, MIB);
            assertTrue(link.framesLost > 0 && link.framesDuplicated > 0, "the link did misbehave");
        }
    }

    @Test
    void aSlowLinkWithAShortQueueDropsAndCongestionControlCopes() {
        SimulatedLink link = new SimulatedLink(7);
        link.bitsPerSecond = 10_000_000L;
        link.queueLimit = 16;
        link.delayNs = 10_000_000L;
        transfer(link, MIB / 2);
    }
}
