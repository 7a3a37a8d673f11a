package lichen.libkernel.virtio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lichen.api.Mem;
import lichen.api.SimulatedMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SplitVirtqueueTest {
    private static final long RAM = 0x4000_0000L;
    private static final long QUEUE = RAM;
    private static final long BUFFERS = RAM + 0x10000;

    @BeforeEach
    void memory() { SimulatedMemory.install(new SimulatedMemory(RAM, 1 << 20)); }

    @AfterEach
    void noMemory() { SimulatedMemory.uninstall(); }

    /**
     * The device's side of the queue, as virtio v1.2 2.7 describes it: reads new avail entries,
     * walks each chain, fills device-writable buffers with a byte derived from their address,
     * and posts a used entry with the bytes written; with EVENT_IDX it reads used_event and
     * writes avail_event.
     */
    static final class FakeDevice {
        final SplitVirtqueue q;
        final boolean eventIndex;
        int availSeen, usedIdx;
        int interrupts;
        final int size;

        FakeDevice(SplitVirtqueue q, boolean eventIndex) {
            this.q = q;
            this.eventIndex = eventIndex;
            this.size = q.size();
        }

        int availIdx() { return Mem.load16(q.availableRing() + 2); }

        /** Consumes every available chain; returns how many. */
        int run() {
            int n = 0;
            int oldUsed = usedIdx;
            while (availSeen != availIdx()) {
                int head = Mem.load16(q.availableRing() + 4 + 2L * (availSeen & (size - 1)));
                availSeen = (availSeen + 1) & 0xFFFF;
                int written = 0;
                for (int d = head;; ) {
                    long p = q.descriptorTable() + 16L * d;
                    long addr = Mem.load64(p);
                    int len = Mem.load32(p + 8);
                    int flags = Mem.load16(p + 12);
                    if ((flags & SplitVirtqueue.DESC_F_WRITE) != 0) {
                        for (int i = 0; i < len; i++) Mem.store8(addr + i, (int) (addr + i));
                        written += len;
                    }
                    if ((flags & SplitVirtqueue.DESC_F_NEXT) == 0) break;
                    d = Mem.load16(p + 14);
                }
                post(head, written);
                n++;
            }
            if (eventIndex) Mem.store16(q.usedRing() + 4 + 8L * size, availSeen);
            if (n > 0 && interruptWanted(oldUsed)) interrupts++;
            return n;
        }

        void post(int id, int len) {
            long entry = q.usedRing() + 4 + 8L * (usedIdx & (size - 1));
            Mem.store32(entry, id);
            Mem.store32(entry + 4, len);
            usedIdx = (usedIdx + 1) & 0xFFFF;
            Mem.store16(q.usedRing() + 2, usedIdx);
        }

        boolean interruptWanted(int oldUsed) {
            if (eventIndex) return SplitVirtqueue.needEvent(Mem.load16(q.availableRing() + 4 + 2L * size), usedIdx, oldUsed);
            return (Mem.load16(q.availableRing()) & SplitVirtqueue.AVAIL_F_NO_INTERRUPT) == 0;
        }
    }

    /** The next completed chain's head, its descriptors freed; -1 when none. */
    private static int complete(SplitVirtqueue q) {
        int head = q.takeUsed();
        if (head >= 0) q.freeChain(head);
        return head;
    }

    /** A two-descriptor request: a 16-byte header the device reads, a buffer it writes. */
    private static int submit(SplitVirtqueue q, long header, long data, int len) {
        int head = q.allocateChain(2);
        if (head < 0) return head;
        q.setBuffer(head, header, 16, false);
        q.setBuffer(q.nextInChain(head), data, len, true);
        q.publish(head);
        return head;
    }

    @Test
    void theRingsAreLaidOutWithTheSpecsAlignments() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 128, true);
        assertEquals(QUEUE, q.descriptorTable());
        assertEquals(QUEUE + 16 * 128, q.availableRing());
        assertEquals(0, q.usedRing() % 4);
        assertTrue(q.usedRing() >= q.availableRing() + 6 + 2 * 128);
        assertTrue(SplitVirtqueue.bytesFor(128) <= 4096, "a 128-entry queue fits a page");
        assertThrows(IllegalArgumentException.class, () -> new SplitVirtqueue(QUEUE, 24, false));
        assertThrows(IllegalArgumentException.class, () -> new SplitVirtqueue(QUEUE + 8, 16, false));
    }

    @Test
    void aChainIsLinkedWithNextAndTheDeviceFillsItsWritableBuffer() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 8, false);
        FakeDevice dev = new FakeDevice(q, false);
        int head = submit(q, BUFFERS, BUFFERS + 0x1000, 512);
        long first = q.descriptorTable() + 16L * head;
        assertEquals(SplitVirtqueue.DESC_F_NEXT, Mem.load16(first + 12));
        assertEquals(q.nextInChain(head), Mem.load16(first + 14));
        assertEquals(SplitVirtqueue.DESC_F_WRITE, Mem.load16(q.descriptorTable() + 16L * q.nextInChain(head) + 12));
        assertEquals(6, q.freeDescriptors());
        assertFalse(q.hasUsed());
        assertEquals(1, dev.run());
        assertTrue(q.hasUsed());
        assertEquals(head, q.takeUsed());
        assertEquals(6, q.freeDescriptors(), "the chain is the driver's until it frees it");
        q.freeChain(head);
        assertEquals(512, q.lastUsedLength());
        assertEquals(8, q.freeDescriptors());
        assertEquals(-1, complete(q));
        assertEquals((byte) (BUFFERS + 0x1000 + 7), (byte) Mem.load8(BUFFERS + 0x1000 + 7));
    }

    @Test
    void aFullTableRefusesAChainUntilTheDeviceReturnsOne() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 4, false);
        FakeDevice dev = new FakeDevice(q, false);
        assertTrue(submit(q, BUFFERS, BUFFERS + 0x100, 8) >= 0);
        assertTrue(submit(q, BUFFERS, BUFFERS + 0x200, 8) >= 0);
        assertEquals(-1, q.allocateChain(1));
        dev.run();
        complete(q);
        assertEquals(2, q.freeDescriptors());
        assertEquals(-1, q.allocateChain(3));
        complete(q);
        assertTrue(q.allocateChain(4) >= 0);
    }

    @Test
    void completionsOutOfOrderFreeTheRightChains() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 8, false);
        FakeDevice dev = new FakeDevice(q, false);
        int a = submit(q, BUFFERS, BUFFERS + 0x100, 8);
        int b = submit(q, BUFFERS, BUFFERS + 0x200, 16);
        int c = submit(q, BUFFERS, BUFFERS + 0x300, 24);
        // The device completes c, then a, then b (it need not keep order: 2.7.8).
        dev.availSeen = 3;
        dev.post(c, 24);
        dev.post(a, 8);
        assertEquals(c, complete(q));
        assertEquals(24, q.lastUsedLength());
        assertEquals(a, complete(q));
        assertEquals(6, q.freeDescriptors());
        dev.post(b, 16);
        assertEquals(b, complete(q));
        assertEquals(8, q.freeDescriptors());
    }

    @Test
    void theSixteenBitIndicesWrapAroundWithoutLosingAnEntry() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 16, true);
        FakeDevice dev = new FakeDevice(q, true);
        int completed = 0;
        for (int round = 0; round < 70_000 / 5; round++) {
            for (int i = 0; i < 5; i++) assertTrue(submit(q, BUFFERS, BUFFERS + 0x1000 + 64L * i, 64) >= 0);
            dev.run();
            while (complete(q) >= 0) {
                assertEquals(64, q.lastUsedLength());
                completed++;
            }
            assertEquals(16, q.freeDescriptors());
        }
        assertEquals(70_000, completed);
        assertEquals(70_000 & 0xFFFF, dev.availIdx(), "avail idx wrapped past 65535");
        assertEquals(0, q.corruptEntries());
    }

    @Test
    void needEventIsTheSpecsWrappingComparison() {
        // Moving from old to new crosses event when event is in [old, new) modulo 2^16.
        assertTrue(SplitVirtqueue.needEvent(5, 6, 5));
        assertFalse(SplitVirtqueue.needEvent(6, 6, 5));
        assertTrue(SplitVirtqueue.needEvent(3, 10, 0));
        assertFalse(SplitVirtqueue.needEvent(10, 10, 0));
        assertTrue(SplitVirtqueue.needEvent(0xFFFF, 2, 0xFFFE), "across the wrap");
        assertTrue(SplitVirtqueue.needEvent(0, 2, 0xFFFE), "across the wrap");
        assertFalse(SplitVirtqueue.needEvent(2, 2, 0xFFFE));
        assertFalse(SplitVirtqueue.needEvent(7, 7, 7), "no movement, no event");
    }

    @Test
    void withEventIdxTheDriverNotifiesOnlyWhenAvailPassesTheDevicesAvailEvent() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 16, true);
        FakeDevice dev = new FakeDevice(q, true);
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        assertTrue(q.kickNeeded(), "avail_event starts at 0: the first entry is wanted");
        assertFalse(q.kickNeeded(), "nothing new since");
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        assertFalse(q.kickNeeded(), "the device has not yet read up to index 1, so it needs no second notification");
        dev.run(); // writes avail_event = 2
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        assertTrue(q.kickNeeded());
    }

    @Test
    void withoutEventIdxTheDevicesNoNotifyFlagSuppressesKicks() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 8, false);
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        assertTrue(q.kickNeeded());
        Mem.store16(q.usedRing(), SplitVirtqueue.USED_F_NO_NOTIFY);
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        assertFalse(q.kickNeeded());
    }

    @Test
    void usedEventAsksForTheNextInterruptAndOnlyThatOne() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 16, true);
        FakeDevice dev = new FakeDevice(q, true);
        q.wantInterrupts(true);
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        dev.run();
        assertEquals(1, dev.interrupts);
        // Not taken yet: used_event still names index 0, which the device has passed: no second interrupt.
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        dev.run();
        assertEquals(1, dev.interrupts);
        while (complete(q) >= 0) { }
        q.wantInterrupts(true);
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        dev.run();
        assertEquals(2, dev.interrupts);
        while (complete(q) >= 0) { }
        q.wantInterrupts(false);
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        dev.run();
        assertEquals(2, dev.interrupts, "interrupts off");
    }

    @Test
    void withoutEventIdxTheNoInterruptFlagIsTheHint() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 8, false);
        FakeDevice dev = new FakeDevice(q, false);
        q.wantInterrupts(false);
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        dev.run();
        assertEquals(0, dev.interrupts);
        q.wantInterrupts(true);
        submit(q, BUFFERS, BUFFERS + 0x100, 8);
        dev.run();
        assertEquals(1, dev.interrupts);
    }

    @Test
    void aUsedEntryNamingNoChainInFlightIsCountedAndSkipped() {
        SplitVirtqueue q = new SplitVirtqueue(QUEUE, 8, false);
        FakeDevice dev = new FakeDevice(q, false);
        int head = submit(q, BUFFERS, BUFFERS + 0x100, 8);
        dev.availSeen = 1;
        dev.post(99, 4);          // out of range
        dev.post(q.nextInChain(head), 4); // a descriptor of the chain, not its head
        dev.post(head, 8);
        assertEquals(head, complete(q));
        assertEquals(2, q.corruptEntries());
        assertEquals(8, q.freeDescriptors());
        dev.post(head, 8);        // the same head twice
        assertEquals(-1, complete(q));
        assertEquals(3, q.corruptEntries());
    }
}
