package lichen.kernel.selftest;

import lichen.api.Cpu;
import lichen.api.Irq;
import lichen.api.Unsafe;
import lichen.arch.aarch64.InterruptController;
import lichen.arch.aarch64.Interrupts;
import lichen.arch.aarch64.Timer;

/**
 * Interrupts on the machine, through whichever GIC the device tree names:
 * the timer's ticks reach their registered handler, a software-generated
 * interrupt reaches its own, and nothing arrives unhandled.
 */
@Unsafe
final class InterruptTests {
    private InterruptTests() {}

    /** The SGI the test raises (0-15 are SGIs; the kernel uses none of them yet). */
    private static final int TEST_SGI = 3;
    private static volatile long sgis;
    private static volatile int lastSgi = -1;

    static void runAll(int expectedGicVersion) {
        SelfTest.check("the GIC driven is the one the device tree names", () -> gicMatches(expectedGicVersion));
        SelfTest.check("timer interrupts arrive through the GIC at the tick's handler and are counted", InterruptTests::timerTicks);
        SelfTest.check("a software-generated interrupt reaches its registered handler", InterruptTests::sgiArrives);
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

    @Irq
    private static void countSgi(int intid) {
        sgis = sgis + 1;
        lastSgi = intid;
    }

    private static String sgiArrives() {
        Interrupts.register(TEST_SGI, InterruptTests::countSgi);
        long unhandled = Interrupts.unhandled();
        for (int i = 0; i < 3; i++) {
            Interrupts.controller().sendSgiToSelf(TEST_SGI);
            long start = Timer.nanos();
            while (sgis <= i && Timer.nanos() - start < 10_000_000L) Cpu.waitForInterrupt();
        }
        if (sgis != 3) return sgis + " of 3 SGIs reached the handler";
        if (lastSgi != TEST_SGI) return "the handler saw INTID " + lastSgi;
        return Interrupts.unhandled() == unhandled ? null : (Interrupts.unhandled() - unhandled) + " unhandled, the last INTID "
                + Interrupts.lastUnhandled();
    }
}
