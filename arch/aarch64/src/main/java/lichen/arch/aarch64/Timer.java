package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Unsafe;

/** The ARM generic timer's counter as a clock (ARM ARM D11.1, CNTVCT_EL0 and CNTFRQ_EL0). */
@Unsafe
public final class Timer {
    private Timer() {}

    public static long frequency() { return Cpu.counterFrequency(); }

    /** Nanoseconds since the counter started (at reset). */
    public static long nanos() { return nanosOf(Cpu.counter()); }

    /** A count of the counter's ticks in nanoseconds. */
    public static long nanosOf(long ticks) {
        long hz = Cpu.counterFrequency();
        return ticks / hz * 1_000_000_000L + ticks % hz * 1_000_000_000L / hz;
    }
}
