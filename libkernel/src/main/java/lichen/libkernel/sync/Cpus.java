package lichen.libkernel.sync;

/**
 * The installed {@link CpuContext}. Until arch installs the real one at boot
 * it is a single CPU whose interrupt mask is only bookkeeping.
 */
public final class Cpus {
    private Cpus() {}

    private static CpuContext context = new SimulatedCpus(1);

    public static CpuContext current() { return context; }

    public static void install(CpuContext c) { context = c; }

    public static int currentCpu() { return context.currentCpu(); }

    public static int count() { return context.cpuCount(); }
}
