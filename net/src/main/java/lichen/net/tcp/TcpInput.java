package lichen.net.tcp;

import lichen.fs.vfs.PollEvents;
import lichen.libkernel.Errno;

import static lichen.net.tcp.SequenceNumber.ge;
import static lichen.net.tcp.SequenceNumber.gt;
import static lichen.net.tcp.SequenceNumber.le;
import static lichen.net.tcp.SequenceNumber.lt;

/**
 * Segment arrival (RFC 9293 3.10.7), step by step as the RFC orders it: for
 * SYN_SENT (3.10.7.3) and then for every other state (3.10.7.4): sequence
 * number check, RST (with RFC 5961 3.2's exact-match rule and challenge
 * ACKs), SYN (RFC 5961 4), ACK (with RFC 5681's duplicate-ACK counting and
 * RFC 6298's RTT samples), segment text, FIN. LISTEN is {@link TcpLayer#listenerReceives}.
 */
final class TcpInput {
    private TcpInput() {}

    static void segmentArrives(TcpConnection c, TcpSegment s, long now) {
        c.lastHeard = now;
        c.keepaliveProbes = 0;
        if (c.state == TcpState.SYN_SENT) synSent(c, s, now);
        else if (c.state != TcpState.CLOSED && c.state != TcpState.LISTEN) synchronizedInput(c, s, now);
    }

    /** RFC 9293 3.10.7.3. */
    private static void synSent(TcpConnection c, TcpSegment s, long now) {
        boolean ackOk = false;
        if (s.has(TcpHeader.ACK)) {
            if (le(s.ack, c.iss) || gt(s.ack, c.sndMax)) {
                TcpOutput.sendResetFor(c.layer, s);
                return;
            }
            ackOk = true;
        }
        if (s.has(TcpHeader.RST)) {
            if (ackOk) c.fail(Errno.ECONNREFUSED);
            return;
        }
        if (!s.has(TcpHeader.SYN)) return;
        c.irs = s.seq;
        c.rcvNxt = s.seq + 1;
        c.rcvAdvertised = c.rcvNxt + Math.min(c.receiveBuffer.space(), 0xffff); // what our SYN offered
        takeSynOptions(c, s);
        if (ackOk) {
            c.sndUna = s.ack;
            sampleRtt(c, s.ack, now);
            c.retransmitDeadline = TcpConnection.NEVER;
            c.retransmissions = 0;
        }
        if (gt(c.sndUna, c.iss)) {
            // RFC 7323 2.2: the window of a SYN is not scaled.
            updateWindow(c, s.seq, s.ack, s.window);
            established(c);
            c.ackNeeded = true;
            text(c, s, s.seq + 1);
            TcpOutput.transmit(c, now);
        } else {
            // Simultaneous open (3.5, Figure 8): SYN_RECEIVED, our SYN again with an ACK.
            c.state = TcpState.SYN_RECEIVED;
            c.sndWnd = s.window;
            c.sndWl1 = s.seq;
            c.sndNxt = c.iss;
            TcpOutput.transmit(c, now);
        }
    }

    /** RFC 9293 3.10.7.4: SYN_RECEIVED and the synchronized states. */
    private static void synchronizedInput(TcpConnection c, TcpSegment s, long now) {
        if (c.state == TcpState.SYN_RECEIVED && s.has(TcpHeader.SYN) && s.seq == c.irs) {
            if (!s.has(TcpHeader.ACK)) { // the peer's SYN again: our SYN-ACK was lost
                c.sndNxt = c.iss;
                TcpOutput.sendSyn(c, now);
                return;
            }
            // A simultaneous open's SYN-ACK (3.5, Figure 8): its SYN is counted already; the rest is a plain segment.
            s.flags &= ~TcpHeader.SYN;
            s.seq++;
        }
        // First: the sequence number (the four cases of the acceptability table).
        int window = c.rcvAdvertised - c.rcvNxt;
        if (window < 0) window = 0;
        if (!acceptable(c, s, window)) {
            if (!s.has(TcpHeader.RST)) {
                if (c.state == TcpState.TIME_WAIT) c.closeDeadline = now + TcpConnection.TIME_WAIT_NS;
                TcpOutput.sendAck(c);
            }
            return;
        }
        // Second: RST. RFC 5961 3.2: only an exact RCV.NXT resets; one elsewhere in the window gets a challenge ACK.
        if (s.has(TcpHeader.RST)) {
            if (s.seq != c.rcvNxt) {
                TcpOutput.sendAck(c);
                return;
            }
            reset(c);
            return;
        }
        // Fourth: SYN in a synchronized state (RFC 5961 4.2: a challenge ACK, not a reset).
        if (s.has(TcpHeader.SYN)) {
            if (c.state == TcpState.SYN_RECEIVED && c.listener != null) {
                c.layer.enterClosed(c); // 3.10.7.4: a passive open goes back to LISTEN
                return;
            }
            TcpOutput.sendAck(c);
            return;
        }
        // Fifth: ACK.
        if (!s.has(TcpHeader.ACK)) return;
        if (c.state == TcpState.SYN_RECEIVED) {
            if (!(lt(c.sndUna, s.ack) && le(s.ack, c.sndMax))) {
                TcpOutput.sendResetFor(c.layer, s);
                return;
            }
            c.sndUna = c.iss + 1;
            sampleRtt(c, s.ack, now);
            c.retransmitDeadline = TcpConnection.NEVER;
            c.retransmissions = 0;
            c.sndWnd = s.window << c.sendScale;
            c.sndWl1 = s.seq;
            c.sndWl2 = s.ack;
            established(c);
            if (c.finQueued) {
                c.finQueued = false;
                c.queueFin();
            }
        }
        if (!acknowledgment(c, s, now)) return;
        // New data for a connection its user closed can never be read: reset it, as
        // Linux's tcp_rcv_state_process does in FIN_WAIT_1 and FIN_WAIT_2 (RFC 2525 2.17).
        if (c.userClosed && s.dataLength > 0 && (c.state == TcpState.FIN_WAIT_1 || c.state == TcpState.FIN_WAIT_2)
                && gt(s.seq + s.dataLength, c.rcvNxt)) {
            c.abort();
            return;
        }
        // Seventh: segment text.
        text(c, s, s.seq);
        TcpOutput.transmit(c, now);
        c.wake();
    }

    private static boolean acceptable(TcpConnection c, TcpSegment s, int window) {
        int len = s.length();
        if (len == 0) {
            if (window == 0) return s.seq == c.rcvNxt;
            return SequenceNumber.inWindow(s.seq, c.rcvNxt, c.rcvNxt + window);
        }
        if (window == 0) return false;
        return SequenceNumber.inWindow(s.seq, c.rcvNxt, c.rcvNxt + window)
                || SequenceNumber.inWindow(s.seq + len - 1, c.rcvNxt, c.rcvNxt + window);
    }

    /** A valid reset, by state (RFC 9293 3.10.7.4, "second"). */
    private static void reset(TcpConnection c) {
        switch (c.state) {
            case SYN_RECEIVED -> {
                if (c.listener != null) c.layer.enterClosed(c); // back to LISTEN: the child goes
                else c.fail(Errno.ECONNREFUSED);
            }
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2 -> c.fail(Errno.ECONNRESET);
            case CLOSE_WAIT -> c.fail(Errno.EPIPE); // the peer had closed already: writes fail as Linux's tcp_reset says, EPIPE
            default -> c.layer.enterClosed(c); // CLOSING, LAST_ACK, TIME_WAIT
        }
    }

    /** The ACK field (3.10.7.4, "fifth"); false when processing stops here. */
    private static boolean acknowledgment(TcpConnection c, TcpSegment s, long now) {
        if (gt(s.ack, c.sndMax)) { // acknowledges something not yet sent
            TcpOutput.sendAck(c);
            return false;
        }
        int flight = c.sndMax - c.sndUna;
        if (gt(s.ack, c.sndUna)) {
            int acked = s.ack - c.sndUna;
            int data = acked;
            if (c.finQueued && !c.finAcked && s.ack == c.sndUna + c.sendBuffer.length() + 1) {
                c.finAcked = true;
                data--;
            }
            c.sendBuffer.release(Math.min(data, c.sendBuffer.length()));
            c.sndUna = s.ack;
            if (lt(c.sndNxt, c.sndUna)) c.sndNxt = c.sndUna;
            sampleRtt(c, s.ack, now);
            c.retransmissions = 0;
            c.persistInterval = 0;
            // RFC 6298 5.2 and 5.3: stop the timer when all is acknowledged, else restart it.
            c.retransmitDeadline = c.sndUna == c.sndMax ? TcpConnection.NEVER : now + c.rtt.rto;
            if (c.congestion.onNewAck(acked, s.ack, flight)) TcpOutput.retransmitFirst(c);
            c.wakers.wakeAll(PollEvents.WRITABLE);
        } else if (s.ack == c.sndUna && flight > 0 && s.dataLength == 0 && !s.has(TcpHeader.FIN)
                && (s.window << c.sendScale) == c.sndWnd) {
            // RFC 5681 2: a duplicate ACK.
            if (c.congestion.onDuplicateAck(s.ack, flight, c.sndMax)) TcpOutput.retransmitFirst(c);
        }
        // The window (3.10.7.4 "fifth": only from a segment newer than the last update).
        if (lt(c.sndWl1, s.seq) || (c.sndWl1 == s.seq && le(c.sndWl2, s.ack))) updateWindow(c, s.seq, s.ack, s.window << c.sendScale);
        switch (c.state) {
            case FIN_WAIT_1 -> {
                if (c.finAcked) {
                    c.state = TcpState.FIN_WAIT_2;
                    if (c.userClosed) c.closeDeadline = now + TcpConnection.FIN_WAIT_2_NS;
                }
            }
            case CLOSING -> {
                if (c.finAcked) timeWait(c, now);
            }
            case LAST_ACK -> {
                if (c.finAcked) {
                    c.layer.enterClosed(c);
                    return false;
                }
            }
            case TIME_WAIT -> {
                // Only the peer's FIN again: acknowledge it and restart the 2 MSL wait.
                if (s.has(TcpHeader.FIN)) {
                    c.ackNeeded = true;
                    c.closeDeadline = now + TcpConnection.TIME_WAIT_NS;
                }
            }
            default -> {}
        }
        return true;
    }

    /** Segment text and FIN (3.10.7.4, "seventh" and "eighth"), the data starting at sequence {@code seq}. */
    private static void text(TcpConnection c, TcpSegment s, int seq) {
        int len = s.dataLength;
        int off = s.dataOffset;
        boolean fin = s.has(TcpHeader.FIN);
        if (len > 0 && c.state.canReceive() && !c.peerFin) {
            // Trim what came before RCV.NXT (a retransmission overlapping what we have) and what lies past the window.
            if (lt(seq, c.rcvNxt)) {
                int skip = c.rcvNxt - seq;
                if (skip >= len) {
                    len = 0;
                } else {
                    off += skip;
                    len -= skip;
                    seq = c.rcvNxt;
                }
            }
            int room = c.rcvAdvertised - seq;
            if (len > room) {
                len = Math.max(0, room);
                fin = false;
            }
            if (len > 0) {
                int advance = c.receiveBuffer.store(seq, c.rcvNxt, s.data, off, len);
                c.rcvNxt += advance;
                if (advance > 0) c.wakers.wakeAll(PollEvents.READABLE);
            }
            // Acknowledge every segment with data at once (no delayed ACK); out of
            // order, the duplicate ACK tells the sender (RFC 5681 4.2).
            c.ackNeeded = true;
        }
        int finSeq = seq + len;
        if (fin) {
            if (finSeq == c.rcvNxt) peerFin(c);
            else if (gt(finSeq, c.rcvNxt)) {
                c.finHeld = true;
                c.heldFinSeq = finSeq;
                c.ackNeeded = true;
            }
        }
        if (c.finHeld && c.heldFinSeq == c.rcvNxt) peerFin(c);
    }

    /** The peer's FIN, in order (3.10.7.4, "eighth"). */
    private static void peerFin(TcpConnection c) {
        c.finHeld = false;
        if (c.peerFin) return;
        c.peerFin = true;
        c.rcvNxt++;
        c.ackNeeded = true;
        long now = c.layer.now();
        switch (c.state) {
            case SYN_RECEIVED, ESTABLISHED -> c.state = TcpState.CLOSE_WAIT;
            case FIN_WAIT_1 -> {
                if (c.finAcked) timeWait(c, now);
                else c.state = TcpState.CLOSING;
            }
            case FIN_WAIT_2 -> timeWait(c, now);
            default -> {}
        }
        c.wake();
    }

    private static void timeWait(TcpConnection c, long now) {
        c.state = TcpState.TIME_WAIT;
        c.retransmitDeadline = TcpConnection.NEVER;
        c.persistDeadline = TcpConnection.NEVER;
        c.closeDeadline = now + TcpConnection.TIME_WAIT_NS;
    }

    private static void established(TcpConnection c) {
        c.state = TcpState.ESTABLISHED;
        c.everConnected = true;
        c.congestion.start(c.sendMss, c.sndUna);
        c.sndMax = c.sndNxt;
        if (c.listener != null) c.listener.wake();
        c.wake();
    }

    private static void updateWindow(TcpConnection c, int seq, int ack, int window) {
        c.sndWnd = window;
        c.sndWl1 = seq;
        c.sndWl2 = ack;
    }

    /** RFC 6298 3: the timed segment is acknowledged and was not retransmitted. */
    private static void sampleRtt(TcpConnection c, int ack, long now) {
        if (c.timing && gt(ack, c.timedSeq)) {
            c.rtt.sample(now - c.timedAt);
            c.timing = false;
        }
    }

    /** The MSS and window scale of the peer's SYN (RFC 9293 3.7.1; RFC 7323 2.2: scaling only if both sides offer it). */
    static void takeSynOptions(TcpConnection c, TcpSegment s) {
        int peerMss = s.mss > 0 ? s.mss : TcpConnection.DEFAULT_MSS;
        c.sendMss = Math.max(64, Math.min(peerMss, c.layer.mssFor(c.remoteIp)));
        if (s.windowScale >= 0 && c.offerScale) {
            c.sendScale = s.windowScale;
        } else {
            c.sendScale = 0;
            c.receiveScale = 0;
        }
    }
}
