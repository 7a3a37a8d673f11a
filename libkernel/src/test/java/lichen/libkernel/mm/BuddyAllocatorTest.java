package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

class BuddyAllocatorTest {
    static final long BASE = 0x4000_0000L;

    /** Checks the allocator's invariants: free blocks aligned, disjoint, not mergeable with a free buddy, counts right. */
    static void assertInvariants(BuddyAllocator b, List<long[]> allocated) {
        long free = 0;
        java.util.TreeMap<Long, Long> spans = new java.util.TreeMap<>();
        for (int o = 0; o <= BuddyAllocator.MAX_ORDER; o++) {
            for (long pa : b.freeBlocks(o)) {
                long size = 4096L << o;
                assertEquals(0, pa % size, "free block not naturally aligned");
                if (o < BuddyAllocator.MAX_ORDER) {
                    long buddy = pa ^ size;
                    assertFalse(b.isFreeBlock(buddy, o), "free buddies left unmerged at order " + o);
                }
                assertNull(spans.put(pa, pa + size));
                free += 1L << o;
            }
        }
        for (long[] a : allocated) assertNull(spans.put(a[0], a[0] + (4096L << a[1])), "allocated block also free");
        long end = 0;
        for (var e : spans.entrySet()) {
            assertTrue(e.getKey() >= end, "blocks overlap at 0x" + Long.toHexString(e.getKey()));
            end = e.getValue();
        }
        assertEquals(free, b.freePageCount());
    }

    @Test
    void aFreshRangeIsHeldInMaximalAlignedBlocks() {
        BuddyAllocator b = new BuddyAllocator(BASE, 4096);
        assertEquals(4096, b.addFreeRange(BASE, BASE + (4096L << 12)));
        assertEquals(4, b.freeBlockCount(10));
        assertEquals(0, b.freeBlockCount(0));
        assertInvariants(b, List.of());
    }

    @Test
    void anUnalignedRangeIsCoveredByDecreasingThenIncreasingOrders() {
        BuddyAllocator b = new BuddyAllocator(BASE, 64);
        assertEquals(13, b.addFreeRange(BASE + 3 * 4096, BASE + 16 * 4096));
        // frames 3 | 4-7 | 8-15
        assertEquals(1, b.freeBlockCount(0));
        assertEquals(1, b.freeBlockCount(2));
        assertEquals(1, b.freeBlockCount(3));
        assertInvariants(b, List.of());
    }

    @Test
    void allocationSplitsTheSmallestBlockThatFits() {
        BuddyAllocator b = new BuddyAllocator(BASE, 16);
        b.addFreeRange(BASE, BASE + 16 * 4096);
        long p = b.allocPages(0);
        assertEquals(BASE, p);
        assertEquals(1, b.freeBlockCount(0));
        assertEquals(1, b.freeBlockCount(1));
        assertEquals(1, b.freeBlockCount(2));
        assertEquals(1, b.freeBlockCount(3));
        assertEquals(15, b.freePageCount());
    }

    @Test
    void freeingBothHalvesCoalescesBackToTheOriginalBlock() {
        BuddyAllocator b = new BuddyAllocator(BASE, 1024);
        b.addFreeRange(BASE, BASE + (1024L << 12));
        long[] pages = new long[1024];
        for (int i = 0; i < 1024; i++) pages[i] = b.allocPages(0);
        assertEquals(-Errno.ENOMEM, b.allocPages(0));
        for (int i = 1023; i >= 0; i--) assertEquals(0, b.freePages(pages[i], 0));
        assertEquals(1, b.freeBlockCount(10));
        assertEquals(10, b.largestFreeOrder());
    }

    @Test
    void doubleFreeAndWrongOrderFreeAreRejected() {
        BuddyAllocator b = new BuddyAllocator(BASE, 64);
        b.addFreeRange(BASE, BASE + 64 * 4096);
        long p = b.allocPages(2);
        assertEquals(-Errno.EINVAL, b.freePages(p, 1));
        assertEquals(-Errno.EINVAL, b.freePages(p + 4096, 0), "interior page of a block");
        assertEquals(0, b.freePages(p, 2));
        assertEquals(-Errno.EINVAL, b.freePages(p, 2), "double free");
        assertEquals(-Errno.EINVAL, b.freePages(BASE + 64 * 4096, 0), "outside the range");
        assertEquals(-Errno.EINVAL, b.freePages(p + 1, 0), "unaligned");
    }

    @Test
    void ordersOutsideZeroToTenAreInvalid() {
        BuddyAllocator b = new BuddyAllocator(BASE, 2048);
        b.addFreeRange(BASE, BASE + (2048L << 12));
        assertEquals(-Errno.EINVAL, b.allocPages(11));
        assertEquals(-Errno.EINVAL, b.allocPages(-1));
        assertEquals(BASE, b.allocPages(10) & ~((4096L << 10) - 1) & ~(4096L << 10), "order 10 succeeds");
    }

    @Test
    void blocksAreAlignedInPhysicalSpaceNotRelativeToTheRangeStart() {
        long base = BASE + 4096; // the range itself is not 8 KiB aligned
        BuddyAllocator b = new BuddyAllocator(base, 63);
        b.addFreeRange(base, base + 63 * 4096);
        for (int order = 5; order >= 0; order--) {
            long p = b.allocPages(order);
            if (p >= 0) assertEquals(0, p % (4096L << order), "order " + order);
        }
    }

    @Test
    void addingOverlappingOrOutOfRangeFramesIsRejected() {
        BuddyAllocator b = new BuddyAllocator(BASE, 64);
        assertEquals(16, b.addFreeRange(BASE, BASE + 16 * 4096));
        assertEquals(-Errno.EINVAL, b.addFreeRange(BASE + 8 * 4096, BASE + 20 * 4096));
        assertEquals(-Errno.EINVAL, b.addFreeRange(BASE - 4096, BASE));
        assertEquals(-Errno.EINVAL, b.addFreeRange(BASE + 60 * 4096, BASE + 65 * 4096));
        long p = b.allocPages(3);
        assertEquals(-Errno.EINVAL, b.addFreeRange(p + 4096, p + 2 * 4096), "frame inside an allocated block");
    }

    @Test
    void adjacentRangesAddedSeparatelyMergeIntoOneBlock() {
        BuddyAllocator b = new BuddyAllocator(BASE, 1024);
        b.addFreeRange(BASE + 512 * 4096, BASE + 1024 * 4096);
        b.addFreeRange(BASE, BASE + 512 * 4096);
        assertEquals(1, b.freeBlockCount(10));
    }

    @Test
    void invariantsHoldAfterRandomAllocationAndFree() {
        Random r = new Random(42);
        BuddyAllocator b = new BuddyAllocator(BASE, 8192);
        b.addFreeRange(BASE + 4096 * 5, BASE + (8192L << 12) - 4096 * 3);
        List<long[]> live = new ArrayList<>();
        long total = b.freePageCount();
        for (int step = 0; step < 20000; step++) {
            if (live.isEmpty() || r.nextInt(100) < 55) {
                int order = r.nextInt(100) < 80 ? r.nextInt(3) : r.nextInt(11);
                long p = b.allocPages(order);
                if (p >= 0) live.add(new long[] {p, order});
                else assertEquals(-Errno.ENOMEM, p);
            } else {
                long[] a = live.remove(r.nextInt(live.size()));
                assertEquals(0, b.freePages(a[0], (int) a[1]));
            }
            if (step % 997 == 0) assertInvariants(b, live);
        }
        for (long[] a : live) assertEquals(0, b.freePages(a[0], (int) a[1]));
        assertEquals(total, b.freePageCount());
        assertInvariants(b, List.of());
    }

    @Test
    void exhaustionAtOneOrderStillServesSmallerOrders() {
        BuddyAllocator b = new BuddyAllocator(BASE, 1024);
        b.addFreeRange(BASE, BASE + (1024L << 12));
        long a = b.allocPages(9);
        long c = b.allocPages(8);
        assertTrue(a >= 0 && c >= 0);
        assertEquals(-Errno.ENOMEM, b.allocPages(9));
        assertTrue(b.allocPages(8) >= 0);
        assertEquals(-Errno.ENOMEM, b.allocPages(0));
    }
}
