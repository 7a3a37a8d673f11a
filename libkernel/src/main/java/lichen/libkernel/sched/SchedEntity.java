package lichen.libkernel.sched;

import lichen.api.Slab;

/**
 * A schedulable task's EEVDF state (Linux's sched_entity): weight from its
 * nice value, virtual runtime, virtual deadline, lag saved while it sleeps,
 * the slice it asks for, and for SMP the CPUs it may run on and when it last
 * ran (cache hotness).
 */
@Slab
public final class SchedEntity {
    final int id;
    int nice;
    long weight;
    long vruntime;
    long deadline;
    long vlag;
    long slice;
    long sumExec;
    boolean onRq;
    boolean placedBefore;
    long allowedCpus = -1L;
    int cpu = -1;
    long lastRan = Long.MIN_VALUE / 2;
    /** What the entity schedules (the executor's task), for the scheduler to hand back. */
    Object owner;

    public SchedEntity(int id, int nice, long sliceNs) {
        this.id = id;
        this.nice = nice;
        this.weight = NiceWeights.weight(nice);
        this.slice = sliceNs;
    }

    public int id() { return id; }
    public int nice() { return nice; }
    public long weight() { return weight; }
    public long vruntime() { return vruntime; }
    public long deadline() { return deadline; }
    /** Lag saved at the last dequeue. */
    public long vlag() { return vlag; }
    public long slice() { return slice; }
    /** Nanoseconds of CPU time received. */
    public long sumExec() { return sumExec; }
    public boolean onRunQueue() { return onRq; }
    public int cpu() { return cpu; }
    public long lastRan() { return lastRan; }
    public Object owner() { return owner; }

    /** sched_setaffinity: a bit per CPU. */
    public void setAllowedCpus(long mask) { allowedCpus = mask; }
    public long allowedCpus() { return allowedCpus; }
    public boolean mayRunOn(int cpu) { return cpu < 64 && (allowedCpus & (1L << cpu)) != 0; }

    @Override
    public String toString() { return "se" + id + "(nice " + nice + ", v=" + vruntime + ", d=" + deadline + ")"; }
}
