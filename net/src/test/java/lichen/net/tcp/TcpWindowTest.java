package lichen.net.tcp;

import static org.junit.jupiter.api.Assertions.*;

import lichen.fs.vfs.PollEvents;
import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

/** Flow control (RFC 9293 3.8.6), window scaling (RFC 7323 2), the persist timer, keepalives (RFC 1122 4.2.3.6) and readiness. */
class TcpWindowTest {
    static final long MS = 1_000_000L;
    final TcpPair p = new TcpPair();

    @Test
    void bothSidesOfferingWindowScaleUseIt() {
        TcpConnection[] cs = p.connect(80);
        // 128 KiB buffers: the smallest shift with 131072 >> shift <= 65535 is 2.
        assertEquals(2, cs[0].receiveScale());
        assertEquals(2, cs[0].sendScale());
        assertEquals(2, cs[1].sendScale());
        cs[1].send(new byte[1], 0, 1); // a segment after the SYN carries a scaled window
        p.deliverAll();
        assertEquals(TcpConnection.DEFAULT_BUFFER, cs[0].sendWindow());
    }

    @Test
    void aSynWithoutWindowScaleIsAnsweredWithout() {
        TcpConnection l = p.listen(80);
        byte[] syn = new byte[24];
        TcpHeader.write(syn, 0, 4000, 80, 1000, 0, TcpHeader.SYN, 8192, 24);
        syn[20] = TcpHeader.OPTION_MSS;
        syn[21] = 4;
        syn[22] = 0x05;
        syn[23] = (byte) 0xb4; // 1460
        TcpHeader.writeChecksum(syn, 0, 24, TcpPair.A, TcpPair.B);
        p.b.receive(new Wire.Sent(TcpPair.A, TcpPair.B, syn));
        TcpSegment synAck = p.b.sent.poll().decode();
        assertEquals(-1, synAck.windowScale, "RFC 7323 2.2: no option unless the SYN had one");
        assertEquals(1460, synAck.mss);
        assertEquals(1001, synAck.ack);
        assertEquals(65535, synAck.window, "a SYN's window is never scaled");
    }

    @Test
    void aSmallReceiverClosesTheWindowAndThePersistTimerProbesIt() {
        TcpConnection l = p.b.layer.open();
        l.setReceiveBuffer(4096);
        l.bind(0, 80);
        l.listen(4);
        TcpConnection c = p.a.layer.open();
        c.connect(TcpPair.B, 80);
        p.deliverAll();
        TcpConnection s = l.accept();
        assertEquals(0, c.sendScale(), "4 KiB needs no scaling");
        assertEquals(10000, c.send(new byte[10000], 0, 10000));
        p.deliverAll();
        assertEquals(4096, s.readable());
        assertEquals(0, c.sendWindow(), "the receiver's buffer is full");
        assertEquals(10000 - 4096, c.unacknowledged());
        // Nothing in flight, data waiting, window zero: the persist timer asks (RFC 9293 3.8.6.1).
        long rto = c.retransmissionTimeout();
        p.advance(rto);
        Wire.Sent probe = p.a.sent.poll();
        assertNotNull(probe);
        assertEquals(c.sndUna - 1, probe.seq());
        p.b.receive(probe);
        Wire.Sent answer = p.b.sent.poll();
        assertEquals(0, answer.window(), "still closed");
        p.a.receive(answer);
        p.advance(rto);
        assertTrue(p.a.sent.isEmpty(), "the second probe waits twice as long");
        p.advance(rto);
        assertNotNull(p.a.sent.poll());
        assertEquals(TcpState.ESTABLISHED, c.state(), "a peer that answers probes is never timed out (RFC 1122 4.2.2.17)");
        // Reading opens the window; the window update lets the rest flow.
        byte[] all = new byte[10000];
        int got = 0;
        for (int i = 0; i < 20 && got < 10000; i++) {
            got += Math.max(0, s.receive(all, got, 10000 - got));
            p.deliverAll();
        }
        assertEquals(10000, got);
        assertEquals(0, c.unacknowledged());
    }

    @Test
    void keepalivesProbeAnIdleConnectionAndTimeOutASilentPeer() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0];
        c.setKeepalive(true, 10_000 * MS, 1_000 * MS, 3);
        p.advance(10_000 * MS - 1);
        assertTrue(p.a.sent.isEmpty());
        p.advance(1);
        Wire.Sent probe = p.a.sent.poll();
        assertEquals(c.sndUna - 1, probe.seq(), "RFC 1122 4.2.3.6: SEG.SEQ = SND.NXT - 1");
        assertEquals(0, probe.dataLength());
        p.b.receive(probe);
        assertEquals(TcpHeader.ACK, p.b.sent.peek().flags(), "the peer answers a keepalive with an ACK");
        p.deliverAll();
        assertEquals(0, c.keepaliveProbes);
        // Now the peer goes silent: three probes a second apart, then ETIMEDOUT.
        p.advance(10_000 * MS);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, p.a.sent.size());
            p.a.sent.clear();
            p.advance(1_000 * MS);
        }
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(Errno.ETIMEDOUT, c.takeError());
    }

    @Test
    void pollReportsConnectingWritableReadableHangUpAndError() {
        TcpConnection l = p.listen(80);
        TcpConnection c = p.a.layer.open();
        assertEquals(PollEvents.POLLHUP | PollEvents.WRITABLE, c.poll(), "a fresh socket, as Linux's tcp_poll");
        c.connect(TcpPair.B, 80);
        assertEquals(0, c.poll(), "connecting");
        int[] woken = new int[1];
        c.wakers.add(() -> woken[0]++);
        p.deliverOne(p.a);
        assertEquals(0, l.poll(), "no child established yet");
        p.deliverAll();
        assertTrue(woken[0] > 0, "the handshake woke the waiter");
        assertEquals(PollEvents.WRITABLE, c.poll());
        assertEquals(PollEvents.READABLE, l.poll());
        TcpConnection s = l.accept();
        s.send("x".getBytes(), 0, 1);
        p.deliverAll();
        assertEquals(PollEvents.WRITABLE | PollEvents.READABLE, c.poll());
        s.abort();
        p.deliverAll();
        int m = c.poll();
        assertTrue((m & PollEvents.POLLHUP) != 0 && (m & PollEvents.POLLERR) != 0, "reset: " + Integer.toHexString(m));
    }

    @Test
    void aFullSendBufferRefusesMoreUntilAcknowledged() {
        TcpConnection[] cs = p.connect(80);
        TcpConnection c = cs[0];
        c.setSendBuffer(4096);
        assertEquals(4096, c.send(new byte[10000], 0, 10000));
        assertEquals(-Errno.EAGAIN, c.send(new byte[1], 0, 1));
        assertEquals(0, c.poll() & PollEvents.POLLOUT);
        p.deliverAll();
        assertEquals(PollEvents.WRITABLE, c.poll() & PollEvents.WRITABLE);
        assertEquals(100, c.send(new byte[100], 0, 100));
    }
}
