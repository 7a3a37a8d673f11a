package lichen.libkernel.addr;

import static org.junit.jupiter.api.Assertions.*;

import lichen.api.PA;
import org.junit.jupiter.api.Test;

class PaRangeTest {
    @Test
    void containsRangeRequiresBothEndsInside() {
        PaRange ram = PaRange.sized(PA.of(0x4000_0000L), 512L << 20);
        assertTrue(ram.containsRange(PaRange.sized(PA.of(0x4000_0000L), 4096)));
        assertTrue(ram.containsRange(PaRange.of(PA.of(0x5FFF_F000L), PA.of(0x6000_0000L))));
        assertFalse(ram.containsRange(PaRange.of(PA.of(0x5FFF_F000L), PA.of(0x6000_1000L))));
        assertFalse(ram.containsRange(PaRange.sized(PA.of(0x3FFF_F000L), 8192)));
        assertEquals(512L << 20, ram.length());
    }
}
