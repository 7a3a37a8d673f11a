package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

class VmaSetTest {
    static final int RW = Prot.READ | Prot.WRITE;
    static final long BASE = 0x7F00_0000_0000L;

    VmaSet set = new VmaSet(0x10000, BASE);

    static Vma anon(long s, long e, int prot) { return new Vma(s, e, prot, 0); }

    @Test
    void findReturnsTheContainingAreaAndNullInGaps() {
        set.insert(anon(0x10000, 0x20000, RW));
        set.insert(anon(0x30000, 0x40000, RW));
        assertEquals(0x10000, set.find(0x10000).start());
        assertEquals(0x10000, set.find(0x1ffff).start());
        assertNull(set.find(0x20000));
        assertNull(set.find(0x40000));
        assertEquals(0x30000, set.findNext(0x20000).start());
        assertNull(set.findNext(0x40000));
    }

    @Test
    void insertRejectsOverlapAndUnalignedAreas() {
        assertEquals(0, set.insert(anon(0x10000, 0x20000, RW)));
        assertEquals(-Errno.EEXIST, set.insert(anon(0x1f000, 0x21000, RW)));
        assertEquals(-Errno.EINVAL, set.insert(anon(0x21000, 0x21800, RW)));
        assertEquals(-Errno.EINVAL, set.insert(anon(0x30000, 0x30000, RW)));
        assertEquals(1, set.count());
    }

    @Test
    void munmapInTheMiddleSplitsOneAreaIntoTwo() {
        set.insert(anon(0x10000, 0x20000, RW));
        assertEquals(0, set.unmap(0x14000, 0x2000));
        assertEquals(2, set.count());
        assertEquals(0x14000, set.get(0).end());
        assertEquals(0x16000, set.get(1).start());
        assertNull(set.find(0x15000));
    }

    @Test
    void munmapRoundsTheLengthUpAndRejectsUnalignedStarts() {
        set.insert(anon(0x10000, 0x20000, RW));
        assertEquals(0, set.unmap(0x10000, 1));
        assertEquals(0x11000, set.get(0).start());
        assertEquals(-Errno.EINVAL, set.unmap(0x10800, 0x1000));
        assertEquals(-Errno.EINVAL, set.unmap(0x10000, 0));
        assertEquals(-Errno.EINVAL, set.unmap(-4096, 0x2000));
        assertEquals(0, set.unmap(0x50000, 0x1000), "unmapping a hole is fine");
    }

    @Test
    void fileOffsetsFollowASplit() {
        Object file = new Object();
        set.insert(new Vma(0x10000, 0x20000, Prot.READ, 0).withFile(file, 8, 1, 42, "/lib/x.so", 3));
        set.unmap(0x12000, 0x1000);
        assertEquals(3, set.get(0).pgoff());
        assertEquals(3 + 3, set.get(1).pgoff());
    }

    @Test
    void mprotectOfAMiddlePartMakesThreeAreasAndUndoingItMergesThemBack() {
        set.insert(anon(0x10000, 0x20000, RW));
        assertEquals(0, set.protect(0x14000, 0x4000, Prot.READ));
        assertEquals(3, set.count());
        assertEquals(Prot.READ, set.find(0x15000).prot());
        assertEquals(RW, set.find(0x13000).prot());
        assertEquals(0, set.protect(0x14000, 0x4000, RW));
        assertEquals(1, set.count());
        assertEquals(0x10000, set.get(0).start());
        assertEquals(0x20000, set.get(0).end());
    }

    @Test
    void mprotectOverAHoleIsEnomemAndChangesNothing() {
        set.insert(anon(0x10000, 0x20000, RW));
        set.insert(anon(0x21000, 0x30000, RW));
        assertEquals(-Errno.ENOMEM, set.protect(0x18000, 0x10000, Prot.READ));
        assertEquals(RW, set.find(0x18000).prot());
        assertEquals(2, set.count());
        assertEquals(-Errno.EINVAL, set.protect(0x18001, 0x1000, Prot.READ));
    }

    @Test
    void fileAreasMergeOnlyWhenOffsetsAreContiguous() {
        Object f = new Object();
        set.mapFixed(new Vma(0x10000, 0x12000, Prot.READ, 0).withFile(f, 8, 1, 7, "/f", 0));
        set.mapFixed(new Vma(0x12000, 0x13000, Prot.READ, 0).withFile(f, 8, 1, 7, "/f", 2));
        assertEquals(1, set.count());
        set.mapFixed(new Vma(0x13000, 0x14000, Prot.READ, 0).withFile(f, 8, 1, 7, "/f", 9));
        assertEquals(2, set.count());
        set.mapFixed(new Vma(0x14000, 0x15000, Prot.READ, 0).withFile(new Object(), 8, 1, 7, "/f", 10));
        assertEquals(3, set.count(), "a different file never merges");
    }

    @Test
    void mapFixedReplacesWhatItOverlaps() {
        set.insert(anon(0x10000, 0x20000, RW));
        assertEquals(0, set.mapFixed(anon(0x18000, 0x28000, Prot.READ)));
        assertEquals(2, set.count());
        assertEquals(RW, set.find(0x17000).prot());
        assertEquals(Prot.READ, set.find(0x18000).prot());
        assertEquals(0x28000, set.find(0x18000).end());
    }

    @Test
    void mmapWithoutFixedPlacesAreasTopDownBelowTheBase() {
        long a = set.map(0, 0x3000, RW, 0);
        assertEquals(BASE - 0x3000, a);
        long b = set.map(0, 0x1000, Prot.READ, 0);
        assertEquals(a - 0x1000, b);
        long c = set.map(0, 0x1000, Prot.READ, 0);
        assertEquals(b - 0x1000, c);
        assertEquals(2, set.count(), "adjacent compatible anonymous areas merge");
    }

    @Test
    void mmapHonoursAFreeHintAndFillsAGapThatFits() {
        assertEquals(0x40_0000, set.map(0x40_0000, 0x2000, RW, 0));
        assertEquals(BASE - 0x1000, set.map(0x40_1000, 0x1000, RW, 0), "hint taken, so top-down");
        set.insert(anon(BASE - 0x10000, BASE - 0x2000, Prot.READ));
        long g = set.map(0, 0x1000, Prot.EXEC, 0);
        assertEquals(BASE - 0x2000, g, "the one-page gap under the first area");
    }

    @Test
    void mmapReportsEnomemWhenNoGapIsLargeEnough() {
        VmaSet small = new VmaSet(0x10000, 0x20000);
        assertEquals(0x10000, small.map(0, 0x10000, RW, 0));
        assertEquals(-Errno.ENOMEM, small.map(0, 0x1000, RW, 0));
        assertEquals(-Errno.ENOMEM, new VmaSet(0x10000, 0x20000).map(0, 0x20000, RW, 0));
    }

    @Test
    void forkCopiesAreasSoChangesDoNotLeakBetweenParentAndChild() {
        set.insert(anon(0x10000, 0x20000, RW));
        VmaSet child = set.fork();
        child.protect(0x10000, 0x1000, Prot.READ);
        assertEquals(RW, set.find(0x10000).prot());
        assertEquals(Prot.READ, child.find(0x10000).prot());
    }

    /** Property: random mmap/munmap/mprotect agree page by page with a model, and areas stay sorted, disjoint and merged. */
    @Test
    void randomOperationsAgreeWithAPageModel() {
        Random r = new Random(77);
        int pages = 256;
        long base = 0x100000;
        int[] model = new int[pages]; // 0 = unmapped, else prot + 1
        for (int step = 0; step < 5000; step++) {
            int p = r.nextInt(pages), n = 1 + r.nextInt(Math.min(16, pages - p));
            long s = base + p * 4096L, len = n * 4096L;
            int prot = 1 + r.nextInt(3);
            switch (r.nextInt(3)) {
                case 0 -> {
                    assertEquals(0, set.mapFixed(anon(s, s + len, prot)));
                    for (int i = p; i < p + n; i++) model[i] = prot + 1;
                }
                case 1 -> {
                    assertEquals(0, set.unmap(s, len));
                    for (int i = p; i < p + n; i++) model[i] = 0;
                }
                default -> {
                    boolean whole = true;
                    for (int i = p; i < p + n; i++) whole &= model[i] != 0;
                    assertEquals(whole ? 0 : -Errno.ENOMEM, set.protect(s, len, prot));
                    if (whole) for (int i = p; i < p + n; i++) model[i] = prot + 1;
                }
            }
            for (int i = 0; i < pages; i++) {
                Vma v = set.find(base + i * 4096L);
                assertEquals(model[i], v == null ? 0 : v.prot() + 1, "page " + i + " step " + step);
            }
            for (int i = 0; i + 1 < set.count(); i++) {
                assertTrue(set.get(i).end() <= set.get(i + 1).start());
                assertFalse(set.get(i).canMergeWith(set.get(i + 1)), "unmerged neighbours " + set.get(i) + set.get(i + 1));
            }
        }
    }
}
