package lichen.libkernel.async;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import lichen.libkernel.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecutorTest {
    SimulatedClock clock;
    Executor ex;
    List<String> log;

    @BeforeEach
    void setUp() {
        clock = new SimulatedClock();
        ex = JdkContinuations.deterministicExecutor(clock);
        log = new ArrayList<>();
    }

    @Test
    void tasksRunInSpawnOrderAndYieldInterleavesThem() {
        for (String n : new String[] {"a", "b"}) {
            ex.spawn(n, () -> {
                log.add(n + "1");
                ex.yieldNow();
                log.add(n + "2");
            });
        }
        ex.runUntilIdle();
        assertEquals(List.of("a1", "b1", "a2", "b2"), log);
        assertEquals(0, ex.liveTasks());
    }

    @Test
    void sleepAdvancesTheSimulatedClockExactly() {
        long[] woke = new long[2];
        ex.spawn("long", () -> { ex.sleep(5_000_000, false); woke[0] = ex.now(); });
        ex.spawn("short", () -> { ex.sleep(1_000_000, false); woke[1] = ex.now(); });
        ex.runUntilIdle();
        assertEquals(5_000_000, woke[0]);
        assertEquals(1_000_000, woke[1]);
        assertEquals(5_000_000, clock.now());
    }

    @Test
    void equalDeadlinesFireInArmingOrder() {
        for (int i = 0; i < 5; i++) {
            int id = i;
            ex.spawn("t" + i, () -> { ex.sleep(100, false); log.add("t" + id); });
        }
        ex.runUntilIdle();
        assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), log);
    }

    @Test
    void aSignalEndsAnInterruptibleSleepWithEintr() {
        int[] rc = new int[1];
        Task sleeper = ex.spawn("sleeper", () -> rc[0] = ex.sleep(1_000_000_000L, true));
        ex.spawn("killer", () -> { ex.sleep(10, false); ex.interrupt(sleeper); });
        ex.runUntilIdle();
        assertEquals(-Errno.EINTR, rc[0]);
        assertEquals(10, clock.now(), "the long timer was cancelled, not waited out");
    }

    @Test
    void aSignalDoesNotEndAnUninterruptibleSleepButStaysPending() {
        int[] rc = {99};
        boolean[] pending = new boolean[1];
        Task sleeper = ex.spawn("d-state", () -> { rc[0] = ex.sleep(1000, false); pending[0] = ex.current().signalPending(); });
        ex.spawn("killer", () -> ex.interrupt(sleeper));
        ex.runUntilIdle();
        assertEquals(0, rc[0]);
        assertTrue(pending[0]);
        assertEquals(1000, clock.now());
    }

    @Test
    void aPendingSignalMakesTheNextInterruptibleBlockReturnAtOnce() {
        int[] rc = new int[2];
        ex.spawn("t", () -> {
            ex.interrupt(ex.current());
            rc[0] = ex.block(Executor.NO_DEADLINE, true);
            ex.current().clearSignal();
            rc[1] = ex.sleep(50, true);
        });
        ex.runUntilIdle();
        assertEquals(-Errno.EINTR, rc[0]);
        assertEquals(0, rc[1]);
    }

    @Test
    void aDeadlineInThePastTimesOutWithoutSuspending() {
        int[] rc = new int[1];
        clock.advance(100);
        ex.spawn("t", () -> rc[0] = ex.block(50, false));
        ex.runUntilIdle();
        assertEquals(-Errno.ETIMEDOUT, rc[0]);
        assertEquals(1, ex.contextSwitches());
    }

    @Test
    void wakeBeforeTheDeadlineCancelsTheTimer() {
        int[] rc = {99};
        Task t = ex.spawn("t", () -> rc[0] = ex.block(1_000, false));
        ex.runOne();
        assertTrue(t.isBlocked());
        assertEquals(1_000, ex.nextDeadline());
        assertTrue(ex.wake(t, WakeReason.WOKEN));
        assertFalse(ex.wake(t, WakeReason.WOKEN), "a second wake finds it runnable");
        assertEquals(Executor.NO_DEADLINE, ex.nextDeadline());
        ex.runUntilIdle();
        assertEquals(0, rc[0]);
        assertEquals(0, clock.now());
    }

    @Test
    void joinWaitsForTheTaskToFinish() {
        Task worker = ex.spawn("worker", () -> { ex.sleep(300, false); log.add("worker done"); });
        ex.spawn("parent", () -> { assertEquals(0, ex.join(worker, false)); log.add("joined at " + ex.now()); });
        ex.runUntilIdle();
        assertEquals(List.of("worker done", "joined at 300"), log);
        assertTrue(worker.isDone());
    }

    @Test
    void runUntilIdleStopsWithTasksBlockedForeverAndLeavesThemBlocked() {
        Task t = ex.spawn("forever", () -> ex.block(Executor.NO_DEADLINE, false));
        ex.runUntilIdle();
        assertTrue(t.isBlocked());
        assertEquals(1, ex.liveTasks());
    }

    @Test
    void runUntilStopsAtTheGivenTime() {
        ex.spawn("ticker", () -> { for (int i = 0; i < 10; i++) { ex.sleep(100, false); log.add("tick" + ex.now()); } });
        ex.runUntil(350);
        assertEquals(List.of("tick100", "tick200", "tick300"), log);
        assertEquals(350, clock.now());
    }

    @Test
    void blockingOutsideATaskIsAnError() {
        assertThrows(IllegalStateException.class, () -> ex.block(0, false));
        assertThrows(IllegalStateException.class, () -> new JdkContinuations().suspend());
    }

    @Test
    void theSameProgramGivesTheSameTraceEveryRun() {
        List<String> first = null;
        for (int run = 0; run < 3; run++) {
            SimulatedClock c = new SimulatedClock();
            Executor e = JdkContinuations.deterministicExecutor(c);
            List<String> trace = new ArrayList<>();
            java.util.Random r = new java.util.Random(5);
            for (int i = 0; i < 20; i++) {
                int id = i;
                long d = r.nextInt(1000);
                e.spawn("t" + i, () -> { e.sleep(d, false); trace.add(id + "@" + e.now()); e.yieldNow(); trace.add(id + "!"); });
            }
            e.runUntilIdle();
            if (first == null) first = trace; else assertEquals(first, trace);
        }
    }

    @Test
    void simulatedClockNeverRunsBackwards() {
        assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
        clock.advance(10);
        clock.idleUntil(5);
        assertEquals(10, clock.now());
    }
}
