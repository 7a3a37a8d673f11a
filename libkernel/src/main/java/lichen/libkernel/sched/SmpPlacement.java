package lichen.libkernel.sched;

/**
 * Where tasks run on a multiprocessor: the CPU a waking task goes to
 * (select_task_rq_fair, simplified) and which task a periodic balance moves
 * (load_balance / can_migrate_task). Pure decisions over {@link CpuLoad}
 * snapshots; the caller performs them (dequeue, enqueue elsewhere: lag moves
 * with the task, as EEVDF migration keeps it).
 */
public final class SmpPlacement {
    /** sysctl_sched_migration_cost: a task that ran more recently than this is cache-hot. */
    public static final long MIGRATION_COST_NS = 500_000;
    /** imbalance_pct of a package-level domain: act only when the busiest is 25% over the target. */
    public static final int IMBALANCE_PCT = 125;

    private SmpPlacement() {}

    /**
     * The CPU for a waking task: its previous CPU if idle (warm cache), else
     * the waker's if idle (wake-affine), else an idle CPU in the previous
     * CPU's domain, else any idle CPU, else the least loaded allowed one
     * (ties keep the previous CPU). -1 when the task may run nowhere.
     */
    public static int selectCpu(SchedEntity task, int prevCpu, int wakerCpu, CpuLoad[] cpus) {
        if (prevCpu >= 0 && prevCpu < cpus.length && task.mayRunOn(prevCpu) && cpus[prevCpu].isIdle()) return prevCpu;
        if (wakerCpu >= 0 && wakerCpu < cpus.length && task.mayRunOn(wakerCpu) && cpus[wakerCpu].isIdle()) return wakerCpu;
        int start = prevCpu >= 0 && prevCpu < cpus.length ? prevCpu : 0;
        int domain = cpus[start].domain;
        int idleElsewhere = -1;
        for (int k = 0; k < cpus.length; k++) {
            int c = (start + k) % cpus.length;
            if (!task.mayRunOn(c) || !cpus[c].isIdle()) continue;
            if (cpus[c].domain == domain) return c;
            if (idleElsewhere < 0) idleElsewhere = c;
        }
        if (idleElsewhere >= 0) return idleElsewhere;
        int best = -1;
        for (int k = 0; k < cpus.length; k++) {
            int c = (start + k) % cpus.length;
            if (!task.mayRunOn(c)) continue;
            if (best < 0 || cpus[c].weight < cpus[best].weight) best = c;
        }
        return best;
    }

    /**
     * One balancing decision for {@code thisCpu} pulling from the busiest
     * CPU: none when the imbalance is under {@link #IMBALANCE_PCT}, or when
     * every candidate is running, pinned elsewhere, cache-hot, or too heavy to
     * reduce the imbalance. {@code queues[c]} lists CPU c's runnable entities.
     */
    public static Migration balance(int thisCpu, CpuLoad[] cpus, EevdfRunQueue[] queues, long now) {
        int busiest = -1;
        for (int c = 0; c < cpus.length; c++) {
            if (c == thisCpu || cpus[c].running < 2) continue;
            if (busiest < 0 || cpus[c].weight > cpus[busiest].weight) busiest = c;
        }
        if (busiest < 0) return null;
        long mine = cpus[thisCpu].weight, theirs = cpus[busiest].weight;
        if (theirs * 100 <= mine * IMBALANCE_PCT) return null;
        long imbalance = (theirs - mine) / 2;
        boolean idle = cpus[thisCpu].isIdle();
        EevdfRunQueue q = queues[busiest];
        SchedEntity pick = null;
        for (int i = 0; i < q.size(); i++) {
            SchedEntity se = q.get(i);
            if (se == q.current() || !se.mayRunOn(thisCpu)) continue;
            // A newly idle CPU ignores cache hotness: running something beats keeping a cache warm.
            if (!idle && now - se.lastRan < MIGRATION_COST_NS) continue;
            if (se.weight > imbalance && !idle) continue;
            if (pick == null || se.weight > pick.weight) pick = se;
        }
        return pick == null ? null : new Migration(pick, busiest, thisCpu);
    }
}
