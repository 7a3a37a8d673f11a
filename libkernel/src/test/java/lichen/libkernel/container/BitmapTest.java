package lichen.libkernel.container;

import static org.junit.jupiter.api.Assertions.*;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitmapTest {
    @Test
    void setAndClearReportWhetherTheBitChanged() {
        Bitmap b = new Bitmap(100);
        assertTrue(b.set(5));
        assertFalse(b.set(5));
        assertEquals(1, b.cardinality());
        assertTrue(b.clear(5));
        assertFalse(b.clear(5));
        assertEquals(0, b.cardinality());
    }

    @Test
    void searchesNeverReportBitsBeyondTheSize() {
        Bitmap b = new Bitmap(70);
        b.setRange(0, 70);
        assertEquals(-1, b.nextClear(0));
        Bitmap c = new Bitmap(70);
        assertEquals(-1, c.nextSet(0));
        assertEquals(69, c.nextClear(69));
        assertEquals(-1, c.nextClear(70));
    }

    @Test
    void outOfRangeBitsAreRejected() {
        Bitmap b = new Bitmap(64);
        assertThrows(IndexOutOfBoundsException.class, () -> b.get(64));
        assertThrows(IndexOutOfBoundsException.class, () -> b.set(-1));
    }

    @Test
    void randomOperationsAgreeWithBitSet() {
        Random r = new Random(5);
        Bitmap b = new Bitmap(1000);
        BitSet model = new BitSet(1000);
        for (int i = 0; i < 20000; i++) {
            int bit = r.nextInt(1000);
            switch (r.nextInt(4)) {
                case 0 -> { assertEquals(!model.get(bit), b.set(bit)); model.set(bit); }
                case 1 -> { assertEquals(model.get(bit), b.clear(bit)); model.clear(bit); }
                case 2 -> { int m = model.nextSetBit(bit); assertEquals(m, b.nextSet(bit)); }
                default -> { int m = model.nextClearBit(bit); assertEquals(m >= 1000 ? -1 : m, b.nextClear(bit)); }
            }
            assertEquals(model.cardinality(), b.cardinality());
        }
    }

    @Test
    void findClearRunFindsTheFirstRunLongEnough() {
        Bitmap b = new Bitmap(200);
        b.set(3);
        b.set(10);
        b.setRange(64, 2);
        assertEquals(0, b.findClearRun(0, 3));
        assertEquals(4, b.findClearRun(0, 6));
        assertEquals(11, b.findClearRun(0, 7));
        assertEquals(66, b.findClearRun(12, 60));
        assertEquals(-1, b.findClearRun(0, 150));
        assertEquals(130, b.findClearRun(130, 70));
        assertEquals(-1, b.findClearRun(131, 70));
    }
}
