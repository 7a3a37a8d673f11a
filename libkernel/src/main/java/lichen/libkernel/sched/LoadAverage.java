package lichen.libkernel.sched;

import lichen.libkernel.async.Executor;

/**
 * The load average of /proc/loadavg and sysinfo(2), as Linux computes it
 * (kernel/sched/loadavg.c): every 5 seconds the number of runnable tasks
 * is folded into three exponentially decaying averages over 1, 5 and 15
 * minutes, in fixed point with 11 fractional bits. The sample is taken by
 * the executor's deferred work, which runs before every turn; periods that
 * passed while every task slept are folded in with a count of 0 when work
 * comes back, as Linux's NO_HZ catch-up does. Linux also counts tasks in
 * uninterruptible sleep; the executor does not count those, so they are not
 * in the figure.
 */
public final class LoadAverage {
    public static final int FSHIFT = 11;
    public static final long FIXED_1 = 1L << FSHIFT;
    /** 1/exp(5s/1min), 1/exp(5s/5min), 1/exp(5s/15min) in fixed point. */
    private static final long[] EXP = {1884, 2014, 2037};
    private static final long PERIOD_NS = 5_000_000_000L;

    /** The machine's: sampled by the kernel's executor, read by /proc/loadavg and sysinfo(2). */
    public static final LoadAverage SYSTEM = new LoadAverage();

    private final long[] averages = new long[3];
    private long nextSample;

    /** Folds in the runnable count when a sampling period has ended. */
    public void sample(Executor ex) {
        long now = ex.now();
        if (nextSample == 0) nextSample = now + PERIOD_NS;
        if (now < nextSample) return;
        long missed = (now - nextSample) / PERIOD_NS;
        for (long i = 0; i < missed && i < 1000; i++) fold(0);
        fold((long) ex.runnableTasks() << FSHIFT);
        nextSample += (missed + 1) * PERIOD_NS;
    }

    private void fold(long active) {
        for (int i = 0; i < 3; i++) {
            long load = averages[i];
            long next = load * EXP[i] + active * (FIXED_1 - EXP[i]);
            if (active >= load) next += FIXED_1 - 1;
            averages[i] = next / FIXED_1;
        }
    }

    /** The average over 1 (i = 0), 5 (1) or 15 (2) minutes, in fixed point with {@link #FSHIFT} fractional bits. */
    public long average(int i) { return averages[i]; }

    /** "X.YY" as /proc/loadavg prints it (rounded to hundredths, as get_avenrun's FIXED_1/200 offset does). */
    public void print(StringBuilder out, int i) {
        long v = averages[i] + FIXED_1 / 200;
        long frac = (v & (FIXED_1 - 1)) * 100 >> FSHIFT;
        out.append(v >> FSHIFT).append('.');
        if (frac < 10) out.append('0');
        out.append(frac);
    }
}
