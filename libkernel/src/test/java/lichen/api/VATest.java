package lichen.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VATest {
    @Test
    void alignDownClearsLowBitsAndAlignUpRoundsToNextMultiple() {
        VA v = VA.of(0x12345);
        assertEquals(0x12000, v.alignDown(4096).raw());
        assertEquals(0x13000, v.alignUp(4096).raw());
        assertEquals(0x12000, VA.of(0x12000).alignUp(4096).raw());
        assertEquals(0x0, v.alignDown(0x200000).raw());
        assertEquals(0x200000, v.alignUp(0x200000).raw());
    }

    @Test
    void alignmentPredicatesAgreeWithModuloForRandomValues() {
        Random r = new Random(1);
        for (int i = 0; i < 2000; i++) {
            long x = r.nextLong() >>> 16;
            int shift = r.nextInt(31);
            long align = 1L << shift;
            VA v = VA.of(x);
            assertEquals(x % align == 0, v.isAligned(align));
            assertTrue(v.alignDown(align).isAligned(align));
            assertTrue(v.alignDown(align).lessOrEqual(v));
            assertTrue(v.alignUp(align).greaterOrEqual(v));
            assertTrue(v.alignUp(align).minus(v) < align);
        }
    }

    @Test
    void pageNumberAndOffsetRecomposeTheAddress() {
        Random r = new Random(2);
        for (int i = 0; i < 1000; i++) {
            long x = r.nextLong();
            VA v = VA.of(x);
            assertEquals(x, (v.pageNumber() << VA.PAGE_SHIFT) | v.pageOffset());
        }
    }

    @Test
    void tableIndicesTakeNineBitsPerLevelFromBit39Down() {
        // 0x0000_7F80_C060_3000: L0 index bits [47:39], L1 [38:30], L2 [29:21], L3 [20:12].
        long va = (255L << 39) | (3L << 30) | (3L << 21) | (3L << 12) | 0x123;
        VA v = VA.of(va);
        assertEquals(255, v.tableIndex(0));
        assertEquals(3, v.tableIndex(1));
        assertEquals(3, v.tableIndex(2));
        assertEquals(3, v.tableIndex(3));
        assertEquals(511, VA.of(-1L).tableIndex(0));
    }

    @Test
    void kernelAddressesAreHighHalfAndCompareAboveUserOnesUnsigned() {
        VA kernel = VA.of(0xFFFF_0000_0000_0000L);
        VA user = VA.of(0x0000_7FFF_FFFF_F000L);
        assertTrue(kernel.isHighHalf());
        assertFalse(kernel.isLowHalf());
        assertTrue(user.isLowHalf());
        assertTrue(kernel.greaterThan(user));
        assertTrue(user.lessThan(kernel));
        assertFalse(VA.of(0x0001_0000_0000_0000L).isCanonical());
        assertFalse(VA.of(0xFFFE_FFFF_FFFF_FFFFL).isCanonical());
    }

    @Test
    void wordsAreEqualByValueNotIdentity() {
        VA a = VA.of(0x1000);
        VA b = VA.of(0x800).add(0x800);
        assertNotSame(a, b);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.sameAs(b));
        assertNotEquals(a, PA.of(0x1000));
        assertEquals("VA(0x1000)", a.toString());
    }
}
