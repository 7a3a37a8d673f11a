package lichen.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedMemoryTest {
    @AfterEach
    void uninstall() { SimulatedMemory.uninstall(); }

    @Test
    void fourGibibytesCostNothingUntilWrittenAndUntouchedPagesReadZero() {
        SimulatedMemory m = SimulatedMemory.install(new SimulatedMemory(0, 4L << 30));
        assertEquals(0, Mem.load64(0xFFFF_F000L));
        assertEquals(0, m.pagesTouched());
        Mem.store8(0xFFFF_FFFFL, 0x5a);
        assertEquals(1, m.pagesTouched());
        assertEquals(0x5a, Mem.load8(0xFFFF_FFFFL));
    }

    @Test
    void loadsAndStoresAreLittleEndianAndNarrowLoadsZeroExtend() {
        SimulatedMemory.install(new SimulatedMemory(0x4000_0000L, 1 << 20));
        Mem.store64(PA.of(0x4000_0000L), 0x8877_6655_4433_2211L);
        assertEquals(0x11, Mem.load8(0x4000_0000L));
        assertEquals(0x2211, Mem.load16(0x4000_0000L));
        assertEquals(0x4433_2211, Mem.load32(0x4000_0000L));
        assertEquals(0x88, Mem.load8(0x4000_0007L));
        assertEquals(0x8877, Mem.load16(0x4000_0006L));
        assertEquals(0x8877_6655, Mem.load32(0x4000_0004L));
    }

    @Test
    void accessesStraddlingAPageBoundaryTouchBothPages() {
        SimulatedMemory.install(new SimulatedMemory(0, 1 << 20));
        Mem.store64(0xffd, 0x0102_0304_0506_0708L);
        assertEquals(0x0102_0304_0506_0708L, Mem.load64(0xffd));
        assertEquals(0x08, Mem.load8(0xffd));
        assertEquals(0x01, Mem.load8(0x1004));
        Mem.store32(0x1ffe, 0xAABBCCDD);
        assertEquals(0xAABBCCDD, Mem.load32(0x1ffe));
    }

    @Test
    void accessOutsideTheWindowIsABusErrorNamingTheAddress() {
        SimulatedMemory.install(new SimulatedMemory(0x4000_0000L, 1 << 20));
        var e = assertThrows(IllegalArgumentException.class, () -> Mem.load64(0x3FFF_FFF8L));
        assertTrue(e.getMessage().contains("3ffffff8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mem.store8(0x4010_0000L, 1));
        assertThrows(IllegalArgumentException.class, () -> Mem.load64(0x400F_FFFCL));
    }

    @Test
    void memWithoutInstalledMemoryExplainsWhatIsMissing() {
        SimulatedMemory.uninstall();
        var e = assertThrows(IllegalStateException.class, () -> Mem.load8(0));
        assertTrue(e.getMessage().contains("install"));
    }

    @Test
    void randomStoresReadBackAsAMapModelSays() {
        SimulatedMemory.install(new SimulatedMemory(0, 1L << 32));
        Random r = new Random(7);
        Map<Long, Long> model = new HashMap<>();
        for (int i = 0; i < 20000; i++) {
            long a = (r.nextLong() >>> 32) & ~7L;
            if (r.nextBoolean()) {
                long v = r.nextLong();
                Mem.store64(a, v);
                model.put(a, v);
            } else {
                assertEquals(model.getOrDefault(a, 0L), Mem.load64(a));
            }
        }
    }

    @Test
    void overlappingCopyBehavesAsMemmoveInBothDirections() {
        SimulatedMemory.install(new SimulatedMemory(0, 1 << 20));
        byte[] data = new byte[10000];
        new Random(3).nextBytes(data);
        Mem.copyFromArray(data, 0, PA.of(0x1000), data.length);
        Mem.copy(PA.of(0x1100), PA.of(0x1000), data.length);
        byte[] out = new byte[data.length];
        Mem.copyToArray(PA.of(0x1100), out, 0, out.length);
        assertArrayEquals(data, out);
        Mem.copy(PA.of(0x1000), PA.of(0x1100), data.length);
        Mem.copyToArray(PA.of(0x1000), out, 0, out.length);
        assertArrayEquals(data, out);
    }

    @Test
    void zeroAndFillCoverExactlyTheGivenBytes() {
        SimulatedMemory.install(new SimulatedMemory(0, 1 << 20));
        Mem.fill(PA.of(0x0ff0), 0xAB, 0x2020);
        assertEquals(0, Mem.load8(0x0fef));
        assertEquals(0xAB, Mem.load8(0x0ff0));
        assertEquals(0xAB, Mem.load8(0x300f));
        assertEquals(0, Mem.load8(0x3010));
        Mem.zero(PA.of(0x1000), 0x1000);
        assertEquals(0xAB, Mem.load8(0x0fff));
        assertEquals(0, Mem.load8(0x1000));
        assertEquals(0, Mem.load8(0x1fff));
        assertEquals(0xAB, Mem.load8(0x2000));
    }

    @Test
    void arrayCopiesRejectOutOfBoundsArraySlices() {
        SimulatedMemory.install(new SimulatedMemory(0, 1 << 20));
        byte[] b = new byte[8];
        assertThrows(IndexOutOfBoundsException.class, () -> Mem.copyToArray(PA.of(0), b, 4, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> Mem.copyFromArray(b, -1, PA.of(0), 2));
    }
}
