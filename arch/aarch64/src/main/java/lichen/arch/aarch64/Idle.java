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
    private Idle() {}

    /**
     * Sleeps until an interrupt, unless typed input or a device's completion already waits; returns with IRQs unmasked, the interrupt
     * handled. The big kernel lock is given up for the sleep and taken again before the interrupt is (its
     * handler runs under it); an IPI sent while this CPU decided to sleep is pending and ends the WFI.
     */
    public static void untilInterrupt() {
        Cpu.disableInterrupts();
        if (!ConsoleInput.pending() && !VirtioMmio.anyInterrupted()) {
            Cpu.bigLockRelease();
            Cpu.waitForInterrupt();
            Cpu.bigLockAcquire();
            SecondaryCpus.leaveIfStopping();
        }
        Cpu.enableInterrupts();
    }
}
