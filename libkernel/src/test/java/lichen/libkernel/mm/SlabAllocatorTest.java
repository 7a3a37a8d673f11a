package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import lichen.api.Mem;
import lichen.libkernel.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlabAllocatorTest {
    PhysicalMemory ram;
    SlabAllocator slab;

    @BeforeEach
    void setUp() {
        ram = PhysicalMemory.install(16);
        slab = new SlabAllocator(ram.buddy, 2);
    }

    @Test
    void sizesRoundUpToTheKmallocClasses() {
        assertEquals(8, slab.cacheFor(1).objectSize());
        assertEquals(96, slab.cacheFor(65).objectSize());
        assertEquals(192, slab.cacheFor(129).objectSize());
        assertEquals(4096, slab.cacheFor(4096).objectSize());
        assertNull(slab.cacheFor(4097));
        assertEquals(-Errno.EINVAL, slab.alloc(0, 5000));
        assertEquals(-Errno.EINVAL, slab.alloc(0, 0));
    }

    @Test
    void everySlabHoldsAtLeastEightObjects() {
        for (int size : SlabAllocator.SIZES) {
            SlabCache c = slab.cacheFor(size);
            assertTrue(c.objectsPerSlab() >= 8, c.name());
            assertTrue((long) c.objectsPerSlab() * c.objectSize() <= 4096L << c.slabOrder());
        }
    }

    @Test
    void liveObjectsAreDistinctAlignedAndDoNotOverlap() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            long o = slab.alloc(i & 1, 96);
            assertTrue(o > 0);
            assertEquals(0, o % 8);
            assertTrue(seen.add(o));
        }
        List<Long> sorted = new ArrayList<>(seen);
        java.util.Collections.sort(sorted);
        for (int i = 1; i < sorted.size(); i++) assertTrue(sorted.get(i) - sorted.get(i - 1) >= 96);
    }

    @Test
    void objectsComeBackZeroedEvenAfterUse() {
        long o = slab.alloc(0, 64);
        for (int i = 0; i < 64; i += 8) Mem.store64(o + i, -1L);
        assertEquals(0, slab.free(0, o));
        long again = slab.alloc(0, 64);
        assertEquals(o, again, "the CPU's magazine hands back the hot object");
        for (int i = 0; i < 64; i += 8) assertEquals(0, Mem.load64(again + i));
    }

    @Test
    void doubleFreeAndForeignPointersAreRejected() {
        long o = slab.alloc(0, 32);
        assertEquals(0, slab.free(0, o));
        assertEquals(-Errno.EINVAL, slab.free(0, o));
        assertEquals(-Errno.EINVAL, slab.free(1, o), "also from another CPU");
        long p = slab.alloc(0, 32);
        assertEquals(-Errno.EINVAL, slab.free(0, p + 8), "interior pointer");
        long page = ram.buddy.allocPages(0);
        assertEquals(-Errno.EINVAL, slab.free(0, page), "a page no cache owns");
    }

    @Test
    void magazinesAbsorbFreesAndDrainInBatchesWhenFull() {
        SlabCache c = slab.cacheFor(128);
        long[] objs = new long[40];
        for (int i = 0; i < objs.length; i++) objs[i] = c.alloc(0);
        for (int i = 0; i < SlabCache.MAGAZINE; i++) c.free(0, objs[i]);
        assertEquals(SlabCache.MAGAZINE, c.magazineCount(0));
        c.free(0, objs[SlabCache.MAGAZINE]);
        assertEquals(SlabCache.MAGAZINE / 2 + 1, c.magazineCount(0));
        assertEquals(0, c.magazineCount(1));
    }

    @Test
    void anObjectFreedOnAnotherCpuIsReusedThere() {
        SlabCache c = slab.cacheFor(256);
        long o = c.alloc(0);
        c.free(1, o);
        assertEquals(o, c.alloc(1));
    }

    @Test
    void shrinkReturnsEverySlabPageWhenNothingIsLive() {
        long free = ram.buddy.freePageCount();
        Random r = new Random(8);
        List<long[]> live = new ArrayList<>();
        for (int i = 0; i < 5000; i++) live.add(new long[] {slab.alloc(r.nextInt(2), 1 + r.nextInt(2048)), 0});
        for (long[] o : live) assertEquals(0, slab.free(r.nextInt(2), o[0]));
        assertEquals(0, slab.objectsInUse());
        slab.shrink();
        assertEquals(free, ram.buddy.freePageCount());
    }

    @Test
    void emptySlabsBeyondOneAreReturnedWithoutAShrink() {
        SlabCache c = slab.cacheFor(2048);
        long free = ram.buddy.freePageCount();
        long[] o = new long[200];
        for (int i = 0; i < o.length; i++) o[i] = c.alloc(0);
        assertTrue(c.slabCount() >= 200 / c.objectsPerSlab());
        for (long x : o) c.free(0, x);
        int magazineSlabs = (SlabCache.MAGAZINE + c.objectsPerSlab() - 1) / c.objectsPerSlab() + 1;
        assertTrue(c.slabCount() <= magazineSlabs + 1, "the slabs under the magazine's objects and one spare remain: " + c.slabCount());
        assertTrue(ram.buddy.freePageCount() >= free - ((long) (magazineSlabs + 1) << c.slabOrder()));
    }

    @Test
    void allocationFailsWithEnomemWhenPagesRunOutAndRecoversAfterFrees() {
        List<Long> objs = new ArrayList<>();
        long o;
        while ((o = slab.alloc(0, 4096)) >= 0) objs.add(o);
        assertEquals(-Errno.ENOMEM, o);
        assertEquals(0, slab.free(0, objs.get(0)));
        assertTrue(slab.alloc(0, 4096) >= 0);
    }

    /** Property: random alloc/free across CPUs never hands out an object twice, and counts match a model. */
    @Test
    void randomTrafficNeverAliasesLiveObjects() {
        Random r = new Random(99);
        java.util.Map<Long, Integer> live = new java.util.HashMap<>();
        List<Long> order = new ArrayList<>();
        for (int step = 0; step < 30000; step++) {
            if (order.isEmpty() || r.nextInt(10) < 6) {
                int size = 1 + r.nextInt(r.nextBoolean() ? 128 : 2048);
                long obj = slab.alloc(r.nextInt(2), size);
                if (obj < 0) continue;
                assertNull(live.put(obj, size), "object handed out twice");
                order.add(obj);
                Mem.store64(obj, step);
            } else {
                long obj = order.remove(r.nextInt(order.size()));
                live.remove(obj);
                assertEquals(0, slab.free(r.nextInt(2), obj));
            }
        }
        assertEquals(live.size(), slab.objectsInUse());
    }
}
