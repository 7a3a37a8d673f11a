package lichen.usertest.sys;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class WaitStatusTest {
    @Test
    void exitCodeSitsInBitsEightToFifteen() {
        int status = 37 << 8;
        assertTrue(WaitStatus.exited(status));
        assertFalse(WaitStatus.signaled(status));
        assertEquals(37, WaitStatus.exitStatus(status));
        assertEquals("exited 37", WaitStatus.describe(status));
    }

    @Test
    void terminatingSignalSitsInTheLowSevenBits() {
        int killed = 9 | 0x80;                       // SIGKILL with the core-dump bit
        assertTrue(WaitStatus.signaled(killed));
        assertFalse(WaitStatus.exited(killed));
        assertEquals(9, WaitStatus.termSignal(killed));
        assertEquals("killed by signal 9", WaitStatus.describe(killed));
    }

    @Test
    void stoppedIsNeitherExitedNorSignaled() {
        int stopped = (19 << 8) | 0x7f;
        assertFalse(WaitStatus.exited(stopped));
        assertFalse(WaitStatus.signaled(stopped));
        assertTrue(WaitStatus.stopped(stopped));
        assertEquals(19, WaitStatus.stopSignal(stopped));
        assertEquals("stopped by signal 19 (0x137f)", WaitStatus.describe(stopped));
    }

    @Test
    void continuedIsFfff() {
        assertTrue(WaitStatus.continued(0xffff));
        assertFalse(WaitStatus.stopped(0xffff));
        assertFalse(WaitStatus.exited(0xffff));
        assertFalse(WaitStatus.signaled(0xffff));
        assertEquals("continued", WaitStatus.describe(0xffff));
    }
}
