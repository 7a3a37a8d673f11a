package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Mmio;
import lichen.api.Unsafe;
import lichen.libkernel.async.Executor;

/**
 * Tasks on every CPU (docs/kernel.md, "SMP"), the first slice: one executor
 * with a run queue a CPU, and the big kernel lock around all kernel code, so
 * user code runs on all CPUs at once and the kernel on one at a time. Off
 * unless the command line says lichen.smp=on.
 *
 * <p>{@link #start} is called on the boot CPU, in kernel code, before the
 * other CPUs run anything but their idle loop: it turns the lock on (the boot
 * CPU holding it), makes tasks leave nothing behind on a CPU they stop
 * running on (StackContinuations), has a task placed on another CPU wake it
 * with an SGI, and sends each secondary CPU into {@link #runTasks}.
 */
@Unsafe
public final class SmpExecution {
    private static boolean on;
    private static Executor executor;

    private SmpExecution() {}

    /** Whether tasks run on the secondary CPUs. */
    public static boolean on() { return on; }

    public static void start(Executor ex) {
        if (on || SecondaryCpus.online() == 0) return;
        on = true;
        executor = ex;
        Cpu.bigLockEnable();
        StackContinuations.letTasksMove();
        ex.setKick(SecondaryCpus::wake);
        ex.setBetweenTurns(SmpExecution::letOthersIn);
        SecondaryCpus.runOnEach(() -> runTasks(ex));
    }

    /**
     * One line a CPU at power-off, for finding where time goes with tasks on every CPU: how often it took
     * the big kernel lock, how often and how long it waited for it, how often and how long it slept in
     * WFI; then the tasks placed on a CPU other than the one that made them runnable (each an IPI).
     */
    public static void report() {
        if (!on) return;
        long stats = KernelLayout.bigLockStats();
        for (int c = 0; c < SecondaryCpus.numbered(); c++) {
            long at = stats + 32L * c;
            System.out.println("lichen: smp: cpu" + c + " lock taken " + Mmio.read64(at) + ", waited " + Mmio.read64(at + 8)
                    + " times for " + Timer.nanosOf(Mmio.read64(at + 16)) / 1000 + " us; idle " + Idle.sleeps(c) + " times for "
                    + Idle.nanosAsleep(c) / 1000 + " us; " + executor.runnableOn(c) + " runnable");
        }
        System.out.println("lichen: smp: " + executor.placedElsewhere() + " tasks placed on another CPU, "
                + executor.contextSwitches() + " switches");
        System.out.flush();
    }

    /**
     * Between two turns: the lock given up and asked for again, behind the CPUs waiting for it (a ticket
     * lock), with IRQs masked meanwhile (a handler runs under the lock). Without it a CPU whose task
     * waits for a task of another CPU by yielding in a loop (PtraceAttach.attach) would keep the lock from
     * it for ever.
     */
    private static void letOthersIn() {
        boolean masked = Cpu.interruptsMasked();
        Cpu.disableInterrupts();
        Cpu.bigLockRelease();
        Cpu.bigLockAcquire();
        SecondaryCpus.leaveIfStopping();
        if (!masked) Cpu.enableInterrupts();
    }

    /**
     * A secondary CPU's life once tasks run on it, entered with IRQs masked: under the lock, its tick on,
     * placement told it runs tasks, then its run queue's tasks one turn after another, idle in WFI (without
     * the lock) when there are none, until the CPUs stop.
     */
    private static void runTasks(Executor ex) {
        Cpu.bigLockAcquire();
        SecondaryCpus.leaveIfStopping();
        Interrupts.startTickHere();
        ex.join((int) Cpu.cpuIndex());
        Cpu.enableInterrupts();
        while (true) {
            SecondaryCpus.leaveIfStopping();
            if (!ex.runOne()) Idle.untilKicked();
        }
    }
}
