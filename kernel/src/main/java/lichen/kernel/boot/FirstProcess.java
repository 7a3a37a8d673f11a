package lichen.kernel.boot;

import lichen.api.Unsafe;
import lichen.arch.aarch64.Idle;
import lichen.arch.aarch64.Interrupts;
import lichen.arch.aarch64.SecondaryCpus;
import lichen.arch.aarch64.SmpExecution;
import lichen.kernel.dev.virtio.VirtioDevices;
import lichen.kernel.exec.ByteStrings;
import lichen.kernel.exec.Exec;
import lichen.kernel.net.KernelNetwork;
import lichen.kernel.tty.Console;
import lichen.kernel.proc.Process;
import lichen.kernel.proc.Processes;
import lichen.kernel.proc.UserTraps;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.sched.LoadAverage;
import lichen.libkernel.async.Executor;
import lichen.libkernel.boot.CommandLine;

/**
 * Starts init, the first user process, as the command line names it
 * (init=, default /init, with the words after "--" as its arguments), and
 * runs the processes until it ends. Linux panics when init exits; here the
 * kernel says how it ended and powers off, which is what QEMU's user wants.
 */
@Unsafe
public final class FirstProcess {
    /** The tick that preempts user programs: 100 Hz, CONFIG_HZ_100 as Debian's arm64 kernel is built. */
    static final int TICK_HZ = 100;

    private static boolean initEnded;

    private FirstProcess() {}

    /** Runs init from {@code files} until it ends; returns its wait status, or -1 when it could not be created. */
    public static int run(String bootargs, Exec.Files files) {
        CommandLine cl = CommandLine.parse(bootargs);
        boolean smp = bootargs != null && bootargs.contains("lichen.smp=on");
        Executor ex = smp ? KernelExecutor.create(SecondaryCpus.numbered()) : KernelExecutor.create();
        initEnded = false;
        Processes.useExecutor(ex, () -> initEnded = true);
        ex.setDeferredWork(() -> {
            Console.drainInput();
            VirtioDevices.completeInterrupted();
            LoadAverage.SYSTEM.sample(ex);
        });
        UserTraps.install();
        Exec.useFiles(files);
        byte[] path = ByteStrings.bytes(cl.init());
        byte[][] argv = ByteStrings.bytes(cl.argv()), envp = ByteStrings.bytes(cl.envp());
        Process init = Processes.startFirst("init", (p, frame) -> Exec.execve(p, frame, path, argv, envp));
        if (init == null) return -1;
        Interrupts.start(TICK_HZ);
        VirtioDevices.interruptsDriveCompletions(ex);
        KernelNetwork.start(ex); // the "net" task: eth0's frames and the stack's timers
        if (smp) SmpExecution.start(ex); // the other CPUs run tasks too, under the big kernel lock
        while (!initEnded) {
            ex.runUntilIdle();
            if (!initEnded) Idle.untilInterrupt(); // everyone is blocked: an interrupt (console input, a device, the tick) brings work
        }
        VirtioDevices.interruptsDriveCompletions(null);
        return init.waitStatus();
    }
}
