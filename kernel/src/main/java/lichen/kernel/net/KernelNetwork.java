package lichen.kernel.net;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.arch.aarch64.Timer;
import lichen.arch.aarch64.TimerClock;
import lichen.kernel.dev.virtio.VirtioDevices;
import lichen.kernel.dev.virtio.VirtioNet;
import lichen.libkernel.async.Executor;
import lichen.libkernel.async.Task;
import lichen.libkernel.async.WakeReason;
import lichen.net.stack.IpInterface;
import lichen.net.stack.NetStack;

/**
 * The kernel's one TCP/IP stack (docs/net.md) and what drives it. The
 * loopback "lo" is up with 127.0.0.1/8 from boot, as Linux's is after
 * {@code ip link set lo up}; the virtio-net device, when there is one, is
 * "eth0", attached down and without an address until ifconfig (or ip)
 * configures it (InterfaceIoctls).
 *
 * <p>The stack never runs on its own. Two things call it: every socket call,
 * which ends with {@link #flush} so that what it queued on the loopback is
 * delivered before it returns (and a peer's data or window update wakes its
 * reader at once); and the "net" kernel task ({@link #run}), which takes
 * eth0's received frames and fires the stack's timers. That task sleeps on
 * the receive queue until a frame's interrupt (VirtioDevices' deferred work
 * wakes it), the stack's next deadline, or a socket call that armed an
 * earlier timer ({@link #flush} wakes it). Frames are taken in the task,
 * never in the interrupt handler: the stack allocates (a new connection).
 *
 * <p>Serialisation: the stack is single-threaded code. On one CPU the
 * executor runs one task at a time and neither the task nor a socket call
 * sleeps inside the stack, so calls never interleave; with lichen.smp=on
 * every CPU runs kernel code under the big kernel lock (docs/kernel.md,
 * SMP), which serialises them the same way.
 */
public final class KernelNetwork {
    private static NetStack stack;
    private static IpInterface eth0;
    private static VirtioNet nic;
    private static Executor executor;
    private static Task task;
    /** The deadline the task sleeps until: a socket call that arms an earlier timer wakes it. */
    private static long sleepingUntil = Executor.NO_DEADLINE;
    private static byte[] frame;

    private KernelNetwork() {}

    /** The stack, made on first use (at boot, or by the first socket on a kernel without a task). */
    public static NetStack stack() {
        if (stack == null) {
            stack = new NetStack(new TimerClock(), Timer.nanos() ^ 0x5deece66dL);
            nic = VirtioDevices.net();
            if (nic != null) {
                eth0 = stack.attach(nic, 0, 0, 0);
                eth0.up = false;
            }
        }
        return stack;
    }

    /** eth0, or null on a machine without a network device. */
    public static IpInterface ethernet() {
        stack();
        return eth0;
    }

    /** Starts the "net" task on {@code ex}, the executor that runs processes. */
    public static void start(Executor ex) {
        stack();
        executor = ex;
        frame = Kmem.newBytes(VirtioNet.MAX_FRAME);
        task = ex.spawn("net", KernelNetwork::run);
    }

    /**
     * After a socket call: delivers what the loopback holds and fires what
     * is due, and wakes the task if its sleep now ends too late.
     */
    public static void flush() {
        if (stack == null) return;
        stack.poll();
        if (task != null && stack.nextDeadline() < sleepingUntil) {
            sleepingUntil = 0;
            executor.wake(task, WakeReason.WOKEN);
        }
    }

    @Async
    private static void run() {
        while (true) {
            if (nic != null) {
                int n;
                while ((n = nic.receive(frame, 0)) > 0) stack.receive(eth0, frame, 0, n);
            }
            stack.poll();
            long deadline = stack.nextDeadline();
            sleepingUntil = deadline;
            if (nic != null) nic.sleepUntilFrame(deadline);
            else executor.block(deadline, false);
            sleepingUntil = Executor.NO_DEADLINE;
        }
    }
}
