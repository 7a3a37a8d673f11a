package lichen.arch.aarch64;

import lichen.api.Irq;
import lichen.api.Mem;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * One virtio-mmio transport, the modern interface (virtio v1.2 section 4.2.2,
 * Version 2; QEMU gives it with {@code -global virtio-mmio.force-legacy=false}):
 * the register block the device tree's {@code virtio,mmio} node names, the
 * status handshake of 3.1.1 (ACKNOWLEDGE, DRIVER, features, FEATURES_OK,
 * queues, DRIVER_OK), feature negotiation 32 bits at a time, queue set-up by
 * physical address (QueueDesc/Driver/Device Low and High), notification, the
 * configuration space read under ConfigGeneration (4.2.2.2), and the
 * interrupt: acknowledged in the handler (InterruptStatus to InterruptACK,
 * 4.2.3.4) and left as a flag for task context, which takes the used entries
 * and wakes the waiters (as the console's receive interrupt leaves bytes).
 */
@Unsafe
public final class VirtioMmio {
    private static final int MAGIC = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, DEVICE_FEATURES = 0x010,
            DEVICE_FEATURES_SEL = 0x014, DRIVER_FEATURES = 0x020, DRIVER_FEATURES_SEL = 0x024, QUEUE_SEL = 0x030,
            QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038, QUEUE_READY = 0x044, QUEUE_NOTIFY = 0x050,
            INTERRUPT_STATUS = 0x060, INTERRUPT_ACK = 0x064, STATUS = 0x070, QUEUE_DESC_LOW = 0x080,
            QUEUE_DESC_HIGH = 0x084, QUEUE_DRIVER_LOW = 0x090, QUEUE_DRIVER_HIGH = 0x094, QUEUE_DEVICE_LOW = 0x0a0,
            QUEUE_DEVICE_HIGH = 0x0a4, CONFIG_GENERATION = 0x0fc, CONFIG = 0x100;
    /** "virt" in little-endian. */
    private static final int MAGIC_VALUE = 0x74726976;
    /** Device status bits (2.1). */
    public static final int ACKNOWLEDGE = 1, DRIVER = 2, DRIVER_OK = 4, FEATURES_OK = 8, FAILED = 128;
    /** Device-independent feature bits (6): the ring's event index, and the modern interface. */
    public static final long F_EVENT_IDX = 1L << 29, F_VERSION_1 = 1L << 32;
    /** Device IDs (5). */
    public static final int NET = 1, BLOCK = 2, ENTROPY = 4;

    private static volatile boolean anyInterrupted;

    private final long regs;
    private final long physical;
    private final int intid;
    private long features;
    private volatile boolean interrupted;
    private volatile long interrupts;

    private VirtioMmio(long regs, long physical, int intid) {
        this.regs = regs;
        this.physical = physical;
        this.intid = intid;
    }

    /**
     * The transport at physical {@code pa} with interrupt {@code intid}, or null when it is
     * not a modern virtio-mmio device or has no device behind it (device ID 0: QEMU virt's
     * unused slots).
     */
    public static VirtioMmio probe(long pa, int intid) {
        long regs = Mmu.virtualOf(pa);
        if (Mmio.read32(regs + MAGIC) != MAGIC_VALUE || Mmio.read32(regs + VERSION) != 2) return null;
        if (Mmio.read32(regs + DEVICE_ID) == 0) return null;
        return new VirtioMmio(regs, pa, intid);
    }

    /** Whether the register block at {@code pa} speaks only the legacy interface (Version 1): QEMU without force-legacy=false. */
    public static boolean isLegacy(long pa) {
        long regs = Mmu.virtualOf(pa);
        return Mmio.read32(regs + MAGIC) == MAGIC_VALUE && Mmio.read32(regs + VERSION) == 1 && Mmio.read32(regs + DEVICE_ID) != 0;
    }

    public int deviceId() { return Mmio.read32(regs + DEVICE_ID); }

    public long physicalBase() { return physical; }

    public int intid() { return intid; }

    /**
     * 3.1.1 steps 1 to 6: reset, ACKNOWLEDGE, DRIVER, then the features both sides have of
     * {@code wanted} (VIRTIO_F_VERSION_1 is required: without it the device is legacy) and
     * FEATURES_OK, which the device must keep set. Returns the features agreed, or -1 with
     * FAILED set when the device refused them.
     */
    public long negotiate(long wanted) {
        status(0);
        while (Mmio.read32(regs + STATUS) != 0) { } // reset completes when the device reads back 0 (4.2.3.1)
        status(ACKNOWLEDGE);
        status(ACKNOWLEDGE | DRIVER);
        long offered = 0;
        for (int sel = 0; sel < 2; sel++) {
            Mmio.write32(regs + DEVICE_FEATURES_SEL, sel);
            offered |= (Mmio.read32(regs + DEVICE_FEATURES) & 0xFFFF_FFFFL) << (32 * sel);
        }
        long agreed = offered & (wanted | F_VERSION_1);
        if ((agreed & F_VERSION_1) == 0) {
            status(FAILED);
            return -1;
        }
        for (int sel = 0; sel < 2; sel++) {
            Mmio.write32(regs + DRIVER_FEATURES_SEL, sel);
            Mmio.write32(regs + DRIVER_FEATURES, (int) (agreed >>> (32 * sel)));
        }
        status(ACKNOWLEDGE | DRIVER | FEATURES_OK);
        if ((Mmio.read32(regs + STATUS) & FEATURES_OK) == 0) {
            status(FAILED);
            return -1;
        }
        features = agreed;
        return agreed;
    }

    /** The features {@link #negotiate} agreed. */
    public long features() { return features; }

    public boolean has(long feature) { return (features & feature) != 0; }

    /** QueueNumMax of queue {@code q}: 0 when the device has no such queue. */
    public int queueMax(int q) {
        Mmio.write32(regs + QUEUE_SEL, q);
        return Mmio.read32(regs + QUEUE_NUM_MAX);
    }

    /** 4.2.3.2: queue {@code q} of {@code size} entries at these physical addresses, then QueueReady. */
    public void setUpQueue(int q, int size, long descriptors, long driverArea, long deviceArea) {
        Mmio.write32(regs + QUEUE_SEL, q);
        Mmio.write32(regs + QUEUE_NUM, size);
        Mmio.write32(regs + QUEUE_DESC_LOW, (int) descriptors);
        Mmio.write32(regs + QUEUE_DESC_HIGH, (int) (descriptors >>> 32));
        Mmio.write32(regs + QUEUE_DRIVER_LOW, (int) driverArea);
        Mmio.write32(regs + QUEUE_DRIVER_HIGH, (int) (driverArea >>> 32));
        Mmio.write32(regs + QUEUE_DEVICE_LOW, (int) deviceArea);
        Mmio.write32(regs + QUEUE_DEVICE_HIGH, (int) (deviceArea >>> 32));
        Mmio.write32(regs + QUEUE_READY, 1);
    }

    /** 3.1.1 step 8: the driver is ready; the device may use its queues from now on. */
    public void driverOk() { status(ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK); }

    /** Gives up on the device (3.1.1: FAILED). */
    public void fail() { status(FAILED); }

    /** Gives up on the device and says why ("virtio-blk at 0xa003e00: why"); null, for a driver's start to return. */
    public <T> T refuse(String driver, String why) {
        fail();
        System.out.println(driver + " at 0x" + Long.toHexString(physical) + ": " + why);
        return null;
    }

    private void status(int s) { Mmio.write32(regs + STATUS, s); }

    /** Tells the device queue {@code q} has new buffers; the barrier puts the ring's stores before the register write. */
    public void notifyQueue(int q) {
        Mem.barrier();
        Mmio.write32(regs + QUEUE_NOTIFY, q);
    }

    /** A 32-bit field of the device configuration at {@code offset}, consistent under ConfigGeneration (4.2.2.2). */
    public int config32(int offset) {
        int generation, v;
        do {
            generation = Mmio.read32(regs + CONFIG_GENERATION);
            v = Mmio.read32(regs + CONFIG + offset);
        } while (generation != Mmio.read32(regs + CONFIG_GENERATION));
        return v;
    }

    /** A 64-bit field, read as two 32-bit halves in one configuration generation. */
    public long config64(int offset) {
        int generation;
        long v;
        do {
            generation = Mmio.read32(regs + CONFIG_GENERATION);
            v = (Mmio.read32(regs + CONFIG + offset) & 0xFFFF_FFFFL) | ((long) Mmio.read32(regs + CONFIG + offset + 4) << 32);
        } while (generation != Mmio.read32(regs + CONFIG_GENERATION));
        return v;
    }

    /** A byte of the configuration (a MAC address's). */
    public int config8(int offset) { return Mmio.read8(regs + CONFIG + offset); }

    /** Takes the device's interrupt from now on; false without an interrupt controller or an interrupt. */
    public boolean enableInterrupt() {
        if (Interrupts.controller() == null || intid < 0) return false;
        Interrupts.register(intid, this::interrupt);
        return true;
    }

    @Irq
    private void interrupt(int id) {
        int status = Mmio.read32(regs + INTERRUPT_STATUS);
        Mmio.write32(regs + INTERRUPT_ACK, status);
        interrupts = interrupts + 1;
        interrupted = true;
        anyInterrupted = true;
    }

    /** Interrupts taken so far. */
    public long interrupts() { return interrupts; }

    /** Whether an interrupt came since the last call (which clears it): task context then looks at the used rings. */
    public boolean takeInterrupted() {
        if (!interrupted) return false;
        interrupted = false;
        return true;
    }

    /** Whether some transport's interrupt came since {@link #takeAnyInterrupted}: Idle does not sleep over it. */
    public static boolean anyInterrupted() { return anyInterrupted; }

    public static boolean takeAnyInterrupted() {
        if (!anyInterrupted) return false;
        anyInterrupted = false;
        return true;
    }
}
