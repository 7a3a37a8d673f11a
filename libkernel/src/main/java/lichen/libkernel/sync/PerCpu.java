package lichen.libkernel.sync;

import java.util.function.IntFunction;

/**
 * One value per CPU (Linux's DEFINE_PER_CPU), indexed by the current CPU.
 * Touch the current CPU's value only with preemption or interrupts off, so
 * the task stays on that CPU.
 */
public final class PerCpu<T> {
    private final Object[] values;

    public PerCpu(int cpus, IntFunction<T> init) {
        values = new Object[cpus];
        for (int i = 0; i < cpus; i++) values[i] = init.apply(i);
    }

    public PerCpu(IntFunction<T> init) { this(Cpus.count(), init); }

    public int cpus() { return values.length; }

    @SuppressWarnings("unchecked")
    public T get() { return (T) values[Cpus.currentCpu()]; }

    @SuppressWarnings("unchecked")
    public T get(int cpu) { return (T) values[cpu]; }
}
