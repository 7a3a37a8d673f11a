package lichen.net.tcp;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

/** Every transition of RFC 9293 3.3.2's state diagram (Figure 5), driven segment by segment. */
class TcpStateTransitionTest {
    final TcpPair p = new TcpPair();

    @Test
    void activeAndPassiveOpenIsAThreeWayHandshake() {
        TcpConnection l = p.listen(80);
        assertEquals(TcpState.LISTEN, l.state());
        TcpConnection c = p.a.layer.open();
        assertEquals(-Errno.EINPROGRESS, c.connect(TcpPair.B, 80));
        assertEquals(TcpState.SYN_SENT, c.state());
        Wire.Sent syn = p.a.sent.peek();
        assertEquals(TcpHeader.SYN, syn.flags());
        assertEquals(1460, syn.decode().mss);
        p.deliverOne(p.a);
        assertNull(l.accept(), "not established yet");
        Wire.Sent synAck = p.b.sent.peek();
        assertEquals(TcpHeader.SYN | TcpHeader.ACK, synAck.flags());
        assertEquals(syn.seq() + 1, synAck.ack());
        p.deliverOne(p.b);
        assertEquals(TcpState.ESTABLISHED, c.state());
        Wire.Sent ack = p.a.sent.peek();
        assertEquals(TcpHeader.ACK, ack.flags());
        assertEquals(synAck.seq() + 1, ack.ack());
        p.deliverOne(p.a);
        TcpConnection s = l.accept();
        assertNotNull(s);
        assertEquals(TcpState.ESTABLISHED, s.state());
        assertEquals(TcpPair.A, s.remoteIp());
        assertEquals(c.localPort(), s.remotePort());
        assertNull(l.accept());
    }

    @Test
    void dataFlowsBothWaysInOrder() {
        TcpConnection[] cs = p.connect(80);
        assertEquals(5, cs[0].send("hello".getBytes(), 0, 5));
        assertEquals(6, cs[1].send("world!".getBytes(), 0, 6));
        p.deliverAll();
        byte[] buf = new byte[16];
        assertEquals(5, cs[1].receive(buf, 0, 16));
        assertEquals("hello", new String(buf, 0, 5));
        assertEquals(6, cs[0].receive(buf, 0, 16));
        assertEquals("world!", new String(buf, 0, 6));
        assertEquals(-Errno.EAGAIN, cs[0].receive(buf, 0, 16));
        assertEquals(0, cs[0].unacknowledged());
    }

    @Test
    void activeCloseGoesThroughFinWait1FinWait2AndTimeWait() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0], s = cs[1];
        c.close();
        assertEquals(TcpState.FIN_WAIT_1, c.state());
        assertTrue(p.a.sent.peek().has(TcpHeader.FIN));
        p.deliverOne(p.a);
        assertEquals(TcpState.CLOSE_WAIT, s.state());
        assertEquals(0, s.receive(new byte[4], 0, 4), "end of stream");
        p.deliverOne(p.b);
        assertEquals(TcpState.FIN_WAIT_2, c.state());
        s.close();
        assertEquals(TcpState.LAST_ACK, s.state());
        p.deliverOne(p.b);
        assertEquals(TcpState.TIME_WAIT, c.state());
        p.deliverOne(p.a);
        assertEquals(TcpState.CLOSED, s.state());
        p.advance(TcpConnection.TIME_WAIT_NS - 1);
        assertEquals(TcpState.TIME_WAIT, c.state());
        assertEquals(2, p.a.layer.count() + p.b.layer.count(), "TIME_WAIT and the listener hold their ports");
        p.advance(1);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(1, p.a.layer.count() + p.b.layer.count(), "only the listener is left");
    }

    @Test
    void finWithTheAckOfOursGoesFromFinWait1StraightToTimeWait() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0], s = cs[1];
        c.close();
        p.deliverOne(p.a);
        p.b.sent.clear(); // the server's bare ACK of our FIN is lost
        s.close();
        Wire.Sent finAck = p.b.sent.peek();
        assertTrue(finAck.has(TcpHeader.FIN) && finAck.has(TcpHeader.ACK));
        p.deliverOne(p.b);
        assertEquals(TcpState.TIME_WAIT, c.state());
    }

    @Test
    void simultaneousCloseGoesThroughClosing() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0], s = cs[1];
        c.close();
        s.close();
        assertEquals(TcpState.FIN_WAIT_1, c.state());
        assertEquals(TcpState.FIN_WAIT_1, s.state());
        p.deliverOne(p.a);
        p.deliverOne(p.b); // the FINs cross
        assertEquals(TcpState.CLOSING, c.state());
        assertEquals(TcpState.CLOSING, s.state());
        p.deliverAll();
        assertEquals(TcpState.TIME_WAIT, c.state());
        assertEquals(TcpState.TIME_WAIT, s.state());
        p.advance(TcpConnection.TIME_WAIT_NS);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpState.CLOSED, s.state());
    }

    @Test
    void simultaneousOpenGoesThroughSynReceived() {
        TcpConnection x = p.a.layer.open(), y = p.b.layer.open();
        assertEquals(0, x.bind(0, 5000));
        assertEquals(0, y.bind(0, 6000));
        x.connect(TcpPair.B, 6000);
        y.connect(TcpPair.A, 5000);
        p.deliverOne(p.a);
        p.deliverOne(p.b); // the SYNs cross
        assertEquals(TcpState.SYN_RECEIVED, x.state());
        assertEquals(TcpState.SYN_RECEIVED, y.state());
        p.deliverAll();
        assertEquals(TcpState.ESTABLISHED, x.state());
        assertEquals(TcpState.ESTABLISHED, y.state());
        x.send("abc".getBytes(), 0, 3);
        p.deliverAll();
        byte[] b = new byte[3];
        assertEquals(3, y.receive(b, 0, 3));
        assertEquals("abc", new String(b));
    }

    @Test
    void passiveCloseGoesThroughCloseWaitAndLastAck() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0], s = cs[1];
        s.shutdown(false, true);
        p.deliverOne(p.b);
        assertEquals(TcpState.CLOSE_WAIT, c.state());
        assertEquals(0, c.receive(new byte[1], 0, 1));
        assertEquals(3, c.send("bye".getBytes(), 0, 3), "a half-closed connection still sends");
        c.close();
        assertEquals(TcpState.LAST_ACK, c.state());
        p.deliverAll();
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpState.TIME_WAIT, s.state());
    }

    @Test
    void dataForAConnectionItsUserClosedIsResetAndTheSenderGetsEpipe() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0], s = cs[1];
        s.close();
        p.deliverAll();
        assertEquals(TcpState.CLOSE_WAIT, c.state());
        assertEquals(3, c.send("bye".getBytes(), 0, 3), "the send is queued: the peer's close is not yet known to refuse it");
        p.deliverAll();
        assertEquals(TcpState.CLOSED, c.state(), "the closed peer answered with a reset (tcp_rcv_state_process)");
        assertEquals(-Errno.EPIPE, c.send("x".getBytes(), 0, 1), "a reset in CLOSE_WAIT is EPIPE (tcp_reset)");
    }

    @Test
    void synToAClosedPortIsAnsweredWithResetAndConnectIsRefused() {
        TcpConnection c = p.a.layer.open();
        c.connect(TcpPair.B, 81);
        int iss = p.a.sent.peek().seq();
        p.deliverOne(p.a);
        Wire.Sent rst = p.b.sent.peek();
        assertEquals(TcpHeader.RST | TcpHeader.ACK, rst.flags());
        assertEquals(0, rst.seq());
        assertEquals(iss + 1, rst.ack());
        p.deliverOne(p.b);
        assertEquals(TcpState.CLOSED, c.state());
        assertNotEquals(0, c.poll() & lichen.fs.vfs.PollEvents.POLLERR);
        assertEquals(Errno.ECONNREFUSED, c.takeError());
    }

    @Test
    void anAckToAClosedPortIsAnsweredWithResetAtItsAckNumber() {
        TcpConnection[] cs = p.connect(80);
        Wire.Sent stray = TcpPair.forge(cs[0], 1234, 5678, TcpHeader.ACK, 100, new byte[0]);
        // Sent to a port of B that has nothing: swap the destination port.
        byte[] b = stray.bytes();
        b[2] = 0; b[3] = 99;
        TcpHeader.writeChecksum(b, 0, b.length, stray.source(), stray.destination());
        p.a.receive(stray);
        Wire.Sent rst = p.a.sent.poll();
        assertEquals(TcpHeader.RST, rst.flags());
        assertEquals(5678, rst.seq());
    }

    @Test
    void resetInSynSentAcceptedOnlyWithAnAcceptableAck() {
        TcpConnection c = p.a.layer.open();
        c.connect(TcpPair.B, 80);
        Wire.Sent syn = p.a.sent.poll();
        p.a.receive(TcpPair.forge(c, 0, syn.seq() + 7, TcpHeader.RST | TcpHeader.ACK, 0, new byte[0]));
        assertEquals(TcpState.SYN_SENT, c.state(), "an RST whose ACK is not for our SYN is ignored (after our own reset)");
        p.a.receive(TcpPair.forge(c, 0, syn.seq() + 1, TcpHeader.RST | TcpHeader.ACK, 0, new byte[0]));
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(Errno.ECONNREFUSED, c.takeError());
    }

    @Test
    void resetInSynReceivedDropsTheChildAndTheListenerStays() {
        TcpConnection l = p.listen(80);
        TcpConnection c = p.a.layer.open();
        c.connect(TcpPair.B, 80);
        p.deliverOne(p.a);
        Wire.Sent synAck = p.b.sent.poll();
        assertEquals(2, p.b.layer.count());
        p.b.receive(new Wire.Sent(TcpPair.A, TcpPair.B, resetBytes(c, synAck.ack(), synAck.seq() + 1)));
        assertEquals(1, p.b.layer.count(), "the embryonic connection is gone");
        assertEquals(TcpState.LISTEN, l.state());
        assertNull(l.accept());
    }

    @Test
    void resetToAListenerIsIgnoredAndALostSynAckIsSentAgain() {
        TcpConnection l = p.listen(80);
        TcpConnection c = p.a.layer.open();
        c.connect(TcpPair.B, 80);
        Wire.Sent syn = p.a.sent.poll();
        byte[] rst = resetBytes(c, 0, 0);
        p.b.receive(new Wire.Sent(TcpPair.A, TcpPair.B, rst));
        assertEquals(TcpState.LISTEN, l.state(), "RFC 9293 3.10.7.2: an RST to LISTEN is ignored");
        assertTrue(p.b.sent.isEmpty());
        p.b.receive(syn);
        Wire.Sent synAck = p.b.sent.poll(); // lost
        p.b.receive(syn); // the client's SYN again, before the server's timer
        Wire.Sent again = p.b.sent.poll();
        assertEquals(TcpHeader.SYN | TcpHeader.ACK, again.flags());
        assertEquals(synAck.seq(), again.seq());
        p.a.receive(again);
        p.deliverAll();
        assertNotNull(l.accept());
    }

    @Test
    void everyBufferAConnectionTookIsGivenBackWhenItEnds() {
        TcpConnection l = p.listen(80);
        int before = lichen.api.Kmem.liveCount();
        for (int round = 0; round < 3; round++) {
            TcpConnection c = p.a.layer.open();
            c.connect(TcpPair.B, 80);
            p.deliverAll();
            TcpConnection s = l.accept();
            c.send(new byte[5000], 0, 5000);
            p.deliverAll();
            s.receive(new byte[5000], 0, 5000);
            c.close();
            p.deliverAll();
            s.close();
            p.deliverAll();
            p.advance(TcpConnection.TIME_WAIT_NS);
        }
        assertEquals(1, p.a.layer.count() + p.b.layer.count());
        assertEquals(before, lichen.api.Kmem.liveCount(), "no ring or table leaked (a double free would have thrown)");
    }

    @Test
    void resetInEachSynchronizedStateCloses() {
        assertResetCloses(TcpState.ESTABLISHED, Errno.ECONNRESET);
        assertResetCloses(TcpState.FIN_WAIT_1, Errno.ECONNRESET);
        assertResetCloses(TcpState.FIN_WAIT_2, Errno.ECONNRESET);
        assertResetCloses(TcpState.CLOSE_WAIT, Errno.EPIPE);
        assertResetCloses(TcpState.CLOSING, 0);
        assertResetCloses(TcpState.LAST_ACK, 0);
        assertResetCloses(TcpState.TIME_WAIT, 0);
    }

    @Test
    void resetWithTheWrongSequenceNumberGetsAChallengeAck() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0];
        p.a.receive(TcpPair.forge(c, c.rcvNxt + 10, c.sndNxt, TcpHeader.RST, 0, new byte[0]));
        assertEquals(TcpState.ESTABLISHED, c.state(), "RFC 5961 3.2");
        Wire.Sent challenge = p.a.sent.poll();
        assertEquals(TcpHeader.ACK, challenge.flags());
        assertEquals(c.rcvNxt, challenge.ack());
        p.a.receive(TcpPair.forge(c, c.rcvNxt + 1_000_000, c.sndNxt, TcpHeader.RST, 0, new byte[0]));
        assertEquals(TcpState.ESTABLISHED, c.state(), "out of the window");
    }

    @Test
    void synInEstablishedGetsAChallengeAckNotAReset() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0];
        p.a.receive(TcpPair.forge(c, c.rcvNxt, 0, TcpHeader.SYN, 1000, new byte[0]));
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(TcpHeader.ACK, p.a.sent.poll().flags());
    }

    @Test
    void anAckForDataNeverSentIsAnsweredAndIgnored() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0];
        int una = c.sndUna;
        p.a.receive(TcpPair.forge(c, c.rcvNxt, c.sndNxt + 1000, TcpHeader.ACK, 1000, new byte[0]));
        assertEquals(una, c.sndUna);
        assertEquals(TcpHeader.ACK, p.a.sent.poll().flags());
    }

    @Test
    void sendAfterShutdownIsEpipeAndTheReaderSeesEndOfStream() {
        TcpConnection[] cs = p.connect(80);
        assertEquals(0, cs[0].shutdown(false, true));
        assertEquals(-Errno.EPIPE, cs[0].send(new byte[1], 0, 1));
        p.deliverAll();
        assertEquals(0, cs[1].receive(new byte[1], 0, 1));
        assertNotEquals(0, cs[1].poll() & lichen.fs.vfs.PollEvents.POLLRDHUP);
    }

    @Test
    void closingWithUnreadDataResetsThePeer() {
        TcpConnection[] cs = p.connect(80);
        cs[0].send("unread".getBytes(), 0, 6);
        p.deliverAll();
        cs[1].close();
        assertEquals(TcpHeader.RST | TcpHeader.ACK, p.b.sent.peek().flags());
        p.deliverAll();
        assertEquals(TcpState.CLOSED, cs[0].state());
        assertEquals(-Errno.ECONNRESET, cs[0].receive(new byte[1], 0, 1));
    }

    @Test
    void closingAListenerResetsConnectionsNotYetAccepted() {
        TcpConnection l = p.listen(80);
        TcpConnection c = p.a.layer.open();
        c.connect(TcpPair.B, 80);
        p.deliverAll();
        assertEquals(TcpState.ESTABLISHED, c.state());
        l.close();
        p.deliverAll();
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(Errno.ECONNRESET, c.takeError());
        assertEquals(0, p.b.layer.count());
    }

    @Test
    void bindingAPortTwiceIsEaddrinuse() {
        TcpConnection x = p.a.layer.open(), y = p.a.layer.open();
        assertEquals(0, x.bind(0, 7000));
        assertEquals(-Errno.EADDRINUSE, y.bind(0, 7000));
        assertEquals(-Errno.EADDRNOTAVAIL, y.bind(lichen.net.Ipv4Address.of(1, 2, 3, 4), 7001));
        assertEquals(0, y.bind(0, 0));
        assertTrue(y.localPort() >= lichen.net.stack.EphemeralPorts.FIRST);
    }

    @Test
    void reuseAddressLetsAServerBindThePortItsTimeWaitConnectionHolds() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection l = cs[2];
        cs[1].close(); // the server closes first: its side waits in TIME_WAIT
        p.deliverAll();
        cs[0].close();
        p.deliverAll();
        l.close();
        assertEquals(TcpState.TIME_WAIT, cs[1].state());
        TcpConnection again = p.b.layer.open();
        assertEquals(-Errno.EADDRINUSE, again.bind(0, 80), "without SO_REUSEADDR TIME_WAIT keeps the port");
        again.setReuseAddress(true);
        assertEquals(0, again.bind(0, 80));
        assertEquals(0, again.listen(4));
        TcpConnection other = p.b.layer.open();
        other.setReuseAddress(true);
        assertEquals(-Errno.EADDRINUSE, other.bind(0, 80), "a listener keeps its port even from SO_REUSEADDR");
        TcpConnection c = p.a.layer.open();
        c.connect(TcpPair.B, 80);
        p.deliverAll();
        assertEquals(TcpState.ESTABLISHED, c.state(), "a new connection from a new port reaches the new listener");
        assertNotNull(again.accept());
    }

    /** Brings a fresh pair into {@code state} on A's side, resets it from B at exactly RCV.NXT, and checks it closed with {@code errno}. */
    private void assertResetCloses(TcpState state, int errno) {
        TcpPair q = new TcpPair();
        TcpConnection[] cs = q.connect(80);
        TcpConnection c = cs[0], s = cs[1];
        switch (state) {
            case FIN_WAIT_1 -> { c.close(); c.userClosed = false; q.a.sent.clear(); }
            case FIN_WAIT_2 -> { c.shutdown(false, true); q.deliverAll(); }
            case CLOSE_WAIT -> { s.shutdown(false, true); q.deliverAll(); }
            case CLOSING -> { c.shutdown(false, true); s.shutdown(false, true); q.deliverOne(q.a); q.deliverOne(q.b); q.a.sent.clear(); }
            case LAST_ACK -> { s.shutdown(false, true); q.deliverAll(); c.shutdown(false, true); q.a.sent.clear(); }
            case TIME_WAIT -> { c.shutdown(false, true); q.deliverAll(); s.shutdown(false, true); q.deliverAll(); }
            default -> {}
        }
        assertEquals(state, c.state());
        q.a.receive(TcpPair.forge(c, c.rcvNxt, 0, TcpHeader.RST, 0, new byte[0]));
        assertEquals(TcpState.CLOSED, c.state(), "RST in " + state);
        assertEquals(errno, c.takeError(), "error after RST in " + state);
    }

    private static byte[] resetBytes(TcpConnection from, int seq, int ack) {
        byte[] b = new byte[TcpHeader.MIN_LENGTH];
        TcpHeader.write(b, 0, from.localPort(), 80, seq, ack, TcpHeader.RST, 0, TcpHeader.MIN_LENGTH);
        TcpHeader.writeChecksum(b, 0, b.length, TcpPair.A, TcpPair.B);
        return b;
    }

}
