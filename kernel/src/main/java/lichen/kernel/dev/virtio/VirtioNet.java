package lichen.kernel.dev.virtio;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.arch.aarch64.VirtioMmio;
import lichen.net.stack.NetworkInterface;

/**
 * A virtio network device (virtio v1.2 section 5.1), the device layer only:
 * receiveq1 (queue 0) holds {@link #RX_BUFFERS} device-writable buffers,
 * each reposted once its frame is taken; transmitq1 (queue 1) sends a frame
 * from one of {@link #TX_BUFFERS} buffers. Every buffer starts with the
 * 12-byte virtio_net_hdr (5.1.6: with VIRTIO_F_VERSION_1 it always has
 * num_buffers), all zero on transmit: no checksum offload, no segmentation,
 * and merged receive buffers are not negotiated, so a frame is one buffer.
 * The MAC comes from the configuration space with VIRTIO_NET_F_MAC.
 *
 * <p>It is the stack's {@link NetworkInterface} ("eth0"): {@link #transmit}
 * copies the frame into a free buffer and returns without waiting (false when
 * all 32 are in flight, as a full queue drops); sent buffers come back as
 * the device uses them. Received frames are taken with {@link #receive}
 * (and {@link #awaitFrame}, or {@link #sleepUntilFrame} for the network task,
 * kernel/net/KernelNetwork, which hands them to the stack).
 */
@Unsafe
public final class VirtioNet implements NetworkInterface {
    /** The largest frame sent or received: 1514 bytes (an MTU of 1500, no frame check sequence). */
    public static final int MAX_FRAME = 1514;
    /** Feature bits (5.1.3). */
    static final long F_MAC = 1L << 5;
    private static final int RECEIVE = 0, TRANSMIT = 1;
    private static final int HEADER = 12;
    /** Each buffer's bytes: the header and the largest frame, rounded so two fit a page. */
    private static final int BUFFER = 2048;
    static final int RX_BUFFERS = 16, TX_BUFFERS = 32;

    private final VirtioMmio transport;
    private final DriverQueue rx, tx;
    private final long rxBuffers, txBuffers;
    /** Which receive buffer each receive-queue head carries. */
    private final int[] rxBufferOf;
    /** Which transmit buffer each transmit-queue head carries. */
    private final int[] txBufferOf;
    private final int[] mac = new int[6];
    private final boolean[] txBusy = new boolean[TX_BUFFERS];
    private long sent, received, dropped;

    private VirtioNet(VirtioMmio transport, DriverQueue rx, DriverQueue tx, long rxBuffers, long txBuffers) {
        this.transport = transport;
        this.rx = rx;
        this.tx = tx;
        this.rxBuffers = rxBuffers;
        this.txBuffers = txBuffers;
        this.rxBufferOf = new int[rx.size()];
        this.txBufferOf = new int[tx.size()];
    }

    /** The driver for a transport whose device ID is NET, or null with the reason printed. */
    static VirtioNet start(VirtioMmio t) {
        if (t.negotiate(VirtioMmio.F_EVENT_IDX | F_MAC) < 0) return t.refuse("virtio-net", "features refused");
        DriverQueue rx = DriverQueue.create(t, RECEIVE, true), tx = DriverQueue.create(t, TRANSMIT, true);
        // 16 and 32 buffers of 2 KiB: order 3 (32 KiB) and order 4 (64 KiB), physically contiguous. A TCP window's
        // worth of segments goes out at once, and a frame that finds every buffer in flight is lost until an RTO.
        long rxMem = KernelAddressSpace.get().frames().allocPages(3), txMem = KernelAddressSpace.get().frames().allocPages(4);
        if (rx == null || tx == null || rxMem < 0 || txMem < 0 || rx.size() < RX_BUFFERS) return t.refuse("virtio-net", "no queues or no memory");
        VirtioNet n = new VirtioNet(t, rx, tx, rxMem, txMem);
        for (int i = 0; i < 6; i++) n.mac[i] = t.has(F_MAC) ? t.config8(i) : i == 0 ? 0x02 : 0; // a local address without one
        t.enableInterrupt();
        t.driverOk();
        // 3.1.1: buffers may be offered once DRIVER_OK is set.
        for (int i = 0; i < RX_BUFFERS; i++) n.post(i);
        return n;
    }

    DriverQueue receiveQueue() { return rx; }

    DriverQueue transmitQueue() { return tx; }

    public VirtioMmio transport() { return transport; }

    /** Frames sent, received, and received ones too long for a buffer (dropped). */
    public long sent() { return sent; }

    public long received() { return received; }

    public long dropped() { return dropped; }

    /** Byte {@code i} (0 to 5) of the MAC address. */
    public int macByte(int i) { return mac[i]; }

    @Override
    public String name() { return "eth0"; }

    @Override
    public long macAddress() {
        long m = 0;
        for (int i = 0; i < 6; i++) m = m << 8 | mac[i];
        return m;
    }

    @Override
    public int mtu() { return 1500; }

    @Override
    public boolean usesArp() { return true; }

    /** The MAC as six hex pairs. */
    public String macText() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) s.append(':');
            if (mac[i] < 16) s.append('0');
            s.append(Integer.toHexString(mac[i]));
        }
        return s.toString();
    }

    /** Offers receive buffer {@code i} to the device; no wait: one descriptor per buffer, and the queue has room for all. */
    private void post(int i) {
        int head = rx.takeFreeDescriptor();
        rxBufferOf[head] = i;
        rx.setBuffer(head, rxBuffers + (long) BUFFER * i, BUFFER, true);
        rx.submit(head);
    }

    /** Copies the oldest frame received into {@code dst} at {@code off} (room for MAX_FRAME); its length, or 0 when none waits. */
    public int receive(byte[] dst, int off) {
        while (true) {
            int head = rx.takeCompleted();
            if (head < 0) return 0;
            int i = rxBufferOf[head];
            int len = rx.lastWritten() - HEADER;
            if (len <= 0 || len > MAX_FRAME) {
                dropped++;
                post(i);
                continue;
            }
            Mem.copyToArray(rxBuffers + (long) BUFFER * i + HEADER, dst, off, len);
            post(i);
            received++;
            return len;
        }
    }

    /** Waits until a frame waits or the absolute {@code deadline} (kernel clock nanoseconds) passes; false at the deadline or on a signal. */
    @Async
    public boolean awaitFrame(long deadline) { return rx.awaitCompletion(deadline); }

    /** Sleeps once until a frame may wait, the absolute {@code deadline}, or another wake of the calling task. */
    @Async
    public void sleepUntilFrame(long deadline) { rx.sleepOnce(deadline); }

    @Override
    public boolean transmit(byte[] frame, int off, int len) {
        if (len < 14 || len > MAX_FRAME || off < 0 || off > frame.length - len) return false;
        int head;
        while ((head = tx.takeCompleted()) >= 0) txBusy[txBufferOf[head]] = false; // sent: the buffer is free again
        int slot = -1;
        for (int i = 0; i < TX_BUFFERS && slot < 0; i++) if (!txBusy[i]) slot = i;
        if (slot < 0) return false;
        head = tx.tryChain(1);
        if (head < 0) return false;
        txBusy[slot] = true;
        txBufferOf[head] = slot;
        long at = txBuffers + (long) BUFFER * slot;
        Mem.zero(at, HEADER);
        Mem.copyFromArray(frame, off, at + HEADER, len);
        tx.setBuffer(head, at, HEADER + len, false);
        tx.submit(head);
        sent++;
        return true;
    }
}
