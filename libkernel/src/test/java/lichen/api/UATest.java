package lichen.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class UATest {
    @Test
    void rangeOkAcceptsRangesEndingExactlyAtTheTopOfUserSpace() {
        assertTrue(UA.of(UA.USER_END - 4096).rangeOk(4096));
        assertFalse(UA.of(UA.USER_END - 4096).rangeOk(4097));
        assertTrue(UA.of(0).rangeOk(0));
    }

    @Test
    void rangeOkRejectsKernelAddressesWrappingAndNegativeLengths() {
        assertFalse(UA.of(0xFFFF_0000_0000_0000L).rangeOk(1));
        assertFalse(UA.of(0x1000).rangeOk(-1));
        assertFalse(UA.of(-4096).rangeOk(8192));
        assertFalse(UA.of(0x1000).rangeOk(Long.MAX_VALUE));
    }

    @Test
    void nullIsOnlyZeroAndConvertsToTheSameVirtualAddress() {
        assertTrue(UA.nil().isNull());
        assertFalse(UA.of(1).isNull());
        assertEquals(VA.of(0x4000_1234L), UA.of(0x4000_1234L).toVA());
    }

    @Test
    void pageArithmeticMatchesVirtualAddressArithmetic() {
        UA u = UA.of(0x7ff0_1234L);
        assertEquals(u.toVA().pageDown().raw(), u.pageDown().raw());
        assertEquals(u.toVA().pageUp().raw(), u.pageUp().raw());
        assertEquals(0x234, u.pageOffset());
        assertEquals(0x7ff01, u.pageNumber());
    }
}
