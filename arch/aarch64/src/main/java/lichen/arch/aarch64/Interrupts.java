package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Irq;
import lichen.api.Unsafe;

/**
 * IRQ dispatch and the tick. The EL1 physical timer is PPI 30 on QEMU virt
 * (its device tree's /timer node lists secure, non-secure physical, virtual
 * and hypervisor PPIs 13, 14, 11, 10: GIC ids 29, 30, 27, 26). Each tick
 * re-arms the countdown; {@link #ticks} counts them.
 */
@Unsafe
public final class Interrupts {
    public static final int TIMER_PPI = 30;
    private static final long VIRT_GICD = 0x0800_0000L, VIRT_GICC = 0x0801_0000L;

    private static GicV2 gic;
    private static long ticks;
    private static long spurious;
    private static long tickInterval;

    private Interrupts() {}

    /** The GIC on, the timer ticking {@code hz} times a second, IRQs unmasked. */
    public static void start(int hz) {
        gic = new GicV2(VIRT_GICD, VIRT_GICC);
        gic.enable();
        gic.enableInterrupt(TIMER_PPI);
        tickInterval = Cpu.counterFrequency() / hz;
        Cpu.setTimerCountdown(tickInterval);
        Cpu.setTimerControl(1);
        Cpu.enableInterrupts();
    }

    public static long ticks() { return ticks; }

    public static long spurious() { return spurious; }

    /** Called from the IRQ vectors (Traps.handle): acknowledge, dispatch, end. */
    @Irq
    static void dispatch() {
        int id = gic.acknowledge();
        if (id >= 1020) {
            spurious++;
            return;
        }
        if (id == TIMER_PPI) {
            ticks++;
            Cpu.setTimerCountdown(tickInterval);
        }
        gic.endOfInterrupt(id);
    }
}
