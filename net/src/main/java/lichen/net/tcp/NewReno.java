package lichen.net.tcp;

import lichen.api.Slab;

/**
 * Congestion control: slow start and congestion avoidance (RFC 5681 3.1),
 * fast retransmit and fast recovery (RFC 5681 3.2) with NewReno's partial
 * acknowledgments (RFC 6582 3.2), and the loss window after a timeout
 * (RFC 5681 3.1, equation 4). Byte counts; SMSS is the connection's send MSS.
 */
@Slab
final class NewReno {
    static final int DUPLICATE_THRESHOLD = 3;

    int smss;
    int cwnd;
    int ssthresh = Integer.MAX_VALUE;
    int duplicateAcks;
    boolean inRecovery;
    /** RFC 6582's "recover": the highest sequence number sent when recovery began. */
    int recover;

    void start(int mss, int iss) {
        smss = mss;
        cwnd = initialWindow(mss);
        recover = iss;
    }

    /** RFC 5681 3.1 (RFC 3390): IW = min(4 * SMSS, max(2 * SMSS, 4380 bytes)). */
    static int initialWindow(int smss) { return Math.min(4 * smss, Math.max(2 * smss, 4380)); }

    /**
     * A new cumulative acknowledgment of {@code acked} bytes, {@code ack} the
     * number it acknowledges, {@code flight} what was outstanding before it.
     * Returns true when it is a partial acknowledgment in recovery, after
     * which the first unacknowledged segment must be retransmitted (RFC 6582 3.2 step 5).
     */
    boolean onNewAck(int acked, int ack, int flight) {
        duplicateAcks = 0;
        if (inRecovery) {
            if (SequenceNumber.ge(ack, recover)) {
                // Full acknowledgment: deflate (RFC 6582 3.2 step 3, option 1).
                cwnd = Math.min(ssthresh, Math.max(flight - acked, smss) + smss);
                inRecovery = false;
                return false;
            }
            cwnd = Math.max(smss, cwnd - acked + (acked >= smss ? smss : 0));
            return true;
        }
        if (cwnd < ssthresh) cwnd += Math.min(acked, smss);
        else cwnd += Math.max(1, (int) ((long) smss * smss / cwnd));
        return false;
    }

    /**
     * A duplicate acknowledgment (RFC 5681 2's definition, checked by the
     * caller). Returns true on the third, when the segment at SND.UNA is to be
     * retransmitted now (fast retransmit).
     */
    boolean onDuplicateAck(int ack, int flight, int highestSent) {
        duplicateAcks++;
        if (inRecovery) {
            cwnd += smss; // 3.2 step 4: inflate for the segment that left the network
            return false;
        }
        if (duplicateAcks != DUPLICATE_THRESHOLD) return false;
        // RFC 6582 3.2 step 2: duplicates of an ACK below "recover" may come
        // from the last recovery's or timeout's retransmissions; they start no
        // new one. ("recover" here is SND.MAX, one past the highest byte sent.)
        if (SequenceNumber.lt(ack, recover)) return false;
        ssthresh = Math.max(flight / 2, 2 * smss);
        recover = highestSent;
        cwnd = ssthresh + DUPLICATE_THRESHOLD * smss;
        inRecovery = true;
        return true;
    }

    /** The retransmission timer expired (RFC 5681 3.1 equation 4 and the loss window; RFC 6582 4). */
    void onTimeout(int flight, int highestSent) {
        ssthresh = Math.max(flight / 2, 2 * smss);
        cwnd = smss;
        duplicateAcks = 0;
        inRecovery = false;
        recover = highestSent;
    }
}
