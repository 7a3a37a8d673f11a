package lichen.arch.aarch64;

import lichen.api.Unsafe;
import lichen.libkernel.async.Clock;

/**
 * The executor's clock on the machine: the generic timer's count, and idling
 * in WFI until the next interrupt (the tick wakes the CPU at least every
 * tick, see {@link Interrupts}; an interrupt's deferred work then runs
 * before the deadline comes).
 */
@Unsafe
public final class TimerClock implements Clock {
    @Override
    public long now() { return Timer.nanos(); }

    @Override
    public boolean idleUntil(long deadline) {
        if (Timer.nanos() < deadline) Idle.untilInterrupt();
        return true;
    }
}
