package lichen.libkernel.sync;

/** A CpuContext for tests and early boot: the current CPU is a settable number, and IRQ masking is a flag per CPU. */
public final class SimulatedCpus implements CpuContext {
    private final boolean[] irqsEnabled;
    private int current;

    public SimulatedCpus(int count) {
        irqsEnabled = new boolean[count];
        for (int i = 0; i < count; i++) irqsEnabled[i] = true;
    }

    /** Pretends the code that follows runs on CPU {@code cpu}. */
    public void switchTo(int cpu) {
        if (cpu < 0 || cpu >= irqsEnabled.length) throw new IllegalArgumentException("no CPU " + cpu);
        current = cpu;
    }

    public boolean irqsEnabled(int cpu) { return irqsEnabled[cpu]; }

    @Override
    public int currentCpu() { return current; }

    @Override
    public int cpuCount() { return irqsEnabled.length; }

    @Override
    public boolean disableIrqs() {
        boolean was = irqsEnabled[current];
        irqsEnabled[current] = false;
        return was;
    }

    @Override
    public void restoreIrqs(boolean enabled) {
        if (enabled) irqsEnabled[current] = true;
    }
}
