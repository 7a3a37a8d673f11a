package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Unsafe;
import lichen.libkernel.async.Clock;

/**
 * The executor's clock on the machine: the generic timer's count, and idling
 * in WFI until a deadline (the tick interrupt wakes the CPU; see
 * {@link Interrupts}).
 */
@Unsafe
public final class TimerClock implements Clock {
    @Override
    public long now() { return Timer.nanos(); }

    @Override
    public boolean idleUntil(long deadline) {
        while (Timer.nanos() < deadline) Cpu.waitForInterrupt();
        return true;
    }
}
