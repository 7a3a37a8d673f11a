package lichen.kernel.selftest;

import lichen.api.Cpu;
import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.api.Unsafe;
import lichen.arch.aarch64.Interrupts;
import lichen.arch.aarch64.PowerOff;
import lichen.kernel.boot.DeviceTreeBlob;
import lichen.kernel.boot.MemorySetup;
import lichen.libkernel.async.Executor;
import lichen.arch.aarch64.Timer;
import lichen.arch.aarch64.Traps;

/**
 * The in-kernel tests that {@code just test-kernel} boots: each runs on the
 * real (emulated) machine, prints PASS or FAIL, and the verdict leaves QEMU as
 * its exit status through semihosting. The tests of issue 6 that need
 * interrupts, the MMU and tasks join as those parts are built.
 */
@Unsafe
public final class SelfTest {
    private static int passed, failed;
    /** The GIC version the test harness gave QEMU ("expect-gic=N" on the command line), else the tree's own; 0: not read. */
    private static int expectedGic;
    /** The kernel command line between spaces, as the harness gave it. */
    private static String bootArgs = " ";

    private SelfTest() {}

    /** The kernel entry of {@code just test-kernel}: the tests, then the verdict as QEMU's exit status. */
    public static void start(long deviceTree, long freeMemory) {
        PowerOff.useSemihosting(true);
        lichen.libkernel.fdt.MachineDescription machine = DeviceTreeBlob.read(deviceTree);
        if (machine != null) {
            expectedGic = expectedGic(machine);
            bootArgs = " " + machine.bootargs() + " ";
        }
        MemorySetup.start(machine, deviceTree);
        lichen.kernel.boot.Devices.configure(machine);
        lichen.kernel.dev.virtio.VirtioDevices.start(machine);
        lichen.kernel.boot.Processors.start(machine);
        lichen.kernel.fs.RootFilesystem.mountAtBoot(machine);
        int failures = runAll(deviceTree, freeMemory);
        System.out.flush();
        PowerOff.exit(failures == 0 ? 0 : 1);
    }

    /** Runs every test, prints a line for each and the summary; returns the number that failed. */
    public static int runAll(long deviceTree, long freeMemory) {
        passed = 0;
        failed = 0;
        System.out.println("Lichen self-test");
        MemoryTests.runAll();
        StackTests.runAll();
        check("slab objects are reused after Kmem.free", SelfTest::slabReuse);
        check("the timer counts forward", SelfTest::timerCountsForward);
        check("a breakpoint exception is taken and stepped over", SelfTest::breakpointIsTrapped);
        check("finally blocks run while an exception unwinds", SelfTest::finallyRunsDuringUnwinding);
        check("the device tree pointer is in RAM and holds the FDT magic", () -> deviceTreeMagic(deviceTree));
        InterruptTests.runAll(expectedGic);
        check("atomic words compare-and-set, add and swap", SelfTest::atomicWords);
        check("a @FloatingPoint method computes with the FP registers", SelfTest::floatingPointWhereMarked);
        check("a thousand tasks sleep on timers and wake in deadline order, none early", SelfTest::thousandSleepers);
        SchedulerTests.runAll();
        WaitQueueTests.runAll();
        FileSystemTests.runAll();
        PageCacheTests.runAll();
        VirtioBlockTests.runAll();
        VirtioEntropyTests.runAll();
        VirtioNetTests.runAll();
        PipeTests.runAll();
        UserModeTests.runAll();
        FileCallTests.runAll();
        UserCopyTests.runAll();
        ExecTests.runAll();
        NetworkTests.runAll();
        check("every CPU the device tree lists is online", SelfTest::everyCpuOnline);
        // Last: afterwards only this CPU runs, as after a panic.
        check("the other CPUs stop when asked (the panic and power-off path)", SelfTest::otherCpusStop);
        System.out.println(passed + " passed, " + failed + " failed");
        return failed;
    }

    /** scripts/run-kernel-test.sh passes expect-gic=2 or 3 with the GIC it asked QEMU for; without it, the tree's own. */
    private static int expectedGic(lichen.libkernel.fdt.MachineDescription machine) {
        String args = " " + machine.bootargs() + " ";
        if (args.indexOf(" expect-gic=2 ") >= 0) return 2;
        if (args.indexOf(" expect-gic=3 ") >= 0) return 3;
        return machine.gicVersion();
    }

    /** The harness put {@code word} on the command line (scripts/run-kernel-test.sh: expect-pan=1 on a CPU with PAN). */
    static boolean bootArgument(String word) { return bootArgs.indexOf(" " + word + " ") >= 0; }

    static void check(String name, KernelTest test) {
        String why = test.run();
        if (why == null) {
            passed++;
            System.out.println("PASS " + name);
        } else {
            failed++;
            System.out.println("FAIL " + name + ": " + why);
        }
    }

    @Slab
    private static final class Task {
        long id;
    }

    private static String slabReuse() {
        Task a = new Task();
        a.id = 7;
        Kmem.free(a);
        Task b = new Task();
        if (b != a) return "a freed slab object was not the next one handed out";
        if (b.id != 0) return "a reused slab object was not zeroed";
        Kmem.free(b);
        return null;
    }

    private static String timerCountsForward() {
        if (Timer.frequency() <= 0) return "CNTFRQ_EL0 is " + Timer.frequency();
        long first = Timer.nanos();
        long spin = 0;
        while (Timer.nanos() == first && spin < 10_000_000) spin++;
        long second = Timer.nanos();
        return second > first ? null : "the counter did not move: " + first + " then " + second;
    }

    private static String breakpointIsTrapped() {
        long before = Traps.breakpoints();
        Cpu.breakpoint();
        Cpu.breakpoint();
        long taken = Traps.breakpoints() - before;
        if (taken != 2) return "expected 2 breakpoint exceptions, saw " + taken;
        return Traps.lastBreakpointImmediate() == 0x4c ? null : "ESR immediate " + Traps.lastBreakpointImmediate();
    }

    private static int finallyRuns;

    private static void thrower() {
        try {
            throw new IllegalStateException("unwinding");
        } finally {
            finallyRuns++;
        }
    }

    private static String finallyRunsDuringUnwinding() {
        // The kernel cannot catch, so the unwinding is observed from inside: a finally in a caller runs and
        // then leaves the method another way than by the exception is impossible; check the inner finally
        // ran by running the thrower inside a try whose finally returns (javac accepts a return in finally).
        int before = finallyRuns;
        wrapper();
        return finallyRuns == before + 2 ? null : "finally ran " + (finallyRuns - before) + " times, expected 2";
    }

    @SuppressWarnings("finally")
    private static void wrapper() {
        try {
            thrower();
        } finally {
            finallyRuns++;
            return;
        }
    }

    private static Executor executor;
    private static long[] wakeDeadlines;
    private static int woken;

    /**
     * 1000 kernel tasks on their own stacks, each blocking until a deadline up to 40 ms after it
     * first runs (1 to 40 ms, so every task suspends), on the real timer (1 kHz tick); each records its deadline when it wakes, and the
     * records must come in deadline order, none of them early.
     */
    private static String thousandSleepers() {
        Interrupts.start(1000);
        executor = lichen.kernel.task.KernelExecutor.create();
        int n = 1000;
        wakeDeadlines = new long[n + 1];
        woken = 0;
        early = 0;
        for (int i = 0; i < n; i++) {
            long delay = (1 + i * 7919L % 40) * 1_000_000L;
            executor.spawn("sleeper", () -> sleepFor(delay));
        }
        executor.runUntilIdle();
        if (early != 0) return early + " tasks woke before their deadline";
        if (woken != n) return woken + " of " + n + " tasks woke";
        // Indexed by the order the timers woke them (Task.wakeSequence), the deadlines must not go down; which of
        // the tasks woken by one tick runs first is EEVDF's choice, so the order they run in is not the test.
        for (int i = 1; i <= n; i++) {
            if (wakeDeadlines[i] == 0) return "no task was woken " + i + "th";
            if (i > 1 && wakeDeadlines[i] < wakeDeadlines[i - 1]) return "the " + i + "th task woken had an earlier deadline than the one before";
        }
        return executor.liveTasks() == 0 ? null : executor.liveTasks() + " tasks still live";
    }

    private static int early;

    /** Blocks until an absolute deadline taken when the task first runs; records it when woken, or counts it early. */
    @lichen.api.Async
    private static void sleepFor(long delay) {
        long deadline = executor.now() + delay;
        executor.block(deadline, false);
        if (executor.now() < deadline) {
            early++;
            return;
        }
        long order = executor.current().wakeSequence();
        if (order >= 1 && order < wakeDeadlines.length) wakeDeadlines[(int) order] = deadline;
        woken++;
    }

    private static String everyCpuOnline() {
        int listed = lichen.kernel.boot.Processors.listed();
        long online = lichen.arch.aarch64.SecondaryCpus.online() + 1;
        return online == listed ? null : online + " of " + listed + " CPUs online";
    }

    private static String otherCpusStop() {
        long running = lichen.arch.aarch64.SecondaryCpus.stopAll();
        return running == 0 ? null : running + " CPUs still running";
    }

    private static String floatingPointWhereMarked() {
        long bits = rootBits(2);
        // sqrt(2) as IEEE 754 binary64: 0x3FF6A09E667F3BCD, the correctly rounded value (FSQRT rounds exactly).
        return bits == 0x3FF6_A09E_667F_3BCDL ? null : "sqrt(2) gave 0x" + Long.toHexString(bits);
    }

    /** A @FloatingPoint method uses the registers a user thread's state may be in: that state goes to its frame first. */
    @lichen.api.FloatingPoint
    private static long rootBits(long n) {
        lichen.api.Cpu.releaseUserFp();
        return Double.doubleToRawLongBits(Math.sqrt(n));
    }

    private static String atomicWords() {
        lichen.api.AtomicWord w = new lichen.api.AtomicWord(5);
        if (!w.compareAndSet(5, 9) || w.get() != 9) return "compareAndSet(5, 9) on 5 left " + w.get();
        if (w.compareAndSet(5, 1) || w.get() != 9) return "compareAndSet(5, 1) on 9 succeeded";
        if (w.getAndAdd(3) != 9 || w.get() != 12) return "getAndAdd(3) on 9 gave " + w.get();
        if (w.getAndSet(-1) != 12 || w.get() != -1) return "getAndSet(-1) on 12 gave " + w.get();
        return null;
    }

    private static String deviceTreeMagic(long deviceTree) {
        if (deviceTree == 0 || (deviceTree & 7) != 0) return "device tree pointer 0x" + Long.toHexString(deviceTree);
        int magic = lichen.api.Mem.load32(deviceTree);
        // FDT header magic 0xd00dfeed, big-endian (devicetree specification v0.4, 5.2).
        return Integer.reverseBytes(magic) == 0xd00dfeed ? null : "magic 0x" + Integer.toHexString(Integer.reverseBytes(magic));
    }
}
