package lichen.libkernel.sched;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SchedEntityTest {
    @Test
    void affinityMasksCoverCpusZeroTo63AndNothingBeyond() {
        SchedEntity se = new SchedEntity(1, 0, 3_000_000);
        assertTrue(se.mayRunOn(0) && se.mayRunOn(63), "all CPUs by default");
        assertFalse(se.mayRunOn(64));
        se.setAllowedCpus(1L << 5);
        assertTrue(se.mayRunOn(5));
        assertFalse(se.mayRunOn(4));
    }

    @Test
    void aRunningEntityGetsANewDeadlineExactlyOneScaledSliceAfterReachingTheOld() {
        EevdfRunQueue q = new EevdfRunQueue();
        SchedEntity se = new SchedEntity(1, 5, 3_000_000);
        q.enqueue(se);
        q.pickNext(0);
        long first = se.deadline();
        while (!q.tick(100_000)) { }
        assertTrue(se.vruntime() >= first);
        assertEquals(se.vruntime() + EevdfRunQueue.scale(3_000_000, se.weight()), se.deadline());
    }

    @Test
    void minVruntimeNeverMovesBackwards() {
        EevdfRunQueue q = new EevdfRunQueue();
        java.util.Random r = new java.util.Random(8);
        SchedEntity[] all = new SchedEntity[6];
        for (int i = 0; i < all.length; i++) q.enqueue(all[i] = new SchedEntity(i, r.nextInt(20) - 10, 3_000_000));
        q.pickNext(0);
        long last = q.minVruntime();
        for (int step = 0; step < 5000; step++) {
            SchedEntity se = all[r.nextInt(all.length)];
            if (r.nextInt(5) == 0) { if (se.onRunQueue() && q.size() > 1) q.dequeue(se); else if (!se.onRunQueue()) q.enqueue(se); }
            if (q.tick(500_000) || q.current() == null) q.pickNext(step);
            assertTrue(q.minVruntime() >= last, "min_vruntime went back at step " + step);
            last = q.minVruntime();
        }
    }
}
