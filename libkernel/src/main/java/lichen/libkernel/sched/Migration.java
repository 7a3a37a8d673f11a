package lichen.libkernel.sched;

/** A decision to move one task from a busy CPU to a less busy one. */
public final class Migration {
    public final SchedEntity task;
    public final int from;
    public final int to;

    Migration(SchedEntity task, int from, int to) {
        this.task = task;
        this.from = from;
        this.to = to;
    }

    @Override
    public String toString() { return "migrate " + task + " " + from + "->" + to; }
}
