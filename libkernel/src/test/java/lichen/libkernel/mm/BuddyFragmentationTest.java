package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class BuddyFragmentationTest {
    static final long BASE = 0x4000_0000L;

    @Test
    void holdingEveryOtherPageLeavesOnlyOrderZeroFree() {
        BuddyAllocator b = new BuddyAllocator(BASE, 64);
        b.addFreeRange(BASE, BASE + 64 * 4096);
        long[] p = new long[64];
        for (int i = 0; i < 64; i++) p[i] = b.allocPages(0);
        for (int i = 0; i < 64; i += 2) b.freePages(p[i], 0);
        assertEquals(0, b.largestFreeOrder());
        assertEquals(32, b.freeBlockCount(0));
        assertEquals(-lichen.libkernel.Errno.ENOMEM, b.allocPages(1));
        for (int i = 1; i < 64; i += 2) b.freePages(p[i], 0);
        assertEquals(6, b.largestFreeOrder());
    }

    @Test
    void allocatedOrderIsKnownOnlyAtTheBlockHead() {
        BuddyAllocator b = new BuddyAllocator(BASE, 64);
        b.addFreeRange(BASE, BASE + 64 * 4096);
        long p = b.allocPages(3);
        assertEquals(3, b.allocatedOrder(p));
        assertEquals(-1, b.allocatedOrder(p + 4096));
        assertEquals(-1, b.allocatedOrder(BASE - 4096));
        assertTrue(b.isFreeBlock(p ^ (8 * 4096), 3), "its buddy is free at the same order");
        assertEquals(64, b.managedPageCount());
    }

    @Test
    void framesNeverAddedNeverMerge() {
        BuddyAllocator b = new BuddyAllocator(BASE, 16);
        b.addFreeRange(BASE, BASE + 8 * 4096);
        assertEquals(3, b.largestFreeOrder());
        assertEquals(8, b.freePageCount());
        assertEquals(1, b.freeBlockCount(3));
    }
}
