package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import lichen.api.Kmem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When neighbouring areas become one, as Linux 6.1 decides it (mm/mmap.c's
 * vma_merge with is_mergeable_anon_vma), so that /proc/PID/maps splits where
 * Linux's does; and that every area a set drops is freed.
 */
class VmaMergeTest {
    static final int RW = Prot.READ | Prot.WRITE;
    static final long PAGE = VmaSet.PAGE;
    static final long BASE = 0x7F00_0000_0000L;

    VmaSet set = new VmaSet(0x10000, BASE);

    @BeforeEach
    void countFromZero() { Kmem.reset(); }

    private long mapAnon(long pages) { return set.map(0, pages * PAGE, RW, 0); }

    private void write(long addr) { set.notePrivatePage(set.find(addr)); }

    @Test
    void aNewMappingJoinsAnUntouchedNeighbour() {
        long high = mapAnon(4);
        long low = mapAnon(2);
        assertEquals(high - 2 * PAGE, low);
        assertEquals(1, set.count());
    }

    @Test
    void aNewMappingJoinsANeighbourWithItsOwnPrivatePages() {
        long high = mapAnon(4);
        write(high);
        mapAnon(2);
        assertEquals(1, set.count());
        assertTrue(set.get(0).hasPrivatePages());
    }

    @Test
    void aNewMappingStaysApartFromANeighbourWhosePagesCameThroughFork() {
        long high = mapAnon(4);
        write(high);
        VmaSet child = set.fork();
        long low = child.map(0, 2 * PAGE, RW, 0);
        assertEquals(high - 2 * PAGE, low);
        assertEquals(2, child.count(), "the child's inherited area keeps its own line");
        set.map(0, 2 * PAGE, RW, 0);
        assertEquals(1, set.count(), "the parent's own area still joins");
    }

    @Test
    void anUntouchedInheritedAreaStillJoins() {
        mapAnon(4);
        VmaSet child = set.fork();
        child.map(0, 2 * PAGE, RW, 0);
        assertEquals(1, child.count());
    }

    @Test
    void mprotectBackRejoinsTheHalvesOfOneArea() {
        long a = mapAnon(3);
        write(a);
        assertEquals(0, set.protect(a + PAGE, PAGE, Prot.READ));
        assertEquals(3, set.count());
        assertEquals(0, set.protect(a + PAGE, PAGE, RW));
        assertEquals(1, set.count(), "split halves share their private pages' identity");
    }

    @Test
    void aTouchedAreaChangedToMatchAnUntouchedNeighbourStaysApart() {
        long high = mapAnon(2);
        long low = set.map(0, PAGE, Prot.READ, 0);
        assertEquals(high - PAGE, low);
        write(high);
        assertEquals(0, set.protect(high, PAGE, Prot.READ));
        assertEquals(3, set.count(), "Linux keeps an area with private pages apart from one without");
    }

    @Test
    void theFirstPrivatePageTakesACompatibleNeighboursIdentity() {
        long high = mapAnon(2);
        long low = set.map(0, PAGE, Prot.READ, 0);
        write(high);
        write(low);
        assertEquals(0, set.protect(low, PAGE, RW));
        assertEquals(1, set.count(), "find_mergeable_anon_vma gave both the same anon_vma");
    }

    @Test
    void unmapAndMergeFreeTheAreasTheyDrop() {
        long a = mapAnon(3);
        set.protect(a + PAGE, PAGE, Prot.READ);
        set.protect(a + PAGE, PAGE, RW);
        long freesAfterMerge = Kmem.freeCount();
        assertEquals(2, freesAfterMerge, "the two areas merged back into the first are freed");
        set.unmap(a, 3 * PAGE);
        assertEquals(3, Kmem.freeCount());
        assertEquals(0, Kmem.liveCount());
    }

    @Test
    void aRefusedMappingIsFreedAndClearFreesAll() {
        set.map(0, 2 * PAGE, RW, 0);
        set.map(0, 2 * PAGE, Prot.READ, 0);
        assertEquals(-lichen.libkernel.Errno.EINVAL, set.mapFixed(new Vma(0x10800, 0x12000, RW, 0)));
        assertEquals(1, Kmem.freeCount());
        set.clear();
        assertEquals(0, set.count());
        assertEquals(0, Kmem.liveCount());
    }
}
