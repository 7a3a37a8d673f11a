package lichen.arch.aarch64;

import lichen.api.AtomicWord;
import lichen.api.Cpu;
import lichen.api.Irq;
import lichen.api.Unsafe;

/**
 * IRQ dispatch and the tick. {@link #configure} is given the interrupt
 * controller the device tree names, turns it on (IRQs stay masked) and notes
 * the EL1 physical timer's INTID (on QEMU virt the /timer node lists secure,
 * non-secure physical, virtual and hypervisor PPIs 13, 14, 11, 10, so the
 * timer is INTID 30). Drivers {@link #register} an {@link IrqHandler} for an
 * INTID; the IRQ vectors call {@link #dispatch} on whichever CPU took the
 * interrupt, which acknowledges, runs the handler and ends the interrupt. An
 * INTID nobody registered is counted ({@link #unhandled}), logged the first
 * time, and, unless it is an SGI, disabled: a level-triggered line nobody
 * clears would otherwise be taken again at once, forever. The tick is one
 * registered handler: it re-arms the countdown and counts.
 *
 * <p>Secondary CPUs call {@link #joinThisCpu}: their part of the GIC on, IRQs
 * unmasked, so SGIs reach them (the interrupts between CPUs of later SMP work).
 */
@Unsafe
public final class Interrupts {
    /** INTIDs with a handler slot: SGIs, PPIs and SPIs, below the special 1020-1023. */
    private static final int INTIDS = InterruptController.FIRST_SPECIAL;

    private static InterruptController gic;
    private static int timerIntid = 30;
    private static final IrqHandler[] handlers = new IrqHandler[INTIDS];
    private static final boolean[] reported = new boolean[INTIDS];
    /** The MPIDRs of the CPUs whose part of the GIC is on, the boot CPU first. */
    private static final long[] cpus = new long[SecondaryCpus.MAX_CPUS];
    private static final AtomicWord cpuCount = new AtomicWord(0);
    private static final AtomicWord spurious = new AtomicWord(0);
    private static final AtomicWord unhandled = new AtomicWord(0);
    private static final AtomicWord unhandledLogged = new AtomicWord(0);
    private static volatile int lastUnhandled = -1;
    private static long ticks;
    private static long tickInterval;

    private Interrupts() {}

    /**
     * The controller to drive and which INTID the EL1 physical timer raises, from the device tree:
     * the controller is turned on for this (the boot) CPU, with every interrupt but the SGIs off.
     */
    public static void configure(InterruptController controller, int timerInterrupt) {
        controller.enable();
        gic = controller;
        timerIntid = timerInterrupt;
        joined(Cpu.mpidr());
    }

    /** The controller in use, or null when the device tree named none that is driven. */
    public static InterruptController controller() { return gic; }

    /**
     * A secondary CPU's part of the GIC on and its IRQs unmasked; false (and IRQs left masked)
     * without a controller or when it has no part in it. Allocates nothing.
     */
    public static boolean joinThisCpu() {
        InterruptController c = gic;
        if (c == null || !c.enableThisCpu()) return false;
        joined(Cpu.mpidr());
        Cpu.enableInterrupts();
        return true;
    }

    /** CPUs join one at a time (SecondaryCpus starts the next when one is online): the slot, then the count. */
    private static void joined(long mpidr) {
        long slot = cpuCount.get();
        if (slot >= cpus.length) return;
        cpus[(int) slot] = mpidr;
        cpuCount.getAndAdd(1);
    }

    /** CPUs taking interrupts: the boot CPU and every secondary that joined. */
    public static int cpuCount() { return (int) cpuCount.get(); }

    /** The MPIDR of the {@code i}-th of them (0: the boot CPU), a target for {@link InterruptController#sendSgi}. */
    public static long cpuMpidr(int i) { return cpus[i]; }

    /** Runs {@code handler} for interrupt {@code intid} from now on, and enables it (an SGI or PPI on this CPU). */
    public static void register(int intid, IrqHandler handler) {
        if (intid < 0 || intid >= INTIDS) throw new IllegalArgumentException("INTID " + intid + " out of range");
        if (gic == null) throw new IllegalStateException("no interrupt controller configured");
        handlers[intid] = handler;
        reported[intid] = false;
        gic.enableInterrupt(intid);
    }

    /** The timer ticking {@code hz} times a second through its registered handler, IRQs unmasked; again to change the rate. */
    public static void start(int hz) {
        if (gic == null) throw new IllegalStateException("no interrupt controller configured");
        tickInterval = Cpu.counterFrequency() / hz;
        register(timerIntid, Interrupts::tick);
        Cpu.setTimerCountdown(tickInterval);
        Cpu.setTimerControl(1);
        Cpu.enableInterrupts();
    }

    /** The tick on this CPU too (a secondary that runs tasks): the timer's PPI is banked, its registers are the CPU's own. */
    public static void startTickHere() {
        if (gic == null || tickInterval == 0) return;
        gic.enableInterrupt(timerIntid);
        Cpu.setTimerCountdown(tickInterval);
        Cpu.setTimerControl(1);
    }

    /** This CPU's tick off (Idle.untilKicked) until {@link #startTickHere}: its timer disabled, so its pending PPI is withdrawn. */
    public static void stopTickHere() {
        if (gic == null || tickInterval == 0) return;
        Cpu.setTimerControl(0);
    }

    public static long ticks() { return ticks; }

    /** Acknowledged with a special INTID: nothing was pending by then. */
    public static long spurious() { return spurious.get(); }

    /** Interrupts that arrived with no handler registered, and the last such INTID (-1: none). */
    public static long unhandled() { return unhandled.get(); }

    public static int lastUnhandled() { return lastUnhandled; }

    /** Unhandled INTIDs logged: each once, however often it comes, until a handler is registered for it. */
    public static long unhandledLogged() { return unhandledLogged.get(); }

    /** Set on a CPU while an IRQ it took from EL0 is dispatched, so that the tick knows where it landed; by CPU number. */
    private static final boolean[] fromUser = new boolean[SecondaryCpus.MAX_CPUS];
    /** Ticks that interrupted user mode on each CPU (CPU time is split into user and system by them, as Linux's tick accounting). */
    private static final long[] userTicks = new long[SecondaryCpus.MAX_CPUS];

    /** Ticks so far that landed in user mode on this CPU. */
    public static long userTicks() { return userTicks[(int) Cpu.cpuIndex()]; }

    /** Traps.handle's IRQ from EL0: dispatched as any, with the tick told that it interrupted user code. */
    @Irq
    static void dispatchFromUser() {
        int cpu = (int) Cpu.cpuIndex();
        fromUser[cpu] = true;
        dispatch();
        fromUser[cpu] = false;
    }

    @Irq
    private static void tick(int intid) {
        ticks++;
        int cpu = (int) Cpu.cpuIndex();
        if (fromUser[cpu]) userTicks[cpu]++;
        Cpu.setTimerCountdown(tickInterval);
    }

    /** Called from the IRQ vectors (Traps.handle) on the CPU that took the IRQ: acknowledge, dispatch, end. */
    @Irq
    static void dispatch() {
        int acknowledged = gic.acknowledge();
        int id = acknowledged & InterruptController.INTID_MASK;
        if (id >= InterruptController.FIRST_SPECIAL && id <= 1023) {
            // Special INTIDs are not ended (IHI 0069H 2.2.1): 1023, nothing pending any more.
            spurious.getAndAdd(1);
            return;
        }
        IrqHandler h = id < INTIDS ? handlers[id] : null;
        if (h != null) h.handle(id);
        else unknown(id);
        gic.endOfInterrupt(acknowledged);
    }

    @Irq
    private static void unknown(int id) {
        unhandled.getAndAdd(1);
        lastUnhandled = id;
        if (id >= 16 && id < INTIDS) gic.disableInterrupt(id);
        if (id < INTIDS && reported[id]) return;
        if (id < INTIDS) reported[id] = true;
        unhandledLogged.getAndAdd(1);
        IrqConsole.line("irq: INTID ", id, id >= 16 ? " has no handler; disabled" : " (an SGI) has no handler; counted, not logged again");
    }
}
