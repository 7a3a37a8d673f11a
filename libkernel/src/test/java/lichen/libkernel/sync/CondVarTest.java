package lichen.libkernel.sync;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import lichen.libkernel.Errno;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.JdkContinuations;
import lichen.libkernel.async.SimulatedClock;
import lichen.libkernel.async.Task;
import org.junit.jupiter.api.Test;

class CondVarTest {
    SimulatedClock clock = new SimulatedClock();
    Executor ex = JdkContinuations.deterministicExecutor(clock);
    Mutex m = new Mutex();
    CondVar cv = new CondVar();

    @Test
    void aBoundedBufferDeliversEveryItemInOrder() {
        ArrayDeque<Integer> buf = new ArrayDeque<>();
        CondVar notFull = new CondVar();
        List<Integer> got = new ArrayList<>();
        ex.spawn("producer", () -> {
            for (int i = 0; i < 50; i++) {
                m.lock(ex);
                while (buf.size() == 3) notFull.await(ex, m);
                buf.add(i);
                cv.signal(ex);
                m.unlock(ex);
                if (i % 7 == 0) ex.sleep(3, false);
            }
        });
        ex.spawn("consumer", () -> {
            for (int i = 0; i < 50; i++) {
                m.lock(ex);
                while (buf.isEmpty()) cv.await(ex, m);
                got.add(buf.poll());
                notFull.signal(ex);
                m.unlock(ex);
                if (i % 5 == 0) ex.sleep(2, false);
            }
        });
        ex.runUntilIdle();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) expected.add(i);
        assertEquals(expected, got);
        assertEquals(0, ex.liveTasks());
    }

    @Test
    void awaitReturnsWithTheMutexHeldEvenAfterATimeout() {
        int[] rc = {99};
        boolean[] held = new boolean[1];
        ex.spawn("w", () -> {
            m.lock(ex);
            rc[0] = cv.await(ex, m, 200, false);
            held[0] = m.owner() == ex.current();
            m.unlock(ex);
        });
        ex.runUntilIdle();
        assertEquals(-Errno.ETIMEDOUT, rc[0]);
        assertTrue(held[0]);
        assertEquals(0, cv.waiting());
    }

    @Test
    void broadcastWakesAllWaitersAndSignalOnlyOne() {
        int[] woken = {0};
        for (int i = 0; i < 4; i++) ex.spawn("w" + i, () -> { m.lock(ex); cv.await(ex, m); woken[0]++; m.unlock(ex); });
        ex.runUntilIdle();
        assertEquals(4, cv.waiting());
        ex.spawn("s", () -> { m.lock(ex); assertTrue(cv.signal(ex)); m.unlock(ex); });
        ex.runUntilIdle();
        assertEquals(1, woken[0]);
        ex.spawn("b", () -> { m.lock(ex); assertEquals(3, cv.broadcast(ex)); m.unlock(ex); });
        ex.runUntilIdle();
        assertEquals(4, woken[0]);
        assertFalse(cv.signal(ex));
    }

    @Test
    void aSignalToTheTaskInterruptsAnInterruptibleAwait() {
        int[] rc = {99};
        Task w = ex.spawn("w", () -> { m.lock(ex); rc[0] = cv.await(ex, m, Executor.NO_DEADLINE, true); m.unlock(ex); });
        ex.spawn("k", () -> { ex.sleep(5, false); ex.interrupt(w); });
        ex.runUntilIdle();
        assertEquals(-Errno.EINTR, rc[0]);
        assertFalse(m.isLocked());
    }

    @Test
    void aSignalSentBetweenCheckAndSleepIsNotLost() {
        boolean[] ready = {false};
        boolean[] done = {false};
        ex.spawn("waiter", () -> {
            m.lock(ex);
            while (!ready[0]) cv.await(ex, m);
            done[0] = true;
            m.unlock(ex);
        });
        // The signaller runs right after the waiter drops the mutex inside await.
        ex.spawn("signaller", () -> { m.lock(ex); ready[0] = true; cv.signal(ex); m.unlock(ex); });
        ex.runUntilIdle();
        assertTrue(done[0]);
    }
}
