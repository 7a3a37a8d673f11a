package lichen.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PATest {
    @Test
    void pageFrameNumberRoundTripsThroughOfPage() {
        PA p = PA.of(0x4012_3000L);
        assertEquals(0x40123, p.pageNumber());
        assertEquals(p, PA.ofPage(p.pageNumber()));
        assertEquals(0x456, PA.of(0x4012_3456L).pageOffset());
    }

    @Test
    void addressesAboveFortyEightBitsAreNotValidOutputAddresses() {
        assertTrue(PA.of((1L << 48) - 1).isValid());
        assertFalse(PA.of(1L << 48).isValid());
        assertFalse(PA.of(-4096).isValid());
    }

    @Test
    void arithmeticReturnsNewWordsAndLeavesTheOriginal() {
        PA p = PA.of(0x1000);
        PA q = p.add(0x234);
        assertEquals(0x1000, p.raw());
        assertEquals(0x1234, q.raw());
        assertEquals(0x234, q.minus(p));
        assertEquals(0x1000, q.pageDown().raw());
        assertEquals(0x2000, q.pageUp().raw());
        assertEquals(0x1000, q.sub(0x234).raw());
    }

    @Test
    void comparisonsAreUnsigned() {
        assertTrue(PA.of(-1L).greaterThan(PA.of(0)));
        assertTrue(PA.of(0x8000_0000_0000_0000L).greaterThan(PA.of(0x7FFF_FFFF_FFFF_FFFFL)));
        assertEquals(0, PA.of(5).compareTo(PA.of(5)));
    }
}
