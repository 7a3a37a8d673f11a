package lichen.kernel.dev.virtio;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.arch.aarch64.VirtioMmio;
import lichen.fs.Errno;
import lichen.fs.block.BlockDevice;
import lichen.libkernel.async.Executor;
import lichen.libkernel.sync.WaitQueue;

/**
 * A virtio block device (virtio v1.2 section 5.2) as a {@link BlockDevice}:
 * one request queue; each request a chain of three descriptors, the header
 * the device reads ({@code le32 type, le32 reserved, le64 sector}), the data
 * and the status byte the device writes (5.2.6). Reads are VIRTIO_BLK_T_IN,
 * writes VIRTIO_BLK_T_OUT, {@link #flush} VIRTIO_BLK_T_FLUSH when
 * VIRTIO_BLK_F_FLUSH was negotiated (without it the device writes through,
 * 5.2.6.2, and a flush has nothing to do). VIRTIO_BLK_F_RO makes it read-only.
 *
 * <p>Data goes through bounce buffers in physically contiguous pages (the
 * callers' arrays are not DMA memory): {@link #SLOTS} requests may be in
 * flight, each with {@link #BOUNCE} bytes. Byte ranges that do not start or
 * end on a 512-byte sector are read whole sectors and copied (and written
 * read-modify-write), so any caller's range works.
 */
@Unsafe
public final class VirtioBlock implements BlockDevice {
    private static final int T_IN = 0, T_OUT = 1, T_FLUSH = 4;
    private static final int S_OK = 0;
    /** Feature bits (5.2.3). */
    static final long F_RO = 1L << 5, F_FLUSH = 1L << 9;
    private static final int SECTOR = 512;
    /** Requests in flight at once, and the bytes of each one's bounce buffer (order 4: 64 KiB). */
    static final int SLOTS = 4;
    private static final int BOUNCE_ORDER = 4;
    static final int BOUNCE = 4096 << BOUNCE_ORDER;

    private final VirtioMmio transport;
    private final DriverQueue queue;
    private final long capacity;
    private final boolean readOnly, flushes;
    /** One page: slot i's header at 32 i, its status byte at 32 i + 16. */
    private final long headers;
    private final long[] bounce = new long[SLOTS];
    private final boolean[] busy = new boolean[SLOTS];
    private final WaitQueue slotWaiters = new WaitQueue();
    private long requests, errors, flushed;

    private VirtioBlock(VirtioMmio transport, DriverQueue queue, long capacity, long headers) {
        this.transport = transport;
        this.queue = queue;
        this.capacity = capacity;
        this.readOnly = transport.has(F_RO);
        this.flushes = transport.has(F_FLUSH);
        this.headers = headers;
    }

    /** The driver for a transport whose device ID is BLOCK (3.1.1's initialisation), or null with the reason printed. */
    static VirtioBlock start(VirtioMmio t) {
        if (t.negotiate(VirtioMmio.F_EVENT_IDX | F_RO | F_FLUSH) < 0) return t.refuse("virtio-blk", "features refused");
        DriverQueue q = DriverQueue.create(t, 0);
        long headers = KernelAddressSpace.get().frames().allocPages(0);
        if (q == null || headers < 0) return t.refuse("virtio-blk", "no request queue");
        VirtioBlock b = new VirtioBlock(t, q, t.config64(0) * SECTOR, headers);
        for (int i = 0; i < SLOTS; i++) {
            b.bounce[i] = KernelAddressSpace.get().frames().allocPages(BOUNCE_ORDER);
            if (b.bounce[i] < 0) return t.refuse("virtio-blk", "no memory for bounce buffers");
        }
        t.enableInterrupt();
        t.driverOk();
        return b;
    }

    public VirtioMmio transport() { return transport; }

    DriverQueue queue() { return queue; }

    /** Requests whose wait slept until the device's interrupt. */
    public long sleeps() { return queue.sleeps(); }

    /** Requests made, and those the device failed (a status other than VIRTIO_BLK_S_OK). */
    public long requests() { return requests; }

    public long errors() { return errors; }

    /** Flush requests the device completed. */
    public long flushesDone() { return flushed; }

    /** One line for the log: requests, flushes, errors, interrupts. */
    public String summary() {
        return "virtio-blk: " + requests + " requests, " + flushed + " flushes, " + errors + " errors, " + transport.interrupts()
                + " interrupts";
    }

    public boolean flushes() { return flushes; }

    @Override
    public long size() { return capacity; }

    @Override
    public boolean readOnly() { return readOnly; }


    @Override
    @Async
    public int read(long pos, byte[] dst, int off, int len) {
        if (!BlockDevice.inRange(capacity, pos, dst, off, len)) return -Errno.EIO;
        int slot = acquireSlot();
        int done = 0, r = 0;
        while (done < len && r >= 0) {
            long at = pos + done, first = at & ~(SECTOR - 1L);
            int n = (int) Math.min(len - done, BOUNCE - (at - first));
            r = transfer(slot, T_IN, first, sectorsCovering(first, at + n));
            if (r >= 0) Mem.copyToArray(bounce[slot] + (at - first), dst, off + done, n);
            done += n;
        }
        releaseSlot(slot);
        return r < 0 ? r : len;
    }

    @Override
    @Async
    public int write(long pos, byte[] src, int off, int len) {
        if (readOnly) return -Errno.EROFS;
        if (!BlockDevice.inRange(capacity, pos, src, off, len)) return -Errno.EIO;
        int slot = acquireSlot();
        int done = 0, r = 0;
        while (done < len && r >= 0) {
            long at = pos + done, first = at & ~(SECTOR - 1L);
            int n = (int) Math.min(len - done, BOUNCE - (at - first));
            int bytes = sectorsCovering(first, at + n);
            // A range that starts or ends inside a sector keeps the rest of it: read it first.
            if (at != first || n != bytes) r = transfer(slot, T_IN, first, bytes);
            if (r >= 0) {
                Mem.copyFromArray(src, off + done, bounce[slot] + (at - first), n);
                r = transfer(slot, T_OUT, first, bytes);
            }
            done += n;
        }
        releaseSlot(slot);
        return r < 0 ? r : len;
    }

    @Override
    @Async
    public int flush() {
        if (!flushes) return 0;
        int slot = acquireSlot();
        int r = transfer(slot, T_FLUSH, 0, 0);
        if (r == 0) flushed++;
        releaseSlot(slot);
        return r;
    }

    /** Bytes from {@code first} (a sector's start) to {@code end} rounded up to a sector. */
    private static int sectorsCovering(long first, long end) { return (int) (((end + SECTOR - 1) & ~(SECTOR - 1L)) - first); }

    /** One request of {@code type} at byte {@code pos} for {@code bytes} of slot's bounce buffer (none for a flush): 0 or -EIO. */
    @Async
    private int transfer(int slot, int type, long pos, int bytes) {
        long header = headers + 32L * slot, status = header + 16;
        Mem.store32(header, type);
        Mem.store32(header + 4, 0);
        Mem.store64(header + 8, pos / SECTOR);
        Mem.store8(status, 0xFF); // not a status the device writes: a request it never finished reads as an error
        int head = queue.startChain(bytes > 0 ? 3 : 2);
        int d = head;
        queue.setBuffer(d, header, 16, false);
        if (bytes > 0) {
            d = queue.nextInChain(d);
            queue.setBuffer(d, bounce[slot], bytes, type == T_IN);
        }
        queue.setBuffer(queue.nextInChain(d), status, 1, true);
        queue.submit(head);
        queue.await(head);
        requests++;
        if (Mem.load8(status) == S_OK) return 0;
        errors++;
        return -Errno.EIO;
    }

    @Async
    private int acquireSlot() {
        while (true) {
            for (int i = 0; i < SLOTS; i++) {
                if (!busy[i]) {
                    busy[i] = true;
                    return i;
                }
            }
            // Only while interrupts drive completions can another task hold a slot across a sleep.
            Executor ex = VirtioDevices.interruptExecutor();
            if (ex == null) throw new IllegalStateException("virtio-blk: every slot busy while requests are polled");
            slotWaiters.sleep(ex, Executor.NO_DEADLINE, false);
        }
    }

    private void releaseSlot(int i) {
        busy[i] = false;
        Executor ex = VirtioDevices.interruptExecutor();
        if (ex != null) slotWaiters.wakeOne(ex);
    }
}
