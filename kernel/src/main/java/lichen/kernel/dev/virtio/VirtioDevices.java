package lichen.kernel.dev.virtio;

import lichen.arch.aarch64.VirtioMmio;
import lichen.libkernel.async.Executor;
import lichen.libkernel.fdt.MachineDescription;

/**
 * The virtio-mmio devices the device tree lists (compatible "virtio,mmio",
 * Linux's Documentation/devicetree/bindings/virtio/mmio.yaml): each slot is
 * probed, and the first block, entropy and network devices get their
 * drivers. QEMU virt has 32 slots, most of them empty (device ID 0).
 *
 * <p>Completions are polled until {@link #interruptsDriveCompletions} names
 * the executor whose deferred work is {@link #completeInterrupted}
 * (DriverQueue says why).
 */
public final class VirtioDevices {
    private static VirtioBlock block;
    private static VirtioEntropy entropy;
    private static VirtioNet net;
    /** Each driven queue and its transport (a transport with two queues is listed twice, one after the other). */
    private static final DriverQueue[] queues = new DriverQueue[4];
    private static final VirtioMmio[] transports = new VirtioMmio[4];
    private static int count;
    private static Executor interruptExecutor;

    private VirtioDevices() {}

    /** Probes every slot; prints one line of what it found. */
    public static void start(MachineDescription m) {
        if (m == null) return;
        int legacy = 0;
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < m.virtioCount(); i++) {
            VirtioMmio t = VirtioMmio.probe(m.virtioBase(i), m.virtioIrq(i));
            if (t == null) {
                if (VirtioMmio.isLegacy(m.virtioBase(i))) legacy++;
                continue;
            }
            String at = " at 0x" + Long.toHexString(t.physicalBase()) + " (INTID " + t.intid() + ")";
            if (t.deviceId() == VirtioMmio.BLOCK && block == null) {
                block = VirtioBlock.start(t);
                if (block != null) {
                    add(t, block.queue());
                    found.append(", block").append(at).append(' ').append(block.size() >> 20).append(" MiB")
                            .append(block.readOnly() ? " read-only" : "").append(block.flushes() ? ", flush" : "");
                }
            } else if (t.deviceId() == VirtioMmio.ENTROPY && entropy == null) {
                entropy = VirtioEntropy.start(t);
                if (entropy != null) {
                    add(t, entropy.queue());
                    found.append(", entropy").append(at);
                }
            } else if (t.deviceId() == VirtioMmio.NET && net == null) {
                net = VirtioNet.start(t);
                if (net != null) {
                    add(t, net.receiveQueue());
                    add(t, net.transmitQueue());
                    found.append(", net").append(at).append(' ').append(net.macText());
                }
            } else {
                found.append(", device ").append(t.deviceId()).append(at).append(" without a driver");
            }
        }
        if (legacy > 0) found.append(", ").append(legacy).append(" legacy (version 1) device(s) left alone: QEMU needs -global virtio-mmio.force-legacy=false");
        if (found.length() > 0) System.out.println("virtio:" + found.substring(1));
    }

    private static void add(VirtioMmio t, DriverQueue q) {
        if (count == queues.length) return;
        transports[count] = t;
        queues[count++] = q;
    }

    /** After the last sync: the block device's requests, flushes and errors, for the log (test-persistence reads it). */
    public static void reportAtPowerOff() {
        if (block == null) return;
        System.out.println("lichen: " + block.summary());
        System.out.flush();
    }

    /** The block device, or null. */
    public static VirtioBlock block() { return block; }

    /** The network device, or null. */
    public static VirtioNet net() { return net; }

    /** The entropy device, or null. */
    public static VirtioEntropy entropy() { return entropy; }

    /** From now on (null: no longer) waiters in {@code ex}'s tasks sleep until an interrupt; ex runs {@link #completeInterrupted} as deferred work. */
    public static void interruptsDriveCompletions(Executor ex) { interruptExecutor = ex; }

    static Executor interruptExecutor() { return interruptExecutor; }

    /** Deferred work: for each device that interrupted, its used entries taken and their waiters woken. Cheap when none did. */
    public static void completeInterrupted() {
        if (!VirtioMmio.takeAnyInterrupted()) return;
        boolean hit = false;
        for (int i = 0; i < count; i++) {
            // One interrupt serves every queue of its transport: the flag is taken at the transport's first.
            if (i == 0 || transports[i] != transports[i - 1]) hit = transports[i].takeInterrupted();
            if (hit) queues[i].collect();
        }
    }
}
