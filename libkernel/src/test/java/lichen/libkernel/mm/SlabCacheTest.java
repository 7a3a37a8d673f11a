package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import lichen.api.Mem;
import org.junit.jupiter.api.Test;

class SlabCacheTest {
    @Test
    void shrinkingKeepsLiveObjectsIntactAndUsable() {
        PhysicalMemory ram = PhysicalMemory.install(8);
        SlabAllocator slab = new SlabAllocator(ram.buddy, 1);
        long[] live = new long[100];
        for (int i = 0; i < 100; i++) {
            live[i] = slab.alloc(0, 32);
            Mem.store64(live[i] + 8, i * 31L);
        }
        for (int i = 0; i < 100; i += 2) slab.free(0, live[i]);
        slab.shrink();
        for (int i = 1; i < 100; i += 2) assertEquals(i * 31L, Mem.load64(live[i] + 8));
        for (int i = 1; i < 100; i += 2) assertEquals(0, slab.free(0, live[i]));
        assertEquals(0, slab.objectsInUse());
    }

    @Test
    void smallObjectsFillAPageButNoMoreThan512() {
        PhysicalMemory ram = PhysicalMemory.install(4);
        SlabAllocator slab = new SlabAllocator(ram.buddy, 1);
        assertEquals(512, slab.cacheFor(8).objectsPerSlab());
        assertEquals(0, slab.cacheFor(8).slabOrder());
        assertEquals(4096 / 96, slab.cacheFor(96).objectsPerSlab());
        assertEquals(2, slab.cacheFor(2048).slabOrder(), "2 KiB objects need 4 pages (order 2) for 8");
    }

    @Test
    void slabsAreReturnedToTheBuddyOnlyWhenEmpty() {
        PhysicalMemory ram = PhysicalMemory.install(4);
        SlabAllocator slab = new SlabAllocator(ram.buddy, 1);
        long before = ram.buddy.freePageCount();
        long o = slab.alloc(0, 512);
        assertTrue(ram.buddy.freePageCount() < before);
        slab.shrink();
        assertTrue(ram.buddy.freePageCount() < before, "a live object pins its slab");
        slab.free(0, o);
        slab.shrink();
        assertEquals(before, ram.buddy.freePageCount());
    }
}
