package lichen.libkernel.sched;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SmpPlacementTest {
    static CpuLoad[] cpus(int n, int perDomain) {
        CpuLoad[] c = new CpuLoad[n];
        for (int i = 0; i < n; i++) c[i] = new CpuLoad(i, i / perDomain);
        return c;
    }

    static void busy(CpuLoad c, int tasks) {
        c.running = tasks;
        c.weight = 1024L * tasks;
    }

    static SchedEntity task() { return new SchedEntity(0, 0, 3_000_000); }

    @Test
    void anIdlePreviousCpuKeepsTheTask() {
        CpuLoad[] c = cpus(4, 2);
        assertEquals(2, SmpPlacement.selectCpu(task(), 2, 0, c));
    }

    @Test
    void aBusyPreviousCpuSendsTheTaskToAnIdleWaker() {
        CpuLoad[] c = cpus(4, 2);
        busy(c[2], 1);
        assertEquals(3, SmpPlacement.selectCpu(task(), 2, 3, c));
        busy(c[3], 1);
        assertEquals(0, SmpPlacement.selectCpu(task(), 2, 3, c), "both busy: the first idle CPU scanning from the previous one");
    }

    @Test
    void anIdleCpuInTheSameDomainBeatsOneElsewhere() {
        CpuLoad[] c = cpus(4, 2);
        busy(c[2], 2);
        busy(c[1], 1);
        // CPU 3 shares CPU 2's domain, CPU 0 does not.
        assertEquals(3, SmpPlacement.selectCpu(task(), 2, 1, c));
        busy(c[3], 1);
        assertEquals(0, SmpPlacement.selectCpu(task(), 2, 1, c));
    }

    @Test
    void whenAllAreBusyTheLeastLoadedAllowedCpuWins() {
        CpuLoad[] c = cpus(4, 4);
        busy(c[0], 3);
        busy(c[1], 1);
        busy(c[2], 2);
        busy(c[3], 1);
        assertEquals(3, SmpPlacement.selectCpu(task(), 3, 0, c), "tie with CPU 1 keeps the previous CPU");
        SchedEntity pinned = task();
        pinned.setAllowedCpus(0b0101);
        assertEquals(2, SmpPlacement.selectCpu(pinned, 3, 0, c));
    }

    @Test
    void affinityIsNeverViolatedAndAnEmptyMaskGivesMinusOne() {
        CpuLoad[] c = cpus(4, 2);
        SchedEntity t = task();
        t.setAllowedCpus(0b1000);
        for (int prev = 0; prev < 4; prev++) for (int waker = 0; waker < 4; waker++) assertEquals(3, SmpPlacement.selectCpu(t, prev, waker, c));
        t.setAllowedCpus(0);
        assertEquals(-1, SmpPlacement.selectCpu(t, 0, 0, c));
    }

    static EevdfRunQueue[] queues(CpuLoad[] c, int... tasksPerCpu) {
        EevdfRunQueue[] q = new EevdfRunQueue[c.length];
        int id = 0;
        for (int i = 0; i < c.length; i++) {
            q[i] = new EevdfRunQueue();
            for (int k = 0; k < tasksPerCpu[i]; k++) {
                SchedEntity se = new SchedEntity(id++, 0, 3_000_000);
                q[i].enqueue(se);
            }
            q[i].pickNext(0);
            c[i].running = q[i].size();
            c[i].weight = q[i].totalWeight();
        }
        return q;
    }

    @Test
    void aSmallImbalanceIsLeftAlone() {
        CpuLoad[] c = cpus(2, 2);
        EevdfRunQueue[] q = queues(c, 5, 4);
        assertNull(SmpPlacement.balance(1, c, q, 10_000_000));
    }

    @Test
    void anIdleCpuPullsAWaitingTaskNotTheRunningOne() {
        CpuLoad[] c = cpus(2, 2);
        EevdfRunQueue[] q = queues(c, 3, 0);
        Migration m = SmpPlacement.balance(1, c, q, 0);
        assertNotNull(m);
        assertEquals(0, m.from);
        assertEquals(1, m.to);
        assertNotSame(q[0].current(), m.task);
    }

    @Test
    void cacheHotTasksStayUnlessTheDestinationIsIdle() {
        CpuLoad[] c = cpus(2, 2);
        EevdfRunQueue[] q = queues(c, 6, 1);
        long now = 100_000;
        for (int i = 0; i < q[0].size(); i++) q[0].get(i).lastRan = now - 1_000; // everything ran 1 us ago
        assertNull(SmpPlacement.balance(1, c, q, now));
        assertNotNull(SmpPlacement.balance(1, c, q, now + SmpPlacement.MIGRATION_COST_NS));
    }

    @Test
    void pinnedTasksAreNotPulled() {
        CpuLoad[] c = cpus(2, 2);
        EevdfRunQueue[] q = queues(c, 3, 0);
        for (int i = 0; i < q[0].size(); i++) q[0].get(i).setAllowedCpus(0b01);
        assertNull(SmpPlacement.balance(1, c, q, 0));
    }

    /** Property: periodic balancing of a skewed start spreads equal tasks to within one task per CPU. */
    @Test
    void repeatedBalancingConvergesToEvenLoad() {
        CpuLoad[] c = cpus(4, 2);
        EevdfRunQueue[] q = queues(c, 10, 1, 0, 1);
        long now = 0;
        for (int round = 0; round < 100; round++) {
            now += 1_000_000;
            for (int cpu = 0; cpu < 4; cpu++) {
                Migration m = SmpPlacement.balance(cpu, c, q, now);
                if (m == null) continue;
                q[m.from].dequeue(m.task);
                q[m.to].enqueue(m.task);
                if (q[m.to].current() == null) q[m.to].pickNext(now);
                for (int k = 0; k < 4; k++) { c[k].running = q[k].size(); c[k].weight = q[k].totalWeight(); }
            }
        }
        int min = Integer.MAX_VALUE, max = 0;
        for (CpuLoad l : c) { min = Math.min(min, l.running); max = Math.max(max, l.running); }
        assertTrue(max - min <= 1, "loads " + min + ".." + max);
        assertEquals(12, c[0].running + c[1].running + c[2].running + c[3].running);
    }

    @Test
    void migrationCarriesTheTasksLagToTheNewQueue() {
        EevdfRunQueue a = new EevdfRunQueue(), b = new EevdfRunQueue();
        SchedEntity x = new SchedEntity(1, 0, 3_000_000), y = new SchedEntity(2, 0, 3_000_000), z = new SchedEntity(3, 0, 3_000_000);
        a.enqueue(x);
        a.enqueue(y);
        b.enqueue(z);
        a.pickNext(0);
        b.pickNext(0);
        for (int i = 0; i < 5; i++) { a.tick(1_000_000); b.tick(1_000_000); }
        SchedEntity waiting = a.current() == x ? y : x;
        long lag = a.lag(waiting);
        a.dequeue(waiting);
        b.enqueue(waiting);
        assertEquals(lag, b.lag(waiting), 2);
    }
}
