package lichen.net.tcp;

import lichen.api.Slab;

/**
 * The retransmission timeout of RFC 6298: SRTT and RTTVAR from RTT samples
 * (2.2, 2.3, with alpha = 1/8, beta = 1/4, K = 4), RTO = SRTT + max(G,
 * K * RTTVAR) bounded below by {@link #minRto} (2.4: one second) and above by
 * 60 s (2.5), 1 s before the first sample (2.1), doubled on each expiry (5.5).
 * Times are nanoseconds.
 */
@Slab
final class RttEstimator {
    static final long INITIAL_RTO = 1_000_000_000L;
    static final long MAX_RTO = 60_000_000_000L;
    /** The clock granularity G: the kernel's timers fire at millisecond resolution. */
    static final long GRANULARITY = 1_000_000L;

    long minRto = 1_000_000_000L;
    long srtt;
    long rttvar;
    long rto = INITIAL_RTO;
    boolean sampled;

    /** Takes an RTT measurement (never of a retransmitted segment: Karn's algorithm, 3). */
    void sample(long r) {
        if (!sampled) {
            srtt = r;
            rttvar = r / 2;
            sampled = true;
        } else {
            long delta = Math.abs(srtt - r);
            rttvar = rttvar - rttvar / 4 + delta / 4;
            srtt = srtt - srtt / 8 + r / 8;
        }
        rto = bounded(srtt + Math.max(GRANULARITY, 4 * rttvar));
    }

    /** 5.5: the timer expired, RTO doubles ("back off the timer"). */
    void backOff() { rto = Math.min(MAX_RTO, rto * 2); }

    private long bounded(long v) { return Math.min(MAX_RTO, Math.max(minRto, v)); }
}
