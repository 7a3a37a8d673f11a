package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Irq;
import lichen.api.Unsafe;

/**
 * IRQ dispatch and the tick. {@link #configure} is given the interrupt
 * controller the device tree names and the EL1 physical timer's INTID (on
 * QEMU virt the /timer node lists secure, non-secure physical, virtual and
 * hypervisor PPIs 13, 14, 11, 10, so the timer is INTID 30). Drivers
 * {@link #register} an {@link IrqHandler} for an INTID; the IRQ vectors call
 * {@link #dispatch}, which acknowledges, runs the handler, and ends the
 * interrupt. An INTID nobody registered is counted ({@link #unhandled}), not
 * dropped silently. The tick is one such handler: it re-arms the countdown
 * and counts.
 */
@Unsafe
public final class Interrupts {
    private static final int INTIDS = 1020;

    private static InterruptController gic;
    private static int timerIntid = 30;
    private static final IrqHandler[] handlers = new IrqHandler[INTIDS];
    private static long ticks;
    private static long spurious;
    private static long unhandled;
    private static int lastUnhandled = -1;
    private static long tickInterval;

    private Interrupts() {}

    /** The controller to drive and which INTID the EL1 physical timer raises, from the device tree. */
    public static void configure(InterruptController controller, int timerInterrupt) {
        gic = controller;
        timerIntid = timerInterrupt;
    }

    /** The controller in use, or null when the device tree named none that is driven. */
    public static InterruptController controller() { return gic; }

    /** Runs {@code handler} for interrupt {@code intid} from now on, and enables it. */
    public static void register(int intid, IrqHandler handler) {
        if (intid < 0 || intid >= INTIDS) throw new IllegalArgumentException("INTID " + intid + " out of range");
        handlers[intid] = handler;
        gic.enableInterrupt(intid);
    }

    /** The GIC on, the timer ticking {@code hz} times a second, IRQs unmasked. */
    public static void start(int hz) {
        if (gic == null) throw new IllegalStateException("no interrupt controller configured");
        gic.enable();
        tickInterval = Cpu.counterFrequency() / hz;
        register(timerIntid, Interrupts::tick);
        Cpu.setTimerCountdown(tickInterval);
        Cpu.setTimerControl(1);
        Cpu.enableInterrupts();
    }

    public static long ticks() { return ticks; }

    public static long spurious() { return spurious; }

    /** Interrupts that arrived with no handler registered, and the last such INTID (-1: none). */
    public static long unhandled() { return unhandled; }

    public static int lastUnhandled() { return lastUnhandled; }

    @Irq
    private static void tick(int intid) {
        ticks++;
        Cpu.setTimerCountdown(tickInterval);
    }

    /** Called from the IRQ vectors (Traps.handle): acknowledge, dispatch, end. */
    @Irq
    static void dispatch() {
        int id = gic.acknowledge();
        if (id >= INTIDS) {
            spurious++;
            return;
        }
        IrqHandler h = handlers[id];
        if (h != null) {
            h.handle(id);
        } else {
            unhandled++;
            lastUnhandled = id;
        }
        gic.endOfInterrupt(id);
    }
}
