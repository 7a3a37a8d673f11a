package lichen.libkernel.sched;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EevdfRunQueueTest {
    static final long SLICE = 3_000_000, TICK = 1_000_000;

    /** Runs the queue for {@code ns} of simulated time in ticks: charge, and pick again when asked to. */
    static void run(EevdfRunQueue q, long from, long ns) {
        if (q.current() == null) q.pickNext(from);
        for (long t = 0; t < ns; t += TICK) if (q.tick(TICK)) q.pickNext(from + t + TICK);
    }

    static SchedEntity task(int id, int nice) { return new SchedEntity(id, nice, SLICE); }

    @Test
    void cpuTimeIsSharedInProportionToWeightOverALongRun() {
        EevdfRunQueue q = new EevdfRunQueue();
        int[] nices = {-5, 0, 0, 5, 10, 3};
        List<SchedEntity> ts = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < nices.length; i++) {
            SchedEntity se = task(i, nices[i]);
            ts.add(se);
            q.enqueue(se);
            total += se.weight();
        }
        long runFor = 60_000_000_000L;
        run(q, 0, runFor);
        for (SchedEntity se : ts) {
            double expected = (double) runFor * se.weight() / total;
            assertEquals(expected, se.sumExec(), expected * 0.02 + 2 * SLICE, "nice " + se.nice());
        }
    }

    @Test
    void lagStaysBoundedAndTheWeightedLagSumStaysZero() {
        EevdfRunQueue q = new EevdfRunQueue();
        Random r = new Random(3);
        for (int i = 0; i < 8; i++) q.enqueue(task(i, r.nextInt(40) - 20));
        q.pickNext(0);
        for (int t = 0; t < 20000; t++) {
            if (q.tick(TICK)) q.pickNext(t);
            // V is rounded to a nanosecond, so the sum is zero up to one nanosecond of total weight.
            assertTrue(Math.abs(q.weightedLagSum()) <= q.totalWeight(), "Σ w·lag = " + q.weightedLagSum());
            for (int i = 0; i < q.size(); i++) {
                SchedEntity se = q.get(i);
                long bound = EevdfRunQueue.scale(2 * (SLICE + TICK), se.weight()) + 2 * EevdfRunQueue.scale(SLICE + TICK, NiceWeights.weight(-20));
                assertTrue(Math.abs(q.lag(se)) <= bound, se + " lag " + q.lag(se) + " bound " + bound);
            }
        }
    }

    @Test
    void equalTasksNeverWaitLongerThanTheOthersSlices() {
        EevdfRunQueue q = new EevdfRunQueue();
        int n = 5;
        long[] lastRun = new long[n];
        for (int i = 0; i < n; i++) q.enqueue(task(i, 0));
        q.pickNext(0);
        long maxWait = 0;
        for (long t = 0; t < 2_000_000_000L; t += TICK) {
            SchedEntity c = q.current();
            maxWait = Math.max(maxWait, t - lastRun[c.id()]);
            lastRun[c.id()] = t + TICK;
            if (q.tick(TICK)) q.pickNext(t + TICK);
        }
        assertTrue(maxWait <= (n - 1) * (SLICE + TICK), "max wait " + maxWait);
    }

    @Test
    void aNewTaskStartsAtZeroLagWithHalfASliceAndDoesNotCatchUpOnThePast() {
        EevdfRunQueue q = new EevdfRunQueue();
        SchedEntity a = task(0, 0), b = task(1, 0);
        q.enqueue(a);
        q.enqueue(b);
        run(q, 0, 10_000_000_000L);
        SchedEntity late = task(2, 0);
        q.enqueue(late);
        assertEquals(q.avgVruntime(), late.vruntime(), 1);
        assertEquals(SLICE / 2, late.deadline() - late.vruntime());
        long before = a.sumExec() + b.sumExec();
        run(q, 10_000_000_000L, 3_000_000_000L);
        assertEquals(1_000_000_000L, late.sumExec(), 50_000_000, "a third of the next 3 s, not a backlog");
        assertEquals(2_000_000_000L, a.sumExec() + b.sumExec() - before, 50_000_000);
    }

    @Test
    void aSleeperKeepsItsLagAcrossTheSleep() {
        EevdfRunQueue q = new EevdfRunQueue();
        SchedEntity a = task(0, 0), b = task(1, 0), c = task(2, 0);
        q.enqueue(a);
        q.enqueue(b);
        q.enqueue(c);
        q.pickNext(0);
        for (int i = 0; i < 7; i++) if (q.tick(TICK)) q.pickNext(i);
        SchedEntity sleeper = q.get(0) == q.current() ? q.get(1) : q.get(0);
        q.dequeue(sleeper);
        long saved = sleeper.vlag();
        run(q, 10_000_000, 100_000_000);
        q.enqueue(sleeper);
        assertEquals(saved, q.lag(sleeper), 2, "place_entity's inflation makes the lag come back exact");
    }

    @Test
    void lagSavedAtSleepIsClampedToTwoSlices() {
        EevdfRunQueue q = new EevdfRunQueue();
        SchedEntity hog = task(0, 0), other = task(1, 0);
        q.enqueue(hog);
        q.enqueue(other);
        q.pickNext(0);
        // Charge the hog far beyond its share without letting the queue pick again.
        for (int i = 0; i < 100; i++) q.tick(TICK);
        SchedEntity cur = q.current();
        q.dequeue(cur);
        assertEquals(-EevdfRunQueue.scale(2 * SLICE, cur.weight()), cur.vlag());
    }

    @Test
    void aWakingTaskWithPositiveLagPreemptsTheHog() {
        EevdfRunQueue q = new EevdfRunQueue();
        SchedEntity a = task(0, 0), b = task(1, 0);
        q.enqueue(a);
        q.enqueue(b);
        SchedEntity hog = q.pickNext(0);
        SchedEntity io = hog == a ? b : a;
        q.tick(TICK); // the hog runs 1 ms while io waits: io is owed time
        assertTrue(q.lag(io) > 0);
        q.dequeue(io);
        assertTrue(io.vlag() > 0);
        run(q, TICK, 50_000_000);
        q.enqueue(io);
        assertTrue(q.lag(io) > 0);
        assertFalse(q.isEligible(hog), "the hog is ahead of the average");
        assertTrue(q.wakeupPreempts(io));
        assertSame(io, q.pickNext(60_000_000));
    }

    @Test
    void aTaskThatSleepsMostOfTheTimeGetsWhatItAsksAndTheHogTheRest() {
        EevdfRunQueue q = new EevdfRunQueue();
        SchedEntity hog = task(0, 0), io = task(1, 0);
        q.enqueue(hog);
        q.enqueue(io);
        q.pickNext(0);
        long ioWanted = 0;
        long t = 0;
        for (int cycle = 0; cycle < 1000; cycle++) {
            // io runs 1 ms (when picked) then sleeps 4 ms.
            long ranThisCycle = 0;
            for (int k = 0; k < 10 && ranThisCycle < TICK; k++) {
                boolean ioRunning = q.current() == io;
                if (q.tick(TICK) || !ioRunning) q.pickNext(t);
                if (ioRunning) ranThisCycle += TICK;
                t += TICK;
            }
            ioWanted += TICK;
            if (io.onRunQueue()) q.dequeue(io);
            if (q.current() == null) q.pickNext(t);
            for (int k = 0; k < 4; k++) { if (q.tick(TICK)) q.pickNext(t); t += TICK; }
            q.enqueue(io);
            if (q.wakeupPreempts(io)) q.pickNext(t);
        }
        assertEquals(ioWanted, io.sumExec(), ioWanted * 0.05);
        assertEquals(t - io.sumExec(), hog.sumExec(), t * 0.01);
    }

    @Test
    void reweightingChangesTheShareFromThenOn() {
        EevdfRunQueue q = new EevdfRunQueue();
        SchedEntity a = task(0, 0), b = task(1, 0);
        q.enqueue(a);
        q.enqueue(b);
        run(q, 0, 10_000_000_000L);
        long a0 = a.sumExec(), b0 = b.sumExec();
        q.setNice(a, -5);
        run(q, 10_000_000_000L, 10_000_000_000L);
        double share = (double) (a.sumExec() - a0) / (a.sumExec() - a0 + b.sumExec() - b0);
        assertEquals(3121.0 / (3121 + 1024), share, 0.02);
    }

    @Test
    void reweightingASleepingTaskScalesItsSavedLag() {
        EevdfRunQueue q = new EevdfRunQueue();
        SchedEntity a = task(0, 0);
        a.vlag = 1000;
        q.setNice(a, -10);
        assertEquals(1000 * 1024 / 9548, a.vlag());
        assertEquals(9548, a.weight());
    }

    @Test
    void dequeueingATaskNotQueuedOrEnqueueingTwiceIsABug() {
        EevdfRunQueue q = new EevdfRunQueue();
        SchedEntity a = task(0, 0);
        assertThrows(IllegalStateException.class, () -> q.dequeue(a));
        q.enqueue(a);
        assertThrows(IllegalStateException.class, () -> q.enqueue(a));
    }

    @Test
    void anEmptyQueuePicksNothingAndTheOnlyTaskAlwaysRuns() {
        EevdfRunQueue q = new EevdfRunQueue();
        assertNull(q.pickNext(0));
        SchedEntity a = task(0, 7);
        q.enqueue(a);
        for (int i = 0; i < 100; i++) {
            q.tick(TICK);
            assertSame(a, q.pickNext(i));
        }
        assertEquals(0, q.lag(a), 1);
    }

    /** Property: random sleeps, wakes and nice changes never leave the queue without an eligible entity. */
    @Test
    void randomChurnAlwaysFindsAnEligibleEntity() {
        Random r = new Random(17);
        EevdfRunQueue q = new EevdfRunQueue();
        List<SchedEntity> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) all.add(task(i, r.nextInt(40) - 20));
        for (SchedEntity se : all) q.enqueue(se);
        q.pickNext(0);
        for (int step = 0; step < 20000; step++) {
            SchedEntity se = all.get(r.nextInt(all.size()));
            switch (r.nextInt(6)) {
                case 0 -> { if (se.onRunQueue() && q.size() > 1) q.dequeue(se); }
                case 1 -> { if (!se.onRunQueue()) q.enqueue(se); }
                case 2 -> q.setNice(se, r.nextInt(40) - 20);
                default -> { if (q.tick(TICK) || q.current() == null) q.pickNext(step); }
            }
            boolean anyEligible = false;
            for (int i = 0; i < q.size(); i++) anyEligible |= q.isEligible(q.get(i));
            assertTrue(q.size() == 0 || anyEligible, "no eligible entity at step " + step);
        }
    }
}
