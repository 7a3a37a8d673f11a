package lichen.libkernel.sched;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.async.Executor;
import lichen.libkernel.async.JdkContinuations;
import lichen.libkernel.async.SimulatedClock;
import org.junit.jupiter.api.Test;

/** Linux's calc_load, sampled every 5 s: the figures uptime(1) prints for a steady load. */
class LoadAverageTest {
    private static String printed(LoadAverage load) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            load.print(sb, i);
            sb.append(i < 2 ? " " : "");
        }
        return sb.toString();
    }

    @Test
    void oneRunnableTaskForAMinuteApproachesOneOnTheOneMinuteAverage() {
        SimulatedClock clock = new SimulatedClock();
        Executor ex = JdkContinuations.deterministicExecutor(clock);
        LoadAverage load = new LoadAverage();
        ex.spawn("spinner", () -> { }); // runnable, never run: the count each sample sees is 1
        load.sample(ex);
        assertEquals("0.00 0.00 0.00", printed(load), "nothing before the first period ends");
        for (int i = 0; i < 12; i++) { // 60 s
            clock.advance(5_000_000_000L);
            load.sample(ex);
        }
        // 1 - e^-1 = 0.63 after one minute, 1 - e^-1/5 = 0.18, 1 - e^-1/15 = 0.06.
        assertEquals("0.63 0.18 0.06", printed(load));
    }

    @Test
    void periodsMissedWhileIdleDecayTheAverages() {
        SimulatedClock clock = new SimulatedClock();
        Executor ex = JdkContinuations.deterministicExecutor(clock);
        LoadAverage load = new LoadAverage();
        ex.spawn("a", () -> { });
        ex.spawn("b", () -> { });
        load.sample(ex);
        for (int i = 0; i < 60; i++) {
            clock.advance(5_000_000_000L);
            load.sample(ex);
        }
        long busy = load.average(0);
        assertTrue(busy > (195L << LoadAverage.FSHIFT) / 100, "two runnable for 5 minutes: about 2.00, got " + busy);
        ex.runUntilIdle(); // both finish: nothing runnable
        clock.advance(60_000_000_000L); // a minute with no sample at all, then one
        load.sample(ex);
        assertTrue(load.average(0) < busy / 2, "a minute idle took the 1-minute average below half: " + load.average(0));
        assertEquals(0, ex.runnableTasks());
    }
}
