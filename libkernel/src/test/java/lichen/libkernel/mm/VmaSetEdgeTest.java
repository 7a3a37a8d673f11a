package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

class VmaSetEdgeTest {
    VmaSet set = new VmaSet(0x10000, 0x7F00_0000_0000L);

    @Test
    void mapFixedBetweenTwoCompatibleAreasMergesAllThree() {
        set.insert(new Vma(0x10000, 0x20000, Prot.READ, 0));
        set.insert(new Vma(0x30000, 0x40000, Prot.READ, 0));
        assertEquals(0, set.mapFixed(new Vma(0x20000, 0x30000, Prot.READ, 0)));
        assertEquals(1, set.count());
        assertEquals(0x40000, set.get(0).end());
    }

    @Test
    void namedAreasDoNotMergeWithAnonymousOnes() {
        set.mapFixed(new Vma(0x10000, 0x20000, Prot.READ | Prot.WRITE, 0).named("[heap]"));
        set.mapFixed(new Vma(0x20000, 0x30000, Prot.READ | Prot.WRITE, 0));
        assertEquals(2, set.count());
        set.mapFixed(new Vma(0x30000, 0x31000, Prot.READ | Prot.WRITE, 0).named("[heap]"));
        assertEquals(3, set.count());
    }

    @Test
    void sharedAndPrivateAreasDoNotMerge() {
        set.mapFixed(new Vma(0x10000, 0x20000, Prot.READ, Vma.SHARED));
        set.mapFixed(new Vma(0x20000, 0x30000, Prot.READ, 0));
        assertEquals(2, set.count());
    }

    @Test
    void aGapOfExactlyTheRequestedSizeIsUsed() {
        long top = 0x7F00_0000_0000L;
        set.insert(new Vma(top - 0x1000, top, Prot.READ, 0));
        set.insert(new Vma(top - 0x10000, top - 0x4000, Prot.READ, 0));
        assertEquals(top - 0x4000, set.map(0, 0x3000, Prot.WRITE, 0));
        assertEquals(top - 0x13000, set.map(0, 0x3000, Prot.WRITE, 0), "the next one goes below everything");
    }

    @Test
    void mprotectOfZeroBytesSucceedsWithoutChangingAnything() {
        assertEquals(0, set.protect(0x10000, 0, Prot.READ));
        assertEquals(0, set.count());
        assertEquals(-Errno.ENOMEM, set.protect(0x10000, 0x1000, Prot.READ));
    }

    @Test
    void rangesPastTheTopOfUserSpaceAreRefused() {
        assertEquals(-Errno.EINVAL, set.unmap(VmaSet.USER_END - 0x1000, 0x2000));
        assertEquals(-Errno.ENOMEM, set.protect(VmaSet.USER_END - 0x1000, 0x2000, Prot.READ));
    }

    @Test
    void splittingBeyondTheMapCountFailsWithEnomem() {
        VmaSet s = new VmaSet(0x10000, 0x7F00_0000_0000L);
        for (int i = 0; i < VmaSet.MAX_MAP_COUNT; i++) {
            assertEquals(0, s.insert(new Vma(0x100000L + i * 0x2000L, 0x100000L + i * 0x2000L + 0x2000, (i & 1) + 1, 0)));
        }
        assertEquals(-Errno.ENOMEM, s.insert(new Vma(0x10000, 0x11000, Prot.READ, 0)));
        assertEquals(-Errno.ENOMEM, s.unmap(0x101000, 0x1000), "cutting the middle of an area needs one more");
        assertEquals(0, s.unmap(0x100000, 0x2000), "removing a whole area needs none");
    }

    @Test
    void totalBytesCountsEveryMappedPage() {
        set.map(0, 0x3000, Prot.READ, 0);
        set.map(0x40_0000, 0x1000, Prot.WRITE, 0);
        assertEquals(0x4000, set.totalBytes());
        assertTrue(set.intersects(0x40_0000, 0x40_0001));
        assertFalse(set.intersects(0x40_1000, 0x50_0000));
    }
}
