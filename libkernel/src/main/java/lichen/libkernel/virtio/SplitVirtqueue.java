package lichen.libkernel.virtio;

import lichen.api.Mem;
import lichen.api.Unsafe;

/**
 * A split virtqueue (virtio v1.2 section 2.7), the driver's side: the
 * descriptor table, the available ring the driver fills and the used ring
 * the device fills, all in one physically contiguous block the caller gives
 * (its physical address goes to the device). Reached through {@link Mem} by
 * physical address, so on the JVM it runs against simulated memory and a
 * test plays the device.
 *
 * <p>Layout for a queue of {@code size} entries (a power of two, 2.7.10.1's
 * alignments: descriptors 16, available ring 2, used ring 4):
 * <pre>
 *   0                    descriptors: size x { u64 addr, u32 len, u16 flags, u16 next }
 *   16 size              available:   u16 flags, u16 idx, size x u16 ring, u16 used_event
 *   align4(16s + 6 + 2s) used:        u16 flags, u16 idx, size x { u32 id, u32 len }, u16 avail_event
 * </pre>
 *
 * <p>Descriptors are handed out from a free list the driver keeps in its own
 * memory (the device may scribble on the table; it cannot break the list).
 * Indices are free-running 16-bit counters that wrap (2.7.6, 2.7.8). With
 * VIRTIO_F_EVENT_IDX (2.7.7.2, 2.7.10) notifications and interrupts are
 * asked for by index: the driver notifies only when its new avail idx passed
 * the device's avail_event, and writes used_event to say where it wants the
 * next interrupt. A used entry naming a descriptor that is not the head of
 * a chain in flight is corrupt data: it is counted ({@link #corruptEntries})
 * and skipped, never trusted.
 */
@Unsafe
public final class SplitVirtqueue {
    /** Descriptor flags (2.7.5). */
    public static final int DESC_F_NEXT = 1, DESC_F_WRITE = 2;
    /** virtq_avail.flags: no interrupt wanted (2.7.7), when EVENT_IDX is off. */
    static final int AVAIL_F_NO_INTERRUPT = 1;
    /** virtq_used.flags: no notification wanted (2.7.7), when EVENT_IDX is off. */
    static final int USED_F_NO_NOTIFY = 1;
    /** The largest queue this driver lays out (a queue and its rings fit in one 4 KiB page). */
    public static final int MAX_SIZE = 128;

    private final long base;
    private final int size;
    private final boolean eventIndex;
    private final long avail, used;
    /** The driver's copy of each descriptor's next link: the free list and the chains in flight. */
    private final short[] next;
    /** How many descriptors the chain headed here holds, while it is in flight (0 otherwise). */
    private final short[] chainLength;
    /** Whether the chain headed here came back in a used entry and waits for {@link #freeChain}. */
    private final boolean[] returned;
    private int freeHead, freeCount;
    /** avail idx as the driver last wrote it, and as it stood at the last notification check. */
    private int availIdx, availIdxAtKick;
    /** The used idx up to which entries were taken. */
    private int usedSeen;
    private int lastLength;
    private long corrupt;

    /** Bytes a queue of {@code size} entries occupies, from its base. */
    public static long bytesFor(int size) { return usedOffset(size) + 6 + 8L * size; }

    private static long usedOffset(int size) { return (16L * size + 6 + 2L * size + 3) & ~3L; }

    /**
     * Lays out a queue of {@code size} entries (a power of two up to {@link #MAX_SIZE}) at
     * physical address {@code base} (16-byte aligned, {@link #bytesFor} bytes), zeroed, every
     * descriptor free; {@code eventIndex} when VIRTIO_F_EVENT_IDX was negotiated.
     */
    public SplitVirtqueue(long base, int size, boolean eventIndex) {
        if (size <= 0 || size > MAX_SIZE || (size & (size - 1)) != 0) throw new IllegalArgumentException("queue size " + size);
        if ((base & 15) != 0) throw new IllegalArgumentException("queue base not 16-byte aligned");
        this.base = base;
        this.size = size;
        this.eventIndex = eventIndex;
        this.avail = base + 16L * size;
        this.used = base + usedOffset(size);
        Mem.zero(base, bytesFor(size));
        next = new short[size];
        chainLength = new short[size];
        returned = new boolean[size];
        for (int i = 0; i < size; i++) next[i] = (short) (i + 1);
        freeHead = 0;
        freeCount = size;
    }

    public int size() { return size; }

    /** Physical addresses for QueueDescLow/High, QueueDriverLow/High and QueueDeviceLow/High (4.2.2). */
    public long descriptorTable() { return base; }
    public long availableRing() { return avail; }
    public long usedRing() { return used; }

    public int freeDescriptors() { return freeCount; }

    /** Used entries that named no chain in flight (a device bug or corruption), skipped. */
    public long corruptEntries() { return corrupt; }

    private long desc(int d) { return base + 16L * d; }

    /**
     * Takes {@code n} free descriptors, linked head to tail with NEXT; returns the head, or -1
     * when fewer than {@code n} are free. Fill each with {@link #setBuffer}, walking the chain
     * with {@link #nextInChain}, then {@link #publish} the head.
     */
    public int allocateChain(int n) {
        if (n <= 0 || n > freeCount) return -1;
        int head = freeHead, d = head;
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            int following = next[d];
            Mem.store16(desc(d) + 12, last ? 0 : DESC_F_NEXT);
            Mem.store16(desc(d) + 14, last ? 0 : following);
            if (last) freeHead = following;
            else d = following;
        }
        freeCount -= n;
        chainLength[head] = (short) n;
        return head;
    }

    /** The descriptor after {@code d} in its chain. */
    public int nextInChain(int d) { return next[d]; }

    /** Points descriptor {@code d} at {@code len} bytes at physical {@code addr}; {@code deviceWrites} for a buffer the device fills. */
    public void setBuffer(int d, long addr, int len, boolean deviceWrites) {
        long p = desc(d);
        Mem.store64(p, addr);
        Mem.store32(p + 8, len);
        int flags = Mem.load16(p + 12) & DESC_F_NEXT;
        Mem.store16(p + 12, flags | (deviceWrites ? DESC_F_WRITE : 0));
    }

    /**
     * Offers the chain headed by {@code head} to the device (2.7.13): the ring entry, then a
     * barrier so the device sees the descriptors and the entry before the index that
     * publishes them (2.7.13.3.1), then the index.
     */
    public void publish(int head) {
        Mem.store16(avail + 4 + 2L * (availIdx & (size - 1)), head);
        Mem.barrier();
        availIdx = (availIdx + 1) & 0xFFFF;
        Mem.store16(avail + 2, availIdx);
    }

    /**
     * Whether the device wants a notification for what was published since the last call
     * (2.7.13.4): with EVENT_IDX, when avail idx moved past its avail_event; without, unless
     * it set VIRTQ_USED_F_NO_NOTIFY. The barrier orders the index store before the read of
     * the device's wish (Linux's virtqueue_kick_prepare does the same).
     */
    public boolean kickNeeded() {
        Mem.barrier();
        int old = availIdxAtKick;
        availIdxAtKick = availIdx;
        if (old == availIdx) return false;
        if (eventIndex) return needEvent(Mem.load16(used + 4 + 8L * size), availIdx, old);
        return (Mem.load16(used) & USED_F_NO_NOTIFY) == 0;
    }

    /**
     * vring_need_event (2.7.10): whether moving an index from {@code oldIdx} to {@code newIdx}
     * crossed {@code eventIdx}, in 16-bit wrapping arithmetic.
     */
    public static boolean needEvent(int eventIdx, int newIdx, int oldIdx) {
        return ((newIdx - eventIdx - 1) & 0xFFFF) < ((newIdx - oldIdx) & 0xFFFF);
    }

    /**
     * Whether the device posted used entries not yet taken. The barrier makes a loop of calls
     * load the index afresh each time (and orders it after the caller's used_event store).
     */
    public boolean hasUsed() {
        Mem.barrier();
        return ((Mem.load16(used + 2) - usedSeen) & 0xFFFF) != 0;
    }

    /**
     * The head of the next chain the device finished, or -1 when none waits;
     * {@link #lastUsedLength} is then the bytes it wrote. The chain stays the caller's until
     * {@link #freeChain} (so a head is not reused while its result is read). The barrier keeps
     * the entry's read after the index's (2.7.14).
     */
    public int takeUsed() {
        while (true) {
            int idx = Mem.load16(used + 2);
            if (((idx - usedSeen) & 0xFFFF) == 0) return -1;
            Mem.barrier();
            long entry = used + 4 + 8L * (usedSeen & (size - 1));
            int id = Mem.load32(entry);
            int len = Mem.load32(entry + 4);
            usedSeen = (usedSeen + 1) & 0xFFFF;
            if (id < 0 || id >= size || chainLength[id] == 0 || returned[id]) {
                corrupt++;
                continue;
            }
            returned[id] = true;
            lastLength = len;
            return id;
        }
    }

    /** Bytes the device wrote into the chain {@link #takeUsed} last returned. */
    public int lastUsedLength() { return lastLength; }

    /** Puts the chain headed by {@code head}, which {@link #takeUsed} returned, back on the free list. */
    public void freeChain(int head) {
        if (head < 0 || head >= size || !returned[head]) throw new IllegalStateException("descriptor " + head + " was not returned by the device");
        returned[head] = false;
        int n = chainLength[head];
        chainLength[head] = 0;
        int tail = head;
        for (int i = 1; i < n; i++) tail = next[tail];
        next[tail] = (short) freeHead;
        freeHead = head;
        freeCount += n;
    }

    /**
     * Asks for an interrupt when the next used entry is posted (true) or for none (false):
     * with EVENT_IDX by used_event (the device interrupts when its used idx passes it), without
     * by VIRTQ_AVAIL_F_NO_INTERRUPT (2.7.7). The device may interrupt anyway; it is a hint.
     * Call {@link #hasUsed} afterwards: an entry posted before the device saw the wish brings
     * no interrupt.
     */
    public void wantInterrupts(boolean on) {
        if (eventIndex) Mem.store16(avail + 4 + 2L * size, on ? usedSeen : (usedSeen - 1) & 0xFFFF);
        else Mem.store16(avail, on ? 0 : AVAIL_F_NO_INTERRUPT);
        Mem.barrier();
    }
}
