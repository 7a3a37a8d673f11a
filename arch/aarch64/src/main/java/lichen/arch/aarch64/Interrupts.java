package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Irq;
import lichen.api.Unsafe;

/**
 * IRQ dispatch and the tick. The GIC's addresses and the EL1 physical
 * timer's interrupt come from the device tree ({@link #configure}); on QEMU
 * virt the /timer node lists secure, non-secure physical, virtual and
 * hypervisor PPIs 13, 14, 11, 10, so the timer is GIC id 30. Each tick re-arms
 * the countdown; {@link #ticks} counts them.
 */
@Unsafe
public final class Interrupts {
    /** QEMU virt's values, used until {@link #configure} gives the device tree's. */
    private static int timerIntid = 30;
    private static long distributor = 0x0800_0000L, cpuInterface = 0x0801_0000L;

    private static GicV2 gic;
    private static long ticks;
    private static long spurious;
    private static long tickInterval;

    private Interrupts() {}

    /** Where the GICv2 is and which INTID the EL1 physical timer raises, from the device tree. */
    public static void configure(long gicDistributor, long gicCpuInterface, int timerInterrupt) {
        distributor = gicDistributor;
        cpuInterface = gicCpuInterface;
        timerIntid = timerInterrupt;
    }

    /** The GIC on, the timer ticking {@code hz} times a second, IRQs unmasked. */
    public static void start(int hz) {
        gic = new GicV2(distributor, cpuInterface);
        gic.enable();
        gic.enableInterrupt(timerIntid);
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
        if (id == timerIntid) {
            ticks++;
            Cpu.setTimerCountdown(tickInterval);
        }
        gic.endOfInterrupt(id);
    }
}
