package lichen.net.tcp;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

/** RFC 6298's estimator and timer, Karn's rule, RFC 5681's loss window and fast retransmit, RFC 6582's recovery. */
class TcpRetransmissionTest {
    static final long MS = 1_000_000L;
    final TcpPair p = new TcpPair();

    /** A connection whose handshake took {@code rtt}: the first RTT sample. */
    TcpConnection[] connectWithRtt(long rtt) {
        TcpConnection l = p.listen(80);
        TcpConnection c = p.a.layer.open();
        c.setMinimumRto(200 * MS);
        c.connect(TcpPair.B, 80);
        p.clock.advance(rtt / 2);
        p.deliverOne(p.a);
        p.clock.advance(rtt - rtt / 2);
        p.deliverOne(p.b);
        p.deliverOne(p.a);
        return new TcpConnection[] {c, l.accept()};
    }

    @Test
    void srttAndRttvarFollowRfc6298() {
        TcpConnection c = connectWithRtt(100 * MS)[0];
        // 2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + max(G, 4 RTTVAR).
        assertEquals(100 * MS, c.smoothedRtt());
        assertEquals(50 * MS, c.rttVariation());
        assertEquals(300 * MS, c.retransmissionTimeout());
        // 2.3 with R' = 200 ms: RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5.
        c.send(new byte[100], 0, 100);
        p.clock.advance(200 * MS);
        p.deliverAll();
        assertEquals(112_500_000L, c.smoothedRtt());
        assertEquals(62_500_000L, c.rttVariation());
        assertEquals(362_500_000L, c.retransmissionTimeout());
    }

    @Test
    void theRtoHasAOneSecondFloorByDefault() {
        TcpConnection l = p.listen(80);
        TcpConnection c = p.a.layer.open();
        assertEquals(1000 * MS, c.retransmissionTimeout(), "2.1: 1 s before any sample");
        c.connect(TcpPair.B, 80);
        p.clock.advance(10 * MS);
        p.deliverAll();
        assertEquals(10 * MS, c.smoothedRtt());
        assertEquals(1000 * MS, c.retransmissionTimeout(), "2.4: rounded up to 1 s");
    }

    @Test
    void aLostSegmentIsResentAfterTheRtoWhichDoublesAndKarnSkipsTheSample() {
        TcpConnection[] cs = connectWithRtt(100 * MS);
        TcpConnection c = cs[0];
        c.send("lost".getBytes(), 0, 4);
        Wire.Sent first = p.a.sent.poll(); // dropped
        assertEquals(4, first.dataLength());
        p.advance(300 * MS - 1);
        assertTrue(p.a.sent.isEmpty(), "not before the RTO");
        p.advance(1);
        Wire.Sent again = p.a.sent.poll();
        assertEquals(first.seq(), again.seq());
        assertEquals(600 * MS, c.retransmissionTimeout(), "5.5: doubled");
        p.advance(600 * MS);
        assertEquals(first.seq(), p.a.sent.peek().seq());
        assertEquals(1200 * MS, c.retransmissionTimeout());
        assertEquals(c.sendMss(), c.congestionWindow(), "RFC 5681 3.1: the loss window is one segment");
        assertEquals(2 * c.sendMss(), c.slowStartThreshold(), "ssthresh = max(FlightSize / 2, 2 SMSS)");
        long srtt = c.smoothedRtt();
        p.deliverAll();
        byte[] b = new byte[8];
        assertEquals(4, cs[1].receive(b, 0, 8));
        assertEquals(srtt, c.smoothedRtt(), "Karn: no sample from a retransmitted segment");
        assertEquals(0, c.unacknowledged());
    }

    @Test
    void unansweredRetransmissionsEndInEtimedout() {
        TcpConnection c = connectWithRtt(100 * MS)[0];
        c.send(new byte[10], 0, 10);
        int sends = 0;
        while (c.state() != TcpState.CLOSED && sends < 100) {
            p.a.sent.clear();
            p.advance(c.retransmissionTimeout());
            sends++;
        }
        assertEquals(TcpConnection.MAX_RETRANSMISSIONS + 1, sends);
        assertEquals(-Errno.ETIMEDOUT, c.send(new byte[1], 0, 1));
    }

    @Test
    void aLostSynIsResentAndConnectTimesOut() {
        TcpConnection c = p.a.layer.open();
        c.connect(TcpPair.B, 80);
        int iss = p.a.sent.poll().seq();
        p.advance(1000 * MS);
        Wire.Sent again = p.a.sent.poll();
        assertEquals(TcpHeader.SYN, again.flags());
        assertEquals(iss, again.seq());
        for (int i = 0; i < 10 && c.state() != TcpState.CLOSED; i++) {
            p.a.sent.clear();
            p.advance(c.retransmissionTimeout());
        }
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(Errno.ETIMEDOUT, c.takeError());
    }

    @Test
    void threeDuplicateAcksRetransmitAtOnceAndNewRenoRecovers() {
        p.a.mtu = p.b.mtu = 576; // SMSS 536: the initial window is 4 segments
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0];
        int mss = c.sendMss();
        assertEquals(536, mss);
        assertEquals(4 * mss, c.congestionWindow(), "RFC 5681 3.1: IW = min(4 SMSS, max(2 SMSS, 4380))");
        // A segment from the server first, so that its scaled window is known (a changed window makes no duplicate: RFC 5681 2).
        cs[1].send(new byte[1], 0, 1);
        p.deliverAll();
        c.send(new byte[4 * mss], 0, 4 * mss);
        assertEquals(4, p.a.sent.size());
        Wire.Sent lost = p.a.sent.poll();
        for (int i = 0; i < 3; i++) p.deliverOne(p.a);
        assertEquals(3, p.b.sent.size(), "one duplicate ACK for each segment past the hole");
        for (Wire.Sent dup : p.b.sent) assertEquals(lost.seq(), dup.ack());
        p.deliverOne(p.b);
        p.deliverOne(p.b);
        assertTrue(p.a.sent.isEmpty(), "two duplicates are not enough");
        p.deliverOne(p.b);
        Wire.Sent resent = p.a.sent.peek();
        assertNotNull(resent, "fast retransmit, before any timer");
        assertEquals(lost.seq(), resent.seq());
        assertEquals(2 * mss, c.slowStartThreshold(), "ssthresh = FlightSize / 2");
        assertEquals(c.slowStartThreshold() + 3 * mss, c.congestionWindow(), "inflated by the three segments that left");
        p.deliverAll();
        assertEquals(0, c.unacknowledged());
        assertEquals(c.slowStartThreshold(), c.congestionWindow(), "deflated to ssthresh on the full ACK");
        byte[] b = new byte[8 * mss];
        assertEquals(4 * mss, cs[1].receive(b, 0, b.length));
    }

    @Test
    void aPartialAckInRecoveryRetransmitsTheNextHole() {
        p.a.mtu = p.b.mtu = 576;
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0];
        int mss = c.sendMss();
        // Grow the window first so that five segments fly at once.
        c.send(new byte[4 * mss], 0, 4 * mss);
        p.deliverAll();
        cs[1].receive(new byte[4 * mss], 0, 4 * mss);
        c.send(new byte[6 * mss], 0, 6 * mss);
        assertTrue(p.a.sent.size() >= 6);
        Wire.Sent first = p.a.sent.poll();
        p.deliverOne(p.a);
        Wire.Sent third = p.a.sent.poll();
        while (p.deliverOne(p.a)) {}
        p.deliverAll(); // dup ACKs trigger the retransmission of "first"; its ACK is partial (the third is missing)
        assertEquals(0, c.unacknowledged(), "NewReno resent the third segment on the partial ACK");
        assertNotEquals(first.seq(), third.seq());
        assertEquals(6 * mss, cs[1].receive(new byte[8 * mss], 0, 8 * mss));
    }

    @Test
    void outOfOrderSegmentsAreHeldAndDeliveredInOrder() {
        p.a.mtu = p.b.mtu = 576;
        TcpConnection[] cs = p.connect(80);
        byte[] data = new byte[3 * 536];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        cs[0].send(data, 0, data.length);
        Wire.Sent s1 = p.a.sent.poll(), s2 = p.a.sent.poll(), s3 = p.a.sent.poll();
        p.b.receive(s3);
        p.b.receive(s2);
        assertEquals(0, cs[1].readable(), "nothing in order yet");
        p.b.receive(s2); // a duplicate
        p.b.receive(s1);
        byte[] got = new byte[data.length];
        assertEquals(data.length, cs[1].receive(got, 0, got.length));
        assertArrayEquals(data, got);
    }
}
