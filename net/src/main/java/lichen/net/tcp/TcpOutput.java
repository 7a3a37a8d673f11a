package lichen.net.tcp;

import lichen.net.NetworkOrder;
import lichen.net.stack.IpOutput;

/**
 * What a connection sends (RFC 9293 3.8.6 "Managing the Window", 3.10.7 for
 * the segments input answers with): the SYN with its options, data as far
 * as min(SND.WND, cwnd) allows in segments of at most the send MSS (no Nagle:
 * every send goes out at once, as with TCP_NODELAY), the FIN after the
 * data, bare ACKs, resets, window probes and keepalives.
 */
final class TcpOutput {
    private TcpOutput() {}

    private static final int SYN_OPTIONS = 8; // MSS (4), NOP, window scale (3)

    /** Sends whatever the state, the windows and the buffer allow now, and arms the timers that follow. */
    static void transmit(TcpConnection c, long now) {
        if (c.state == TcpState.SYN_SENT || c.state == TcpState.SYN_RECEIVED) {
            if (c.sndNxt == c.iss) sendSyn(c, now);
            else if (c.ackNeeded) sendAck(c);
            return;
        }
        if (!c.state.synchronizedState()) return;
        boolean sent = false;
        while (true) {
            int offset = c.sndNxt - c.sndUna;
            int unsent = c.sendBuffer.length() - offset;
            if (unsent < 0) break; // the FIN is out too
            int window = Math.min(c.sndWnd, c.congestion.cwnd);
            int usable = c.sndUna + window - c.sndNxt;
            int n = Math.max(0, Math.min(unsent, Math.min(usable, c.sendMss)));
            boolean fin = c.finQueued && !c.finAcked && n == unsent;
            if (n == 0 && !fin) break;
            boolean fresh = SequenceNumber.ge(c.sndNxt, c.sndMax);
            sendData(c, c.sndNxt, offset, n, fin);
            if (fresh && !c.timing) {
                c.timing = true;
                c.timedSeq = c.sndNxt;
                c.timedAt = now;
            }
            c.sndNxt += n + (fin ? 1 : 0);
            if (SequenceNumber.gt(c.sndNxt, c.sndMax)) c.sndMax = c.sndNxt;
            sent = true;
            if (fin) break;
        }
        if (c.ackNeeded) sendAck(c);
        if (sent && c.retransmitDeadline == TcpConnection.NEVER) c.retransmitDeadline = now + c.rtt.rto;
        armPersist(c, now);
    }

    /**
     * RFC 9293 3.8.6.1: data waits, the peer's window is zero and nothing is in
     * flight to bring an ACK that opens it, so a probe must ask.
     */
    static void armPersist(TcpConnection c, long now) {
        boolean blocked = c.sndWnd == 0 && c.sndNxt == c.sndUna && c.sendBuffer.length() > c.sndNxt - c.sndUna;
        if (!blocked) {
            c.persistDeadline = TcpConnection.NEVER;
            c.persistInterval = 0;
        } else if (c.persistDeadline == TcpConnection.NEVER) {
            if (c.persistInterval == 0) c.persistInterval = c.rtt.rto;
            c.persistDeadline = now + c.persistInterval;
        }
    }

    /** Retransmits one segment from SND.UNA (fast retransmit, a partial ACK, a timeout's first segment). */
    static void retransmitFirst(TcpConnection c) {
        c.timing = false; // Karn's algorithm: no sample from a retransmission
        int n = Math.min(c.sendBuffer.length(), c.sendMss);
        boolean fin = c.finQueued && !c.finAcked && n == c.sendBuffer.length() && SequenceNumber.gt(c.sndMax, c.sndUna + n);
        if (n == 0 && !fin) return;
        sendData(c, c.sndUna, 0, n, fin);
    }

    /** The SYN (active open) or SYN-ACK (passive, or a simultaneous open), with MSS and window scale (RFC 7323 2.2). */
    static void sendSyn(TcpConnection c, long now) {
        boolean ack = c.state == TcpState.SYN_RECEIVED;
        byte[] b = c.layer.tx;
        int at = IpOutput.HEADROOM;
        int hlen = TcpHeader.MIN_LENGTH + SYN_OPTIONS;
        // RFC 7323 2.2: the window of a SYN is never scaled.
        int window = Math.min(c.receiveBuffer.space(), 0xffff);
        TcpHeader.write(b, at, c.localPort, c.remotePort, c.iss, ack ? c.rcvNxt : 0, TcpHeader.SYN | (ack ? TcpHeader.ACK : 0), window, hlen);
        int o = at + TcpHeader.MIN_LENGTH;
        NetworkOrder.put8(b, o, TcpHeader.OPTION_MSS);
        NetworkOrder.put8(b, o + 1, 4);
        NetworkOrder.put16(b, o + 2, c.layer.mssFor(c.remoteIp));
        if (c.offerScale) {
            NetworkOrder.put8(b, o + 4, TcpHeader.OPTION_NOP);
            NetworkOrder.put8(b, o + 5, TcpHeader.OPTION_WINDOW_SCALE);
            NetworkOrder.put8(b, o + 6, 3);
            NetworkOrder.put8(b, o + 7, c.receiveScale);
        } else {
            for (int i = 4; i < 8; i++) NetworkOrder.put8(b, o + i, TcpHeader.OPTION_NOP);
        }
        c.rcvAdvertised = c.rcvNxt + window;
        c.ackNeeded = false;
        emit(c, b, at, hlen);
        c.sndNxt = c.iss + 1;
        if (SequenceNumber.gt(c.sndNxt, c.sndMax)) c.sndMax = c.sndNxt;
        if (c.retransmitDeadline == TcpConnection.NEVER) c.retransmitDeadline = now + c.rtt.rto;
        if (c.retransmissions == 0 && !c.timing) {
            c.timing = true;
            c.timedSeq = c.iss;
            c.timedAt = now;
        }
    }

    static void sendAck(TcpConnection c) {
        sendControl(c, c.sndNxt, TcpHeader.ACK);
        c.ackNeeded = false;
    }

    /** A probe carrying SND.UNA - 1, which the peer must answer with an ACK (window probes and keepalives, RFC 1122 4.2.3.6). */
    static void sendProbe(TcpConnection c) { sendControl(c, c.sndUna - 1, TcpHeader.ACK); }

    /** A reset for this connection's peer (ABORT, RFC 9293 3.10.5). */
    static void sendReset(TcpConnection c) { sendControl(c, c.sndNxt, TcpHeader.RST | TcpHeader.ACK); }

    /**
     * A reset answering a segment that has no connection (RFC 9293 3.10.7.1)
     * or that a state refuses: {@code <SEQ=SEG.ACK><CTL=RST>} for an ACK, else
     * {@code <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>}.
     */
    static void sendResetFor(TcpLayer layer, TcpSegment s) {
        if (s.has(TcpHeader.RST)) return;
        byte[] b = layer.tx;
        int at = IpOutput.HEADROOM;
        if (s.has(TcpHeader.ACK)) {
            TcpHeader.write(b, at, s.destinationPort, s.sourcePort, s.ack, 0, TcpHeader.RST, 0, TcpHeader.MIN_LENGTH);
        } else {
            TcpHeader.write(b, at, s.destinationPort, s.sourcePort, 0, s.seq + s.length(), TcpHeader.RST | TcpHeader.ACK, 0, TcpHeader.MIN_LENGTH);
        }
        TcpHeader.writeChecksum(b, at, TcpHeader.MIN_LENGTH, s.destinationIp, s.sourceIp);
        layer.emit(s.destinationIp, s.sourceIp, b, at, TcpHeader.MIN_LENGTH);
    }

    /**
     * The window to offer now, in bytes: the free receive space, never less
     * than what was offered before (RFC 9293 3.8.6.2.2: the right edge does not
     * move left), and moved right only by at least min(buffer / 2, MSS), the
     * receiver's silly-window avoidance (3.8.6.2.2).
     */
    static int windowToAdvertise(TcpConnection c) {
        int space = c.receiveBuffer.space();
        int offered = c.rcvAdvertised - c.rcvNxt;
        if (offered < 0) offered = 0;
        int window = space;
        if (window - offered < Math.min(c.receiveBuffer.capacity() / 2, c.sendMss) && window > offered) window = offered;
        int max = 0xffff << c.receiveScale;
        if (window > max) window = max;
        return window & ~((1 << c.receiveScale) - 1);
    }

    private static void sendControl(TcpConnection c, int seq, int flags) {
        byte[] b = c.layer.tx;
        int at = IpOutput.HEADROOM;
        TcpHeader.write(b, at, c.localPort, c.remotePort, seq, c.rcvNxt, flags, advertise(c), TcpHeader.MIN_LENGTH);
        emit(c, b, at, TcpHeader.MIN_LENGTH);
    }

    private static void sendData(TcpConnection c, int seq, int offset, int n, boolean fin) {
        byte[] b = c.layer.tx;
        int at = IpOutput.HEADROOM;
        int flags = TcpHeader.ACK | (n > 0 ? TcpHeader.PSH : 0) | (fin ? TcpHeader.FIN : 0);
        TcpHeader.write(b, at, c.localPort, c.remotePort, seq, c.rcvNxt, flags, advertise(c), TcpHeader.MIN_LENGTH);
        c.sendBuffer.copy(offset, b, at + TcpHeader.MIN_LENGTH, n);
        c.ackNeeded = false;
        emit(c, b, at, TcpHeader.MIN_LENGTH + n);
    }

    /** The window field of a segment now, scaled, remembering the right edge offered. */
    private static int advertise(TcpConnection c) {
        int window = windowToAdvertise(c);
        c.rcvAdvertised = c.rcvNxt + window;
        return window >>> c.receiveScale;
    }

    private static void emit(TcpConnection c, byte[] b, int at, int len) {
        TcpHeader.writeChecksum(b, at, len, c.localIp, c.remoteIp);
        c.layer.emit(c.localIp, c.remoteIp, b, at, len);
    }
}
