package lichen.arch.aarch64;

import lichen.api.AtomicWord;
import lichen.api.Cpu;
import lichen.api.Mmio;
import lichen.api.Unsafe;
import lichen.libkernel.Errno;

/**
 * The CPUs besides the boot CPU. {@link #start} asks the firmware to start
 * each one the device tree lists (PSCI CPU_ON, Arm DEN0022 5.1.4) at boot.S's
 * lichen_secondary_entry, which turns its MMU on with the bootstrap tables,
 * moves to the kernel's own tables and a guarded kernel stack, and calls
 * {@link #main}. There is no scheduler on them yet: each turns its part of
 * the GIC on and unmasks IRQs (so SGIs from other CPUs reach it), reports
 * itself online and waits in WFI, and {@link #stopAll} (the panic and
 * power-off path) wakes every one of them with {@link #WAKE_SGI} and makes it
 * leave through PSCI CPU_OFF.
 *
 * <p>The runtime's allocator is not shared between CPUs yet, so nothing
 * here allocates on a secondary CPU.
 */
@Unsafe
public final class SecondaryCpus {
    /** The CPUs boot.S's lichen_secondary_boot block has stack slots for. */
    public static final int MAX_CPUS = 64;
    private static final long PSCI_CPU_ON = 0xC400_0003L, PSCI_CPU_OFF = 0x8400_0002L;
    /** How long a CPU may take to come online or to stop. */
    private static final long WAIT_NANOS = 200_000_000L;
    /** The SGI that ends an idle CPU's WFI (stopAll's; its handler does nothing, the wake-up is the point). */
    public static final int WAKE_SGI = 0;

    private static final AtomicWord online = new AtomicWord(0);
    /** Each logical CPU number's MPIDR (what an SGI is addressed by), for the numbers below {@link #numbered}. */
    private static final long[] mpidrOfNumber = new long[MAX_CPUS];
    /** Logical numbers given out: the boot CPU's and one for each CPU start tried to bring online. */
    private static int numbered = 1;
    /** What the secondary CPUs do instead of idling (SmpExecution's task loop), or null; returns when stopping. */
    private static volatile Runnable work;
    private static final AtomicWord stopped = new AtomicWord(0);
    private static volatile boolean stopping;

    private SecondaryCpus() {}

    /** Secondary CPUs running now. */
    public static long online() { return online.get() - stopped.get(); }

    /**
     * Starts every CPU in {@code mpidrs} but this one; returns how many came online. A CPU
     * the firmware refuses or that does not come online in time is reported and skipped.
     */
    public static int start(long[] mpidrs) {
        KernelAddressSpace space = KernelAddressSpace.get();
        long block = KernelLayout.secondaryBoot();
        Mmio.write64(block, Mmu.userRoot());
        Mmio.write64(block + 8, Mmu.kernelTable().root().raw());
        long entry = KernelLayout.imagePhysical(KernelLayout.secondaryEntry());
        long self = Cpu.mpidr();
        mpidrOfNumber[0] = self;
        int started = 0;
        if (Interrupts.controller() != null) Interrupts.register(WAKE_SGI, intid -> {});
        int number = 0; // the logical number the next CPU gets: the boot CPU is 0, the others follow in the tree's order
        for (int i = 0; i < mpidrs.length && number + 1 < MAX_CPUS; i++) {
            if (mpidrs[i] == self) continue;
            number++;
            long top = space.mapStack();
            if (Errno.isError(top)) {
                System.out.println("cpu " + number + ": no stack (" + top + ")");
                continue;
            }
            Mmio.write64(block + 16 + 8L * number, top);
            mpidrOfNumber[number] = mpidrs[i];
            numbered = number + 1;
            long before = online.get();
            long rc = Cpu.psci(PSCI_CPU_ON, mpidrs[i], entry, number);
            if (rc != 0) {
                System.out.println("cpu " + number + " (MPIDR 0x" + Long.toHexString(mpidrs[i]) + "): PSCI CPU_ON refused: " + rc);
                space.unmapStack(top);
                continue;
            }
            long deadline = Timer.nanos() + WAIT_NANOS;
            while (online.get() == before && Timer.nanos() < deadline) {
                // Spin: a CPU that never comes sends no event to wake a WFE.
            }
            if (online.get() == before) System.out.println("cpu " + number + ": did not come online");
            else started++;
        }
        return started;
    }

    /** A secondary CPU's first Java code (boot.S), on its own stack, {@code number} in TPIDR_EL1; never returns. */
    static void main(long number) {
        PrivilegedAccessNever.enableIfImplemented();
        boolean takesInterrupts = Interrupts.joinThisCpu();
        online.getAndAdd(1);
        Cpu.sendEvent();
        idleUntilStopping(takesInterrupts);
        Cpu.disableInterrupts();
        stopped.getAndAdd(1);
        Cpu.sendEvent();
        Cpu.psci(PSCI_CPU_OFF, 0, 0, 0);
        while (true) Cpu.waitForInterrupt();
    }

    /**
     * Waits for {@link #stopAll}: in WFI when this CPU takes interrupts, because
     * QEMU's TCG runs WFE as a yield, so a WFE loop keeps a host core busy the
     * whole time (on a 2-core host, half of what the CPU running processes could
     * have). IRQs are masked around the test of {@code stopping}, so stopAll's
     * SGI cannot be taken between the test and the WFI; a pending interrupt ends
     * WFI even while masked (ARM ARM D1.16.2), and is taken once unmasked.
     */
    private static void idleUntilStopping(boolean takesInterrupts) {
        if (!takesInterrupts) {
            while (!stopping) Cpu.waitForEvent();
            return;
        }
        while (true) {
            Cpu.disableInterrupts();
            if (stopping) return;
            Runnable w = work;
            if (w != null) {
                w.run();
                return;
            }
            Cpu.waitForInterrupt();
            Cpu.enableInterrupts();
        }
    }

    /**
     * Every secondary CPU online runs {@code w} (entered with IRQs masked, on its own stack) instead of
     * idling; {@code w} returns once {@link #stopping()}. The CPUs are woken for it.
     */
    public static void runOnEach(Runnable w) {
        work = w;
        for (int n = 1; n < numbered; n++) wake(n);
    }

    /** Ends a WFI on logical CPU {@code number} (an SGI); nothing for this CPU or one there is not. */
    public static void wake(int number) {
        InterruptController gic = Interrupts.controller();
        if (gic == null || number < 0 || number >= numbered || number == Cpu.cpuIndex()) return;
        gic.sendSgi(WAKE_SGI, mpidrOfNumber[number]);
    }

    /** Logical CPU numbers given out (the boot CPU's included): the size of a table by CPU number. */
    public static int numbered() { return numbered; }

    /** Whether {@link #stopAll} has begun. */
    public static boolean stopping() { return stopping; }

    /**
     * On a secondary CPU that holds the big kernel lock: when the CPUs are stopping, gives the lock up and
     * leaves through PSCI CPU_OFF at once, from whatever it was doing. Returns otherwise.
     */
    public static void leaveIfStopping() {
        if (!stopping || Cpu.cpuIndex() == 0) return;
        Cpu.disableInterrupts();
        Cpu.bigLockRelease();
        stopped.getAndAdd(1);
        Cpu.sendEvent();
        Cpu.psci(PSCI_CPU_OFF, 0, 0, 0);
        while (true) Cpu.waitForInterrupt();
    }

    /** Makes every secondary CPU stop; returns how many are still running after the wait (0). */
    public static long stopAll() {
        stopping = true;
        // A CPU waiting for the big kernel lock leaves as soon as it has it (leaveIfStopping).
        if (Cpu.bigLockHolder() == 1 + Cpu.cpuIndex()) Cpu.bigLockRelease();
        Cpu.sendEvent();
        InterruptController gic = Interrupts.controller();
        long self = Cpu.mpidr();
        for (int i = 0; gic != null && i < Interrupts.cpuCount(); i++) {
            if (Interrupts.cpuMpidr(i) != self) gic.sendSgi(WAKE_SGI, Interrupts.cpuMpidr(i));
        }
        long deadline = Timer.nanos() + WAIT_NANOS;
        while (stopped.get() < online.get() && Timer.nanos() < deadline) {
            // Spin, as in start.
        }
        return online();
    }
}
