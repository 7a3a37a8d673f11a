package lichen.kernel.selftest;

import lichen.api.Cpu;
import lichen.api.Irq;
import lichen.api.Unsafe;
import lichen.arch.aarch64.InterruptController;
import lichen.arch.aarch64.Interrupts;
import lichen.arch.aarch64.Timer;
import lichen.kernel.boot.Devices;
import lichen.kernel.boot.Processors;

/**
 * Interrupts on the machine, through whichever GIC the device tree names:
 * the timer's ticks reach their registered handler; software-generated
 * interrupts reach their handlers on this CPU and on every other one, and on
 * no CPU but the one they were sent to; one with no handler is counted and
 * logged once.
 */
@Unsafe
final class InterruptTests {
    private InterruptTests() {}

    /** SGIs the tests raise (0-15 are SGIs; the kernel uses none of them yet). */
    private static final int SELF_SGI = 3, OTHER_CPU_SGI = 4, UNHANDLED_SGI = 5;
    /** How long an SGI may take to arrive. */
    private static final long SGI_WAIT_NANOS = 20_000_000L;

    private static volatile long sgis;
    private static volatile int lastSgi = -1;
    private static volatile long sgiCpu = -1;

    /** {@code expectedGicVersion}: the one the harness gave QEMU, or 0 for the device tree's (a boot of the kernel itself). */
    static void runAll(int expectedGicVersion) {
        int expected = expectedGicVersion != 0 ? expectedGicVersion : Devices.gicVersionNamed();
        SelfTest.check("the GIC driven is the one the device tree names", () -> gicMatches(expected));
        SelfTest.check("timer interrupts arrive through the GIC at the tick's handler and are counted", InterruptTests::timerTicks);
        SelfTest.check("a software-generated interrupt reaches its registered handler", InterruptTests::sgiArrives);
        SelfTest.check("an SGI sent to each other CPU reaches its handler on that CPU only", InterruptTests::sgiReachesOtherCpus);
        SelfTest.check("an SGI with no handler is counted each time and logged once", InterruptTests::unhandledSgiIsCounted);
    }

    private static String gicMatches(int version) {
        InterruptController gic = Interrupts.controller();
        if (gic == null) return "no interrupt controller";
        return gic.name().equals("GICv" + version) ? null : "driving " + gic.name() + ", the device tree says GICv" + version;
    }

    /** 100 Hz ticks: after 50 ms of waiting in WFI at least a few must have been taken. */
    private static String timerTicks() {
        Interrupts.start(100);
        long before = Interrupts.ticks();
        long start = Timer.nanos();
        while (Timer.nanos() - start < 50_000_000L) Cpu.waitForInterrupt();
        long ticks = Interrupts.ticks() - before;
        // Five are due; a loaded host delays some, and none may come early or twice.
        return ticks >= 2 && ticks <= 6 ? null : ticks + " ticks in 50 ms at 100 Hz";
    }

    /** Counts, and notes which SGI it was and which CPU ran the handler. */
    @Irq
    private static void countSgi(int intid) {
        lastSgi = intid;
        sgiCpu = Cpu.mpidr();
        sgis = sgis + 1;
    }

    /** Waits (spinning: on another CPU's SGI this one takes no interrupt to end a WFI) until {@link #sgis} passes {@code count}. */
    private static void awaitSgis(long count) {
        long start = Timer.nanos();
        while (sgis < count && Timer.nanos() - start < SGI_WAIT_NANOS) {
            // The SGI's handler runs in an interrupt, here or on the other CPU.
        }
    }

    private static String sgiArrives() {
        Interrupts.register(SELF_SGI, InterruptTests::countSgi);
        long unhandled = Interrupts.unhandled(), before = sgis;
        for (int i = 1; i <= 3; i++) {
            Interrupts.controller().sendSgiToSelf(SELF_SGI);
            awaitSgis(before + i);
        }
        if (sgis != before + 3) return (sgis - before) + " of 3 SGIs reached the handler";
        if (lastSgi != SELF_SGI) return "the handler saw INTID " + lastSgi;
        if (sgiCpu != Cpu.mpidr()) return "the handler ran on CPU 0x" + Long.toHexString(sgiCpu);
        return Interrupts.unhandled() == unhandled ? null : (Interrupts.unhandled() - unhandled) + " unhandled, the last INTID "
                + Interrupts.lastUnhandled();
    }

    private static String sgiReachesOtherCpus() {
        int listed = Processors.listed();
        if (Interrupts.cpuCount() != listed) return Interrupts.cpuCount() + " of " + listed + " CPUs take interrupts";
        Interrupts.register(OTHER_CPU_SGI, InterruptTests::countSgi);
        long self = Cpu.mpidr();
        int reached = 0;
        for (int i = 0; i < Interrupts.cpuCount(); i++) {
            long target = Interrupts.cpuMpidr(i);
            if (target == self) continue;
            long before = sgis;
            if (!Interrupts.controller().sendSgi(OTHER_CPU_SGI, target)) return "the GIC does not know CPU 0x" + Long.toHexString(target);
            awaitSgis(before + 1);
            // Settle: an SGI that went to two CPUs would count twice.
            long settle = Timer.nanos();
            while (Timer.nanos() - settle < 2_000_000L) {
                // Nothing: time for a second, wrong delivery to arrive.
            }
            if (sgis != before + 1) return (sgis - before) + " deliveries of the SGI sent to CPU 0x" + Long.toHexString(target);
            if (lastSgi != OTHER_CPU_SGI) return "the handler saw INTID " + lastSgi;
            if (sgiCpu != target) return "CPU 0x" + Long.toHexString(sgiCpu) + " took the SGI sent to CPU 0x" + Long.toHexString(target);
            reached++;
        }
        return reached == listed - 1 ? null : reached + " of " + (listed - 1) + " other CPUs reached";
    }

    private static String unhandledSgiIsCounted() {
        System.out.flush(); // the log line is written straight to the UART, past System.out's buffer
        long before = Interrupts.unhandled(), logged = Interrupts.unhandledLogged();
        for (int i = 1; i <= 2; i++) {
            Interrupts.controller().sendSgiToSelf(UNHANDLED_SGI);
            long start = Timer.nanos();
            while (Interrupts.unhandled() < before + i && Timer.nanos() - start < SGI_WAIT_NANOS) {
                // Dispatch counts it in the interrupt.
            }
        }
        if (Interrupts.unhandled() != before + 2) return (Interrupts.unhandled() - before) + " of 2 counted as unhandled";
        if (Interrupts.lastUnhandled() != UNHANDLED_SGI) return "the last unhandled INTID is " + Interrupts.lastUnhandled();
        long lines = Interrupts.unhandledLogged() - logged;
        return lines == 1 ? null : lines + " log lines for 2 unhandled SGIs";
    }
}
