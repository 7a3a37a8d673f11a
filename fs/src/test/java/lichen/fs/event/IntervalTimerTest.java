package lichen.fs.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A timer's deadlines and expiration counts, as timerfd and POSIX timers use them. */
class IntervalTimerTest {
    @Test
    void oneShotFiresOnceAndDisarms() {
        IntervalTimer t = new IntervalTimer();
        t.arm(100, 0);
        assertEquals(0, t.expire(99));
        assertEquals(1, t.remaining(99));
        assertEquals(1, t.expire(100));
        assertFalse(t.armed());
        assertEquals(0, t.expire(1000));
        assertEquals(0, t.remaining(1000));
    }

    @Test
    void periodicCountsEveryMissedInterval() {
        IntervalTimer t = new IntervalTimer();
        t.arm(100, 10);
        assertEquals(1, t.expire(105));
        assertEquals(110, t.deadline());
        assertEquals(5, t.remaining(105));
        assertEquals(4, t.expire(145), "110, 120, 130 and 140 passed");
        assertEquals(150, t.deadline());
        assertTrue(t.armed());
    }

    @Test
    void armingZeroDisarms() {
        IntervalTimer t = new IntervalTimer();
        t.arm(50, 5);
        t.arm(0, 5);
        assertFalse(t.armed());
        assertEquals(0, t.interval());
    }
}
