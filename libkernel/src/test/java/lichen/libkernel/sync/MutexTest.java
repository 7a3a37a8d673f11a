package lichen.libkernel.sync;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.JdkContinuations;
import lichen.libkernel.async.SimulatedClock;
import lichen.libkernel.async.Task;
import org.junit.jupiter.api.Test;

class MutexTest {
    SimulatedClock clock = new SimulatedClock();
    Executor ex = JdkContinuations.deterministicExecutor(clock);
    Mutex m = new Mutex();
    List<String> log = new ArrayList<>();

    @Test
    void criticalSectionsThatSleepNeverOverlap() {
        int[] inside = {0};
        int[] max = {0};
        for (int i = 0; i < 8; i++) {
            ex.spawn("t" + i, () -> {
                for (int k = 0; k < 5; k++) {
                    m.lock(ex);
                    inside[0]++;
                    max[0] = Math.max(max[0], inside[0]);
                    ex.sleep(7, false);
                    inside[0]--;
                    m.unlock(ex);
                    ex.yieldNow();
                }
            });
        }
        ex.runUntilIdle();
        assertEquals(1, max[0]);
        assertEquals(8 * 5 * 7, clock.now(), "the sections ran one after another");
        assertFalse(m.isLocked());
    }

    @Test
    void unlockHandsTheMutexToTheLongestWaiter() {
        ex.spawn("holder", () -> { m.lock(ex); ex.sleep(10, false); m.unlock(ex); m.lock(ex); log.add("holder again"); m.unlock(ex); });
        for (int i = 0; i < 3; i++) {
            int id = i;
            ex.spawn("w" + i, () -> { m.lock(ex); log.add("w" + id); m.unlock(ex); });
        }
        ex.runUntilIdle();
        assertEquals(List.of("w0", "w1", "w2", "holder again"), log, "no barging by the releasing task");
    }

    @Test
    void anInterruptibleWaiterGivesUpWithEintrAndTheMutexSkipsIt() {
        int[] rc = {99};
        ex.spawn("holder", () -> { m.lock(ex); ex.sleep(100, false); m.unlock(ex); });
        Task victim = ex.spawn("victim", () -> rc[0] = m.lockInterruptible(ex));
        ex.spawn("next", () -> { m.lock(ex); log.add("next got it at " + ex.now()); m.unlock(ex); });
        ex.spawn("killer", () -> { ex.sleep(50, false); ex.interrupt(victim); });
        ex.runUntilIdle();
        assertEquals(-Errno.EINTR, rc[0]);
        assertEquals(List.of("next got it at 100"), log);
        assertNotEquals(victim, m.owner());
    }

    @Test
    void relockingOrUnlockingSomeoneElsesMutexPanics() {
        ex.spawn("a", () -> { m.lock(ex); assertThrows(IllegalStateException.class, () -> m.lock(ex)); });
        ex.runUntilIdle();
        ex.spawn("b", () -> assertThrows(IllegalStateException.class, () -> m.unlock(ex)));
        ex.runUntilIdle();
        assertEquals(0, ex.liveTasks());
    }

    @Test
    void tryLockNeverSleeps() {
        boolean[] got = new boolean[2];
        ex.spawn("a", () -> { got[0] = m.tryLock(ex); ex.yieldNow(); m.unlock(ex); });
        ex.spawn("b", () -> got[1] = m.tryLock(ex));
        ex.runUntilIdle();
        assertTrue(got[0]);
        assertFalse(got[1]);
    }
}
