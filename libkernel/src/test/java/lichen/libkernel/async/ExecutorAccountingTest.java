package lichen.libkernel.async;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The executor's CPU-time bookkeeping: each task's run time, the CPU's busy time, the switches, the runnable count. */
class ExecutorAccountingTest {
    SimulatedClock clock;
    Executor ex;

    @BeforeEach
    void setUp() {
        clock = new SimulatedClock();
        ex = JdkContinuations.deterministicExecutor(clock);
    }

    @Test
    void eachTurnIsChargedToItsTaskAndToTheBusyTime() {
        Task[] t = new Task[2];
        long[] seenDuringTurn = new long[1];
        t[0] = ex.spawn("a", () -> {
            clock.advance(3_000);
            seenDuringTurn[0] = ex.runNanos(t[0]);
            ex.yieldNow();
            clock.advance(1_000);
        });
        t[1] = ex.spawn("b", () -> {
            clock.advance(5_000);
            ex.sleep(10_000, false); // blocked time is nobody's run time
        });
        ex.runUntilIdle();
        assertEquals(3_000, seenDuringTurn[0], "the turn in progress counts");
        assertEquals(4_000, ex.runNanos(t[0]));
        assertEquals(5_000, ex.runNanos(t[1]));
        assertEquals(9_000, ex.busyNanos());
        assertEquals(18_000, clock.now(), "the 10 us sleep after b's 5 us turn: idle time, not busy");
        assertEquals(1, t[0].involuntarySwitches(), "a yielded once");
        assertEquals(0, t[0].voluntarySwitches());
        assertEquals(1, t[1].voluntarySwitches(), "b blocked once");
    }

    @Test
    void userTimeIsWhatTheTicksCharged() {
        Task t = ex.spawn("u", () -> {});
        assertEquals(0, t.userNanos());
        t.chargeUser(10_000_000);
        t.chargeUser(20_000_000);
        assertEquals(30_000_000, t.userNanos());
    }

    @Test
    void runnableCountsTheWaitingAndTheRunningTask() {
        int[] seen = new int[1];
        ex.spawn("a", () -> seen[0] = ex.runnableTasks());
        ex.spawn("b", () -> ex.sleep(1_000, false));
        assertEquals(2, ex.runnableTasks(), "two spawned, none running");
        ex.runOne();
        assertEquals(2, seen[0], "a running and b waiting for its turn");
        ex.runOne();
        assertEquals(0, ex.runnableTasks(), "a done, b asleep");
        ex.runUntilIdle();
        assertEquals(0, ex.runnableTasks());
    }
}
