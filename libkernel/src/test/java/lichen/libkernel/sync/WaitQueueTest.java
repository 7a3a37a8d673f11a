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

class WaitQueueTest {
    SimulatedClock clock = new SimulatedClock();
    Executor ex = JdkContinuations.deterministicExecutor(clock);
    WaitQueue q = new WaitQueue();
    List<String> log = new ArrayList<>();

    @Test
    void wakeOneWakesTheLongestWaiterFirst() {
        for (int i = 0; i < 3; i++) {
            int id = i;
            ex.spawn("w" + i, () -> { q.sleep(ex, Executor.NO_DEADLINE, false); log.add("w" + id); });
        }
        ex.runUntilIdle();
        assertEquals(3, q.waiting());
        ex.spawn("waker", () -> { q.wakeOne(ex); ex.yieldNow(); q.wakeOne(ex); });
        ex.runUntilIdle();
        assertEquals(List.of("w0", "w1"), log);
        assertEquals(1, q.waiting());
    }

    @Test
    void waitUntilRechecksTheConditionAfterEveryWake() {
        int[] value = {0};
        int[] rc = {99};
        ex.spawn("consumer", () -> rc[0] = q.waitUntil(ex, () -> value[0] >= 3, Executor.NO_DEADLINE, false));
        ex.spawn("producer", () -> {
            for (int i = 0; i < 3; i++) {
                ex.sleep(10, false);
                value[0]++;
                q.wakeAll(ex);
            }
        });
        ex.runUntilIdle();
        assertEquals(0, rc[0]);
        assertEquals(30, clock.now());
        assertTrue(q.isEmpty());
    }

    @Test
    void waitUntilTimesOutWhenTheConditionNeverHolds() {
        int[] rc = {99};
        ex.spawn("c", () -> rc[0] = q.waitUntil(ex, () -> false, 500, false));
        ex.runUntilIdle();
        assertEquals(-Errno.ETIMEDOUT, rc[0]);
        assertEquals(500, clock.now());
        assertTrue(q.isEmpty(), "a timed-out waiter leaves the queue");
    }

    @Test
    void aConditionThatBecomesTrueAtTheDeadlineStillSucceeds() {
        int[] rc = {99};
        ex.spawn("c", () -> rc[0] = q.waitUntil(ex, () -> clock.now() >= 500, 500, false));
        ex.runUntilIdle();
        assertEquals(0, rc[0]);
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueAndIsNotCountedByWakeAll() {
        int[] rc = {99};
        Task t = ex.spawn("c", () -> rc[0] = q.waitUntil(ex, () -> false, Executor.NO_DEADLINE, true));
        ex.spawn("other", () -> q.sleep(ex, Executor.NO_DEADLINE, false));
        ex.runUntilIdle();
        ex.interrupt(t);
        assertEquals(1, q.wakeAll(ex), "only the task still asleep is counted");
        ex.runUntilIdle();
        assertEquals(-Errno.EINTR, rc[0]);
        assertTrue(q.isEmpty());
    }

    @Test
    void wakeOneOnAnEmptyQueueReturnsNull() {
        assertNull(q.wakeOne(ex));
        assertEquals(0, q.wakeAll(ex));
    }

    @Test
    void moveToHandsSleepersToAnotherQueueWithoutWakingThem() {
        WaitQueue other = new WaitQueue();
        int[] rc = {99, 99, 99};
        for (int i = 0; i < 3; i++) {
            int id = i;
            ex.spawn("w" + i, () -> { rc[id] = q.sleep(ex, Executor.NO_DEADLINE, false); log.add("w" + id); });
        }
        ex.runUntilIdle();
        assertEquals(2, q.moveTo(other, 2));
        assertEquals(1, q.waiting());
        assertEquals(2, other.waiting());
        assertEquals(0, q.moveTo(q, 5), "a queue does not move onto itself");
        ex.runUntilIdle();
        assertEquals(List.of(), log, "a move wakes nobody");
        assertEquals(2, other.wakeAll(ex));
        ex.runUntilIdle();
        assertEquals(List.of("w0", "w1"), log, "the moved tasks are woken by the other queue, longest waiting first");
        assertTrue(other.isEmpty());
        assertEquals(1, q.wakeAll(ex));
        ex.runUntilIdle();
        assertEquals(List.of("w0", "w1", "w2"), log);
        assertArrayEquals(new int[] {0, 0, 0}, rc);
    }

    @Test
    void aMovedSleeperThatTimesOutLeavesTheQueueItWasMovedTo() {
        WaitQueue other = new WaitQueue();
        int[] rc = {99};
        ex.spawn("w", () -> rc[0] = q.sleep(ex, 1_000, true));
        ex.runUntil(500);
        assertEquals(1, q.moveTo(other, Integer.MAX_VALUE));
        ex.runUntilIdle();
        assertEquals(-Errno.ETIMEDOUT, rc[0]);
        assertTrue(q.isEmpty());
        assertTrue(other.isEmpty(), "the task took itself off the queue it had been moved to");
    }

    @Test
    void moveToSkipsATaskAlreadyWoken() {
        WaitQueue other = new WaitQueue();
        Task t = ex.spawn("w", () -> q.sleep(ex, Executor.NO_DEADLINE, true));
        ex.runUntilIdle();
        ex.interrupt(t);
        assertEquals(0, q.moveTo(other, 1));
        assertTrue(other.isEmpty());
        ex.runUntilIdle();
        assertTrue(q.isEmpty());
    }
}
