package lichen.libkernel.addr;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import lichen.api.VA;
import org.junit.jupiter.api.Test;

class VaRangeTest {
    @Test
    void sizedRefusesRangesThatWrapTheAddressSpace() {
        assertNull(VaRange.sized(VA.of(-4096), 8192));
        assertNull(VaRange.sized(VA.of(0), -1));
        assertNull(VaRange.sized(VA.of(-4096), 4096), "an end of 2^64 is not representable");
        assertNotNull(VaRange.sized(VA.of(-8192), 4096));
    }

    @Test
    void ofRejectsAnEndBelowTheStart() {
        assertThrows(IllegalArgumentException.class, () -> VaRange.of(VA.of(0x2000), VA.of(0x1000)));
    }

    @Test
    void halfOpenRangesTouchingAtAnEndDoNotOverlap() {
        VaRange a = VaRange.of(VA.of(0x1000), VA.of(0x2000));
        VaRange b = VaRange.of(VA.of(0x2000), VA.of(0x3000));
        assertFalse(a.overlaps(b));
        assertFalse(a.contains(VA.of(0x2000)));
        assertTrue(a.contains(VA.of(0x1fff)));
        assertTrue(a.intersect(b).isEmpty());
    }

    @Test
    void intersectionIsContainedInBothAndOverlapAgreesWithItForRandomRanges() {
        Random r = new Random(11);
        for (int i = 0; i < 5000; i++) {
            long s1 = r.nextInt(1000), s2 = r.nextInt(1000);
            VaRange a = VaRange.of(VA.of(s1), VA.of(s1 + r.nextInt(300)));
            VaRange b = VaRange.of(VA.of(s2), VA.of(s2 + r.nextInt(300)));
            VaRange c = a.intersect(b);
            assertEquals(!c.isEmpty(), a.overlaps(b) && !a.isEmpty() && !b.isEmpty(), a + " " + b);
            if (!c.isEmpty()) {
                assertTrue(a.containsRange(c));
                assertTrue(b.containsRange(c));
            }
        }
    }

    @Test
    void pageCountCountsPartialPagesAtBothEnds() {
        assertEquals(2, VaRange.sized(VA.of(0xfff), 2).pageCount());
        assertEquals(1, VaRange.sized(VA.of(0x1000), 4096).pageCount());
        assertEquals(0, VaRange.sized(VA.of(0x1000), 0).pageCount());
        VaRange r = VaRange.sized(VA.of(0x1800), 0x1000);
        assertEquals(VaRange.of(VA.of(0x1000), VA.of(0x3000)), r.pageAligned());
        assertFalse(r.isPageAligned());
        assertTrue(r.pageAligned().isPageAligned());
    }
}
