package lichen.libkernel.sched;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.JdkContinuations;
import lichen.libkernel.async.SimulatedClock;
import lichen.libkernel.async.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The executor under EEVDF: CPU time follows weights, sleepers neither starve nor are starved, lag is bounded. */
class EevdfSchedulerTest {
    SimulatedClock clock;
    Executor ex;
    EevdfScheduler scheduler;

    @BeforeEach
    void setUp() {
        clock = new SimulatedClock();
        scheduler = new EevdfScheduler();
        ex = new Executor(new JdkContinuations(), clock, scheduler);
    }

    /** A task that "runs" {@code burst} ns per turn, then yields, until {@code until}; its CPU time lands in {@code cpu[slot]}. */
    private void burner(String name, int nice, long burst, long until, long[] cpu, int slot) {
        ex.spawn(name, nice, () -> {
            while (clock.now() < until) {
                clock.advance(burst);
                cpu[slot] += burst;
                ex.yieldNow();
            }
        });
    }

    @Test
    void cpuTimeFollowsTheWeightsOfNiceZeroAndNiceFive() {
        long[] cpu = new long[2];
        burner("nice0", 0, 1_000_000, 2_000_000_000L, cpu, 0);
        burner("nice5", 5, 1_000_000, 2_000_000_000L, cpu, 1);
        ex.runUntilIdle();
        double share = (double) cpu[0] / (cpu[0] + cpu[1]);
        double expected = 1024.0 / (1024 + 335);
        assertEquals(expected, share, 0.02, "nice 0 got " + cpu[0] + " ns, nice 5 got " + cpu[1] + " ns");
    }

    @Test
    void equalWeightsAlternateTurnByTurnOnceTheirSlicesAreUsed() {
        List<String> order = new ArrayList<>();
        for (String n : new String[] {"a", "b"}) {
            ex.spawn(n, () -> {
                for (int i = 0; i < 6; i++) {
                    clock.advance(EevdfScheduler.SLICE_NS);
                    order.add(n);
                    ex.yieldNow();
                }
            });
        }
        ex.runUntilIdle();
        assertEquals(12, order.size());
        for (int i = 2; i < order.size(); i++) {
            assertFalse(order.get(i).equals(order.get(i - 1)) && order.get(i).equals(order.get(i - 2)),
                    "three turns in a row for " + order.get(i) + ": " + order);
        }
    }

    @Test
    void aWokenSleeperRunsSoonAndDoesNotStarveTheOthers() {
        long[] cpu = new long[2];
        List<Long> sleeperLatency = new ArrayList<>();
        burner("hog", 0, 1_000_000, 500_000_000L, cpu, 0);
        ex.spawn("sleeper", () -> {
            for (int i = 0; i < 20; i++) {
                long due = clock.now() + 10_000_000;
                ex.sleep(10_000_000, false);
                sleeperLatency.add(clock.now() - due);
                clock.advance(1_000_000);
                cpu[1] += 1_000_000;
            }
        });
        ex.runUntilIdle();
        assertEquals(20, sleeperLatency.size());
        for (long late : sleeperLatency) assertTrue(late <= 2 * EevdfScheduler.SLICE_NS, "the sleeper ran " + late + " ns late");
        assertTrue(cpu[0] >= 400_000_000L, "the hog got only " + cpu[0] + " ns");
    }

    @Test
    void aLongSleeperGetsNoBurstThatStarvesTheOthers() {
        long[] cpu = new long[3];
        burner("a", 0, 1_000_000, 1_000_000_000L, cpu, 0);
        burner("b", 0, 1_000_000, 1_000_000_000L, cpu, 1);
        List<Long> gaps = new ArrayList<>();
        long[] lastA = {0};
        ex.spawn("watch", () -> {
            ex.sleep(500_000_000L, false);
            // Back after half a second: it burns, and the others must still get turns within a bounded time.
            long until = clock.now() + 200_000_000L;
            while (clock.now() < until) {
                clock.advance(1_000_000);
                cpu[2] += 1_000_000;
                gaps.add(cpu[0] - lastA[0]);
                lastA[0] = cpu[0];
                ex.yieldNow();
            }
        });
        ex.runUntilIdle();
        // After waking, the sleeper competes as a third equal: it gets about a third of the next 200 ms, not all of it.
        assertTrue(cpu[2] <= 200_000_000L, "the sleeper ran " + cpu[2]);
        long bWhileWatching = cpu[1];
        assertTrue(bWhileWatching > 0);
        int runsWithoutA = 0, worst = 0;
        for (long g : gaps) {
            runsWithoutA = g == 0 ? runsWithoutA + 1 : 0;
            worst = Math.max(worst, runsWithoutA);
        }
        assertTrue(worst <= 8, "the woken sleeper ran " + worst + " turns in a row without the others");
    }

    @Test
    void reweightingChangesTheShareFromThenOn() {
        long[] cpu = new long[2];
        burner("x", 0, 1_000_000, 1_000_000_000L, cpu, 0);
        Task y = ex.spawn("y", 0, () -> {
            while (clock.now() < 1_000_000_000L) {
                clock.advance(1_000_000);
                cpu[1] += 1_000_000;
                ex.yieldNow();
            }
        });
        ex.setNice(y, -5);
        ex.runUntilIdle();
        double share = (double) cpu[1] / (cpu[0] + cpu[1]);
        assertEquals(3121.0 / (3121 + 1024), share, 0.02);
        assertEquals(-5, y.nice());
    }
}
