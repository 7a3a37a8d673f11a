package lichen.libkernel.async;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import lichen.libkernel.sync.Cpus;
import lichen.libkernel.sync.SimulatedCpus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An executor of several CPUs: a run queue each, placement by load and mask, the kick, a move at a yield. */
class ExecutorPlacementTest {
    SimulatedCpus cpus = new SimulatedCpus(2);
    SimulatedClock clock = new SimulatedClock();
    Executor ex;
    List<Integer> kicked = new ArrayList<>();
    List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Cpus.install(cpus);
        ex = new Executor(new JdkContinuations(), clock, new Scheduler[] {new FifoScheduler(), new FifoScheduler()});
        ex.setKick(kicked::add);
    }

    @AfterEach
    void restore() { Cpus.install(new SimulatedCpus(1)); }

    /** Runs CPU {@code cpu}'s queue until it is empty. */
    void drain(int cpu) {
        cpus.switchTo(cpu);
        while (ex.runOne()) {
            // next
        }
    }

    /** A task allowed on the CPUs of {@code mask} that blocks once, logging where it slept and where it woke; run until it blocks. */
    Task sleeperAsleep(long mask) {
        Task[] self = new Task[1];
        self[0] = ex.spawn("sleeper", 0, mask, () -> {
            log.add("slept on " + Cpus.currentCpu());
            ex.block(Executor.NO_DEADLINE, false);
            log.add("woke on " + Cpus.currentCpu());
        });
        drain(0);
        return self[0];
    }

    @Test
    void onlyCpuZeroRunsTasksUntilAnotherJoins() {
        Task a = ex.spawn("a", () -> log.add("a"));
        Task b = ex.spawn("b", () -> log.add("b"));
        assertEquals(0, a.cpu());
        assertEquals(0, b.cpu());
        assertEquals(1, ex.cpusRunning());
        drain(1);
        assertTrue(log.isEmpty(), "CPU 1 has nothing queued");
        drain(0);
        assertEquals(List.of("a", "b"), log);
        assertTrue(kicked.isEmpty(), "nothing was placed on another CPU");
    }

    @Test
    void newTasksGoToTheLeastLoadedCpuAndItIsKicked() {
        ex.join(1);
        Task a = ex.spawn("a", () -> log.add("a on " + Cpus.currentCpu()));
        Task b = ex.spawn("b", () -> log.add("b on " + Cpus.currentCpu()));
        Task c = ex.spawn("c", () -> log.add("c on " + Cpus.currentCpu()));
        assertEquals(0, a.cpu());
        assertEquals(1, b.cpu(), "CPU 1 had none queued");
        assertEquals(0, c.cpu(), "a tie goes to the lower CPU");
        assertEquals(List.of(1), kicked, "CPU 1 was kicked for b, from CPU 0");
        assertEquals(2, ex.runnableOn(0));
        assertEquals(1, ex.runnableOn(1));
        drain(1);
        drain(0);
        assertEquals(List.of("b on 1", "a on 0", "c on 0"), log);
    }

    @Test
    void aMaskKeepsATaskOffOtherCpus() {
        ex.join(1);
        Task a = ex.spawn("a", 0, 1L << 1, () -> log.add("a"));
        Task b = ex.spawn("b", 0, 1L << 1, () -> log.add("b"));
        assertEquals(1, a.cpu());
        assertEquals(1, b.cpu(), "CPU 0 is idle but not allowed");
        drain(0);
        assertTrue(log.isEmpty());
        drain(1);
        assertEquals(List.of("a", "b"), log);
    }

    @Test
    void aTaskWhoseMaskLeavesItsCpuMovesWhenItYields() {
        ex.join(1);
        Task[] self = new Task[1];
        self[0] = ex.spawn("mover", () -> {
            log.add("first on " + Cpus.currentCpu());
            self[0].setCpuMask(1L << 1);
            ex.yieldNow();
            log.add("then on " + Cpus.currentCpu());
        });
        drain(0);
        assertEquals(1, self[0].cpu(), "requeued on the CPU its mask allows");
        assertEquals(0, ex.runnableOn(0));
        assertEquals(1, ex.runnableOn(1));
        drain(1);
        assertEquals(List.of("first on 0", "then on 1"), log);
        assertTrue(self[0].isDone());
    }

    @Test
    void aWokenTaskIsPlacedAgain() {
        ex.join(1);
        Task[] sleeper = {sleeperAsleep(-1L)};
        ex.spawn("busy", () -> log.add("busy"));
        ex.spawn("busy2", () -> log.add("busy2"));
        // CPU 0 has busy queued, CPU 1 busy2: a tie, and the sleeper's previous CPU wins it.
        assertTrue(ex.wake(sleeper[0], WakeReason.WOKEN));
        assertEquals(0, sleeper[0].cpu());
        drain(0);
        drain(1);
        assertEquals(List.of("slept on 0", "busy", "woke on 0", "busy2"), log);
    }

    @Test
    void aTaskWokenByATaskGoesToTheWakersCpuWhenNothingWaitsThere() {
        ex.join(1);
        Task[] sleeper = {sleeperAsleep(-1L)};
        // The sleeper last ran on CPU 0, which is idle; the waker runs on CPU 1 with nothing queued there.
        long[] kicks = new long[2];
        Task waker = ex.spawn("waker", 0, 1L << 1, () -> {
            log.add("waker on " + Cpus.currentCpu());
            kicks[0] = ex.placedElsewhere();
            assertTrue(ex.wake(sleeper[0], WakeReason.WOKEN));
            kicks[1] = ex.placedElsewhere();
        });
        drain(1);
        assertTrue(waker.isDone());
        assertEquals(1, sleeper[0].cpu(), "placed on the waker's CPU");
        assertEquals(kicks[0], kicks[1], "no IPI for it");
        drain(1);
        assertEquals(List.of("slept on 0", "waker on 1", "woke on 1"), log);
    }

    @Test
    void aTaskWokenWhereOthersWaitIsPlacedOnTheLeastLoadedCpu() {
        ex.join(1);
        Task[] sleeper = {sleeperAsleep(-1L)};
        ex.spawn("waker", 0, 1L << 1, () -> {
            ex.spawn("queued", 0, 1L << 1, () -> log.add("queued"));
            assertTrue(ex.wake(sleeper[0], WakeReason.WOKEN));
        });
        drain(1);
        assertEquals(0, sleeper[0].cpu(), "CPU 1 has a task waiting: the idle CPU 0");
        drain(0);
        assertEquals(List.of("slept on 0", "queued", "woke on 0"), log);
    }

    @Test
    void aWokenTaskStaysWithinItsMask() {
        ex.join(1);
        Task[] sleeper = {sleeperAsleep(1L)};
        ex.spawn("waker", 0, 1L << 1, () -> assertTrue(ex.wake(sleeper[0], WakeReason.WOKEN)));
        drain(1);
        assertEquals(0, sleeper[0].cpu(), "pinned to CPU 0");
        drain(0);
        assertEquals(List.of("slept on 0", "woke on 0"), log);
    }
}
