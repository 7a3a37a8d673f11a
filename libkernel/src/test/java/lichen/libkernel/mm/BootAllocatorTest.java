package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

class BootAllocatorTest {
    static final long RAM = 0x4000_0000L;

    @Test
    void freeRangesAreMemoryMinusReservations() {
        BootAllocator b = new BootAllocator();
        b.addMemory(RAM, 0x100000);
        b.reserve(RAM + 0x1000, 0x1000);
        b.reserve(RAM + 0x80000, 0x90000); // runs past the end of memory
        b.reserve(0x1000, 0x1000); // outside memory
        long[] f = b.freeRanges();
        assertArrayEquals(new long[] {RAM, RAM + 0x1000, RAM + 0x2000, RAM + 0x80000}, f);
        assertEquals(0x1000 + 0x7e000, b.freeBytes());
    }

    @Test
    void allocationIsTopDownAlignedAndReservesWhatItGives() {
        BootAllocator b = new BootAllocator();
        b.addMemory(RAM, 0x100000);
        long a = b.alloc(0x1800, 0x1000);
        assertEquals(RAM + 0x100000 - 0x2000, a);
        long c = b.alloc(0x10, 0x10);
        assertEquals(RAM + 0x100000 - 0x10, c, "the 0x800 bytes above the first allocation are still free");
        assertTrue(b.reserved().covers(a, 0x1800));
        assertEquals(0x100000 - 0x1800 - 0x10, b.freeBytes());
    }

    @Test
    void allocationRespectsTheLimitAndReportsEnomem() {
        BootAllocator b = new BootAllocator();
        b.addMemory(RAM, 0x10000);
        b.addMemory(0x8000_0000L, 0x10000);
        assertEquals(RAM + 0xF000, b.alloc(0x1000, 0x1000, 0x8000_0000L));
        assertEquals(-Errno.ENOMEM, b.alloc(0x20000, 0x1000));
        assertEquals(-Errno.EINVAL, b.alloc(0x1000, 3));
        assertEquals(-Errno.EINVAL, b.alloc(0, 8));
    }

    @Test
    void handOffGivesOnlyWholeFreePagesToTheBuddy() {
        BootAllocator b = new BootAllocator();
        b.addMemory(RAM, 64 * 4096);
        b.reserve(RAM + 0x1800, 0x1000); // covers parts of pages 1 and 2
        BuddyAllocator buddy = new BuddyAllocator(RAM, 64);
        assertEquals(62, b.handOff(buddy));
        assertEquals(62, buddy.freePageCount());
        assertEquals(-1, buddy.allocatedOrder(RAM + 0x1000));
        for (int i = 0; i < 62; i++) {
            long p = buddy.allocPages(0);
            assertTrue(p != RAM + 0x1000 && p != RAM + 0x2000);
        }
    }
}
