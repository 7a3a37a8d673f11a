package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Unsafe;

/**
 * Waiting for the next interrupt with nothing to run. The executor's own
 * context may come back from a task with IRQs masked (a task that gave the
 * CPU up from the tick's handler was inside an exception), and an IRQ that
 * is never taken is never acknowledged: WFI would then return at once for
 * ever, or, once the pending line is cleared, sleep for ever. So IRQs are
 * masked while deciding to sleep, WFI ends when one is pending even so
 * (ARM ARM D1.16.2, "Wait for Interrupt"), and unmasking takes it.
 */
@Unsafe
public final class Idle {
    /** Times each CPU slept in WFI here, and the generic timer's ticks it slept, by CPU number. */
    private static final long[] sleeps = new long[SecondaryCpus.MAX_CPUS], ticksAsleep = new long[SecondaryCpus.MAX_CPUS];

    private Idle() {}

    /** Times CPU {@code cpu} slept waiting for an interrupt. */
    public static long sleeps(int cpu) { return sleeps[cpu]; }

    /** Nanoseconds CPU {@code cpu} slept waiting for an interrupt (its idle time). */
    public static long nanosAsleep(int cpu) { return Timer.nanosOf(ticksAsleep[cpu]); }

    /**
     * Sleeps until an interrupt, unless typed input or a device's completion already waits; returns with IRQs unmasked, the interrupt
     * handled. The big kernel lock is given up for the sleep and taken again before the interrupt is (its
     * handler runs under it); an IPI sent while this CPU decided to sleep is pending and ends the WFI.
     */
    public static void untilInterrupt() { sleep(false); }

    /**
     * The same on a secondary CPU with nothing queued, its tick stopped for the sleep (Linux's NO_HZ idle):
     * only a task placed on it ends the sleep (the placer's SGI). The timers are the boot CPU's, whose tick
     * goes on, so this CPU has no reason to wake 100 times a second and take the big kernel lock to find
     * nothing to do: each such turn was a chance for it to keep a working CPU waiting, for milliseconds when
     * the host deschedules its vCPU while it holds the lock.
     */
    public static void untilKicked() { sleep(true); }

    private static void sleep(boolean tickless) {
        Cpu.disableInterrupts();
        if (!ConsoleInput.pending() && !VirtioMmio.anyInterrupted()) {
            if (tickless) Interrupts.stopTickHere();
            Cpu.bigLockRelease();
            long start = Cpu.counter();
            Cpu.waitForInterrupt();
            long slept = Cpu.counter() - start;
            Cpu.bigLockAcquire();
            if (tickless) Interrupts.startTickHere();
            int cpu = (int) Cpu.cpuIndex();
            sleeps[cpu]++;
            ticksAsleep[cpu] += slept;
            SecondaryCpus.leaveIfStopping();
        }
        Cpu.enableInterrupts();
    }
}
