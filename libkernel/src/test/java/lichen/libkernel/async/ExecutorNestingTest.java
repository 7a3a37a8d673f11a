package lichen.libkernel.async;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorNestingTest {
    SimulatedClock clock = new SimulatedClock();
    Executor ex = JdkContinuations.deterministicExecutor(clock);

    @Test
    void aTaskCanSpawnChildrenThatRunAfterItYields() {
        List<String> log = new ArrayList<>();
        ex.spawn("parent", () -> {
            Task child = ex.spawn("child", () -> log.add("child at " + ex.now()));
            log.add("spawned " + child.name());
            ex.sleep(5, false);
            log.add("parent at " + ex.now());
        });
        ex.runUntilIdle();
        assertEquals(List.of("spawned child", "child at 0", "parent at 5"), log);
    }

    @Test
    void anExceptionInATaskPropagatesToTheCallerOfTheExecutor() {
        ex.spawn("bad", () -> { throw new IllegalStateException("panic in task"); });
        var e = assertThrows(IllegalStateException.class, ex::runUntilIdle);
        assertEquals("panic in task", e.getMessage());
    }

    @Test
    void anInterruptedJoinReturnsEintrWhileTheTargetKeepsRunning() {
        int[] rc = {99};
        Task worker = ex.spawn("worker", () -> ex.sleep(1000, false));
        Task waiter = ex.spawn("waiter", () -> rc[0] = ex.join(worker, true));
        ex.spawn("killer", () -> { ex.sleep(10, false); ex.interrupt(waiter); });
        ex.runUntilIdle();
        assertEquals(lichen.libkernel.async.WakeReason.INTERRUPTED, rc[0]);
        assertTrue(worker.isDone());
        assertEquals(1000, clock.now());
    }

    @Test
    void signalsToFinishedTasksAreIgnored() {
        Task t = ex.spawn("t", () -> { });
        ex.runUntilIdle();
        ex.interrupt(t);
        assertFalse(t.signalPending());
        assertEquals(Task.DONE, t.state());
    }

    @Test
    void contextSwitchesCountEveryResume() {
        ex.spawn("a", () -> { ex.yieldNow(); ex.yieldNow(); });
        ex.runUntilIdle();
        assertEquals(3, ex.contextSwitches());
    }
}
