package lichen.libkernel.sched;

/** What placement knows about one CPU: runnable tasks, their total weight, and whether it idles. */
public final class CpuLoad {
    public final int cpu;
    public int running;
    public long weight;
    /** Cluster or package id: tasks prefer to stay in the same cache domain. */
    public final int domain;

    public CpuLoad(int cpu, int domain) {
        this.cpu = cpu;
        this.domain = domain;
    }

    public boolean isIdle() { return running == 0; }
}
