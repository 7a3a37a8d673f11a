package lichen.fs.event;

/**
 * The arithmetic of a timer that fires at a deadline and then, if it has an
 * interval, every interval after (timerfd_settime(2), timer_settime(2)).
 * Times are nanoseconds on one clock; a deadline of 0 means disarmed. Each
 * {@link #expire} counts the expirations that passed since the last one and
 * moves the deadline past now, so a late look counts every missed interval
 * (a timerfd's read and a POSIX timer's overrun both rest on that).
 */
public final class IntervalTimer {
    private long deadline, interval;

    public boolean armed() { return deadline != 0; }

    public long deadline() { return deadline; }

    public long interval() { return interval; }

    /** Arms it for the absolute {@code at} (0 disarms), then every {@code every} ns (0: once). */
    public void arm(long at, long every) {
        deadline = at;
        interval = at == 0 ? 0 : every;
    }

    /** Expirations at or before {@code now} since the last call; the deadline moves to the next one (or disarms). */
    public long expire(long now) {
        if (deadline == 0 || now < deadline) return 0;
        if (interval == 0) {
            deadline = 0;
            return 1;
        }
        long n = 1 + (now - deadline) / interval;
        deadline += n * interval;
        return n;
    }

    /** The time left until the next expiration at {@code now}: 0 when disarmed, at least 1 while armed (an it_value of 0 would read as disarmed). */
    public long remaining(long now) {
        if (deadline == 0) return 0;
        long left = deadline - now;
        return left > 0 ? left : 1;
    }
}
