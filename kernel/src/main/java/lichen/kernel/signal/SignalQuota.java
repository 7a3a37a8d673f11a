package lichen.kernel.signal;

/**
 * The per-user count RLIMIT_SIGPENDING limits (getrlimit(2)): signals
 * pending for every process of a real user ID, one for each standard
 * signal waiting and one for each queued real-time instance, as Linux's
 * ucounts' UCOUNT_RLIMIT_SIGPENDING. A sigqueue(3) past the limit fails
 * with EAGAIN; the kernel's own signals and kill(2)'s are queued whatever
 * the count (Linux's override_rlimit). /proc/[pid]/status shows it as SigQ.
 */
final class SignalQuota {
    /** Users with signals pending at once: a fixed table (a slot whose count falls to 0 is free again). */
    private static final int USERS = 64;
    private static final int[] uids = new int[USERS];
    private static final long[] counts = new long[USERS];

    private SignalQuota() {}

    /** Signals pending for {@code uid} now. */
    static long queued(int uid) {
        int s = find(uid);
        return s < 0 ? 0 : counts[s];
    }

    /** What {@link #charge} returns for a signal it did not count (the table is full) but lets through. */
    static final int UNCOUNTED = -1;
    /** What {@link #charge} returns for a signal the limit refuses. */
    static final int REFUSED = -2;

    /**
     * Counts one more for {@code uid} unless that passes {@code limit} and {@code override} is
     * false: the uid to {@link #release} it with later, or UNCOUNTED, or REFUSED.
     */
    static int charge(int uid, long limit, boolean override) {
        int s = find(uid);
        if (s < 0) s = freeSlot(uid);
        if (s < 0) return override ? UNCOUNTED : REFUSED;
        if (!override && Long.compareUnsigned(counts[s], limit) >= 0) return REFUSED;
        counts[s]++;
        return uid;
    }

    /** One signal {@link #charge} counted for {@code uid} (or UNCOUNTED) is no longer pending. */
    static void release(int uid) {
        if (uid == UNCOUNTED) return;
        int s = find(uid);
        if (s >= 0) counts[s]--;
    }

    private static int find(int uid) {
        for (int i = 0; i < USERS; i++) if (counts[i] > 0 && uids[i] == uid) return i;
        return -1;
    }

    private static int freeSlot(int uid) {
        for (int i = 0; i < USERS; i++) {
            if (counts[i] == 0) {
                uids[i] = uid;
                return i;
            }
        }
        return -1;
    }
}
