package lichen.fs.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** eventfd(2)'s counter: reads take all (or 1 as a semaphore), writes stop short of 2^64 - 1. */
class EventCounterTest {
    @Test
    void readTakesTheWholeValue() {
        EventCounter c = new EventCounter(3, false);
        c.add(4);
        assertEquals(7, c.take());
        assertEquals(0, c.take(), "an empty counter gives nothing: the read waits");
        assertFalse(c.readable());
    }

    @Test
    void semaphoreTakesOneAtATime() {
        EventCounter c = new EventCounter(2, true);
        assertEquals(1, c.take());
        assertEquals(1, c.take());
        assertEquals(0, c.take());
    }

    @Test
    void writesFitUpToTheLargestValue() {
        EventCounter c = new EventCounter(0, false);
        assertTrue(c.fits(EventCounter.MAX));
        assertFalse(c.fits(-1L), "2^64 - 1 never fits");
        c.add(EventCounter.MAX - 1);
        assertTrue(c.writable());
        assertTrue(c.fits(1));
        assertFalse(c.fits(2));
        c.add(1);
        assertFalse(c.writable(), "at the largest value a write of 1 waits");
        assertEquals(EventCounter.MAX, c.take());
    }
}
