package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import java.util.TreeSet;
import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

class RegionListTest {
    @Test
    void overlappingAndTouchingRangesMergeIntoOne() {
        RegionList l = new RegionList(8);
        l.add(0x1000, 0x1000);
        l.add(0x3000, 0x1000);
        assertEquals(2, l.count());
        l.add(0x2000, 0x1000);
        assertEquals(1, l.count());
        assertEquals(0x1000, l.base(0));
        assertEquals(0x4000, l.end(0));
        l.add(0x800, 0x5000);
        assertEquals(1, l.count());
        assertEquals(0x800, l.base(0));
        assertEquals(0x5800, l.end(0));
    }

    @Test
    void wrappingOrNegativeRangesAreInvalidAndAFullTableSaysSo() {
        RegionList l = new RegionList(2);
        assertEquals(-Errno.EINVAL, l.add(Long.MAX_VALUE - 10, 100));
        assertEquals(-Errno.EINVAL, l.add(0, -1));
        l.add(0, 1);
        l.add(10, 1);
        assertEquals(-Errno.ENOSPC, l.add(20, 1));
        assertEquals(0, l.add(1, 9), "a range that bridges two entries merges them and needs no slot");
        assertEquals(1, l.count());
    }

    @Test
    void randomAddsCoverExactlyTheUnionOfTheRanges() {
        Random r = new Random(4);
        RegionList l = new RegionList(1000);
        TreeSet<Integer> units = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            int b = r.nextInt(2000), s = r.nextInt(20);
            l.add(b, s);
            for (int u = b; u < b + s; u++) units.add(u);
        }
        assertEquals(units.size(), l.totalSize());
        for (int i = 0; i + 1 < l.count(); i++) assertTrue(l.end(i) < l.base(i + 1), "sorted, disjoint, not touching");
        for (int u = 0; u < 2100; u++) assertEquals(units.contains(u), l.covers(u, 1), "unit " + u);
    }
}
