package lichen.net.tcp;

import lichen.libkernel.Errno;

/**
 * A connection's timers, fired by {@link TcpLayer#poll}: retransmission
 * (RFC 6298 5.4-5.7, going back to SND.UNA and sending again what the
 * collapsed window allows, as Linux does), the persist timer's window
 * probes (RFC 9293 3.8.6.1, backed off like the RTO and never giving up
 * while the peer answers: RFC 1122 4.2.2.17), keepalives (RFC 1122 4.2.3.6)
 * and the end of TIME_WAIT (RFC 9293 3.10.7.4) or of an orphaned FIN_WAIT_2.
 */
final class TcpTimers {
    private TcpTimers() {}

    static void fire(TcpConnection c, long now) {
        if (now >= c.closeDeadline) {
            c.closeDeadline = TcpConnection.NEVER;
            c.layer.enterClosed(c);
            return;
        }
        // A connection that times out is closed, and freed if its user closed it: nothing more may touch it.
        if (now >= c.retransmitDeadline && !retransmissionTimeout(c, now)) return;
        if (now >= c.persistDeadline) {
            TcpOutput.sendProbe(c);
            c.persistInterval = Math.min(RttEstimator.MAX_RTO, c.persistInterval * 2);
            c.persistDeadline = now + c.persistInterval;
        }
        if (c.keepalive && c.keepaliveApplies() && now >= keepaliveDeadline(c)) keepalive(c, now);
    }

    /** When the next keepalive is due: after the idle time, then every interval while probes go unanswered. */
    static long keepaliveDeadline(TcpConnection c) {
        if (c.sndUna != c.sndMax) return TcpConnection.NEVER; // data in flight: the RTO watches the peer
        return c.lastHeard + c.keepaliveIdle + (long) c.keepaliveProbes * c.keepaliveInterval;
    }

    private static void keepalive(TcpConnection c, long now) {
        if (c.keepaliveProbes >= c.keepaliveCount) {
            c.fail(Errno.ETIMEDOUT);
            return;
        }
        c.keepaliveProbes++;
        TcpOutput.sendProbe(c);
    }

    /** RFC 6298 5.4-5.7; false when the connection gave up and is gone. */
    private static boolean retransmissionTimeout(TcpConnection c, long now) {
        int limit = c.state == TcpState.SYN_SENT || c.state == TcpState.SYN_RECEIVED
                ? TcpConnection.MAX_SYN_RETRANSMISSIONS : TcpConnection.MAX_RETRANSMISSIONS;
        if (c.retransmissions >= limit) {
            if (c.listener != null && c.state == TcpState.SYN_RECEIVED) c.layer.enterClosed(c);
            else c.fail(Errno.ETIMEDOUT);
            return false;
        }
        c.retransmissions++;
        c.rtt.backOff(); // 5.5
        c.timing = false; // Karn
        if (c.state.synchronizedState()) c.congestion.onTimeout(c.sndMax - c.sndUna, c.sndMax);
        c.retransmitDeadline = TcpConnection.NEVER; // 5.6: restarted by the send below
        c.sndNxt = c.state.synchronizedState() ? c.sndUna : c.iss;
        TcpOutput.transmit(c, now);
        if (c.retransmitDeadline == TcpConnection.NEVER && c.sndUna != c.sndMax) c.retransmitDeadline = now + c.rtt.rto;
        return true;
    }
}
