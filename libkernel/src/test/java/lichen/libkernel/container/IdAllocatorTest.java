package lichen.libkernel.container;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.Errno;
import org.junit.jupiter.api.Test;

class IdAllocatorTest {
    @Test
    void fileDescriptorsReuseTheLowestFreeNumber() {
        IdAllocator fds = new IdAllocator(0, 1024);
        for (int i = 0; i < 5; i++) assertEquals(i, fds.allocLowest());
        assertEquals(0, fds.free(1));
        assertEquals(0, fds.free(3));
        assertEquals(1, fds.allocLowest());
        assertEquals(3, fds.allocLowest());
        assertEquals(5, fds.allocLowest());
    }

    @Test
    void dupfdStartsTheSearchAtTheGivenMinimum() {
        IdAllocator fds = new IdAllocator(0, 64);
        fds.allocLowest();
        assertEquals(10, fds.allocLowest(10));
        assertEquals(11, fds.allocLowest(10));
        assertEquals(1, fds.allocLowest());
    }

    @Test
    void exhaustionIsEmfileForLowestAndEagainForCyclic() {
        IdAllocator a = new IdAllocator(0, 3);
        for (int i = 0; i < 3; i++) a.allocLowest();
        assertEquals(-Errno.EMFILE, a.allocLowest());
        assertEquals(-Errno.EAGAIN, a.allocCyclic());
    }

    @Test
    void pidsAreNotReusedImmediatelyAndWrapToTheReservedFloor() {
        IdAllocator pids = new IdAllocator(1, 400, 300);
        assertEquals(1, pids.allocCyclic());
        assertEquals(2, pids.allocCyclic());
        pids.free(1);
        assertEquals(3, pids.allocCyclic());
        for (int i = 4; i < 400; i++) assertEquals(i, pids.allocCyclic());
        pids.free(350);
        pids.free(320);
        assertEquals(320, pids.allocCyclic(), "wraps to 300 and takes the first free above it");
        assertEquals(350, pids.allocCyclic());
        assertEquals(-Errno.EAGAIN, pids.allocCyclic(), "pid 1 is free but below the wrap floor");
    }

    @Test
    void claimTakesAChosenIdOnceAndFreeRejectsUnusedIds() {
        IdAllocator fds = new IdAllocator(0, 16);
        assertEquals(0, fds.claim(7));
        assertEquals(-Errno.EBUSY, fds.claim(7));
        assertEquals(-Errno.EINVAL, fds.claim(16));
        assertEquals(-Errno.EINVAL, fds.free(8));
        assertTrue(fds.isUsed(7));
        assertEquals(0, fds.free(7));
        assertFalse(fds.isUsed(7));
    }
}
