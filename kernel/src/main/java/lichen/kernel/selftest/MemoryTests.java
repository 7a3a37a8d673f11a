package lichen.kernel.selftest;

import lichen.api.Cpu;
import lichen.api.Kmem;
import lichen.api.Mem;
import lichen.api.Mmio;
import lichen.api.PA;
import lichen.api.Region;
import lichen.api.Syscall;
import lichen.api.Unsafe;
import lichen.api.VA;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.arch.aarch64.KernelLayout;
import lichen.arch.aarch64.Mmu;
import lichen.arch.aarch64.Traps;
import lichen.kernel.boot.MemorySetup;
import lichen.libkernel.mm.BuddyAllocator;
import lichen.libkernel.mm.PageTable;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.SlabAllocator;

/**
 * The memory tests of {@code just test-kernel}, on the kernel's own tables:
 * mappings checked by reading through them, permissions checked by faulting
 * on them, and the allocators that own all of RAM run to exhaustion.
 */
@Unsafe
final class MemoryTests {
    private MemoryTests() {}

    static void runAll() {
        SelfTest.check("the kernel's own tables are in use and the direct map reads what the heap wrote", MemoryTests::directMapReadsHeap);
        SelfTest.check("nothing is mapped one-to-one: RAM at its physical address faults", MemoryTests::noIdentityMap);
        SelfTest.check("text and rodata are read-only: writes to them fault", MemoryTests::textAndRodataAreReadOnly);
        SelfTest.check("only text is executable: data, heap, stacks and the direct map are not", MemoryTests::onlyTextExecutes);
        SelfTest.check("an upper-half page reads its frame and an unmapped guard page faults", MemoryTests::mappingsAndGuardPage);
        SelfTest.check("an unmap of more pages than are invalidated one by one leaves no stale translation", MemoryTests::largeUnmapLeavesNothingStale);
        SelfTest.check("the buddy allocator owns the free RAM and every page of it is distinct", MemoryTests::buddyOwnsAllRam);
        SelfTest.check("kernel heap mappings come from the buddy allocator and return on munmap", MemoryTests::heapReturnsToBuddy);
        SelfTest.check("libkernel's slab allocator on real pages: distinct objects, all pages back on shrink", MemoryTests::slabOnRealPages);
    }

    private static String directMapReadsHeap() {
        if (!Mmu.ownTables()) return "still on the bootstrap tables";
        long[] words = new long[64];
        for (int i = 0; i < words.length; i++) words[i] = 0x5151_0000L + i;
        long va = Syscall.addressOf(words);
        for (int i = 0; i < words.length; i++) {
            long pa = Mmu.kernelTable().translate(VA.of(va + 8L * i));
            if (pa < 0) return "the heap address 0x" + Long.toHexString(va + 8L * i) + " does not translate";
            if (Mmio.read64(KernelLayout.DIRECT_MAP + pa) != words[i]) return "word " + i + " differs through the direct map";
            if (Mem.load64(pa) != words[i]) return "word " + i + " differs through Mem";
        }
        return null;
    }

    private static String noIdentityMap() {
        long ram = MemorySetup.frames().basePa() + 0x1000;
        Traps.expectFault();
        long ignored = Mmio.read64(ram);
        long fault = Traps.takeFault();
        return fault == ram ? null : "reading 0x" + Long.toHexString(ram) + " gave " + ignored + ", fault at 0x" + Long.toHexString(fault);
    }

    /** Each write stores what is already there, so a missing protection corrupts nothing. */
    private static String textAndRodataAreReadOnly() {
        long header = KernelLayout.imageStart() + 0x20; // the Image header's res2 word: never executed
        long rodata = Cpu.imageLayout();
        for (long at : new long[] {header, rodata}) {
            long value = Mmio.read64(at);
            Traps.expectFault();
            Mmio.write64(at, value);
            long fault = Traps.takeFault();
            if (fault != at) return "a write to 0x" + Long.toHexString(at) + " did not fault";
        }
        return null;
    }

    private static long[] someData = new long[4];

    private static String onlyTextExecutes() {
        PageTable t = Mmu.kernelTable();
        if (t.access(VA.of(KernelLayout.imageStart()), Prot.EXEC, false) != PageTable.OK) return "text is not executable";
        long[] places = {Syscall.addressOf(someData), Syscall.addressOf(new long[4]), KernelLayout.bootStackTop() - 16,
                KernelLayout.DIRECT_MAP + MemorySetup.frames().basePa(), KernelLayout.rodataEnd() - 8};
        String[] names = {"data", "the heap", "the boot stack", "the direct map", "rodata"};
        for (int i = 0; i < places.length; i++) {
            int r = t.access(VA.of(places[i]), Prot.EXEC, false);
            if (r != PageTable.PERMISSION_FAULT) return names[i] + " at 0x" + Long.toHexString(places[i]) + ": access " + r;
        }
        if (t.access(VA.of(KernelLayout.bootStackGuard()), Prot.READ, false) != PageTable.TRANSLATION_FAULT) return "the boot stack's guard is mapped";
        return null;
    }

    /** A window in an unused part of the upper half: page, guard, page; the guard must fault and be reported. */
    private static String mappingsAndGuardPage() {
        long window = 0xFFFF_E000_0000_0000L;
        BuddyAllocator frames = MemorySetup.frames();
        long a = frames.allocPages(0), b = frames.allocPages(0);
        PageTable t = Mmu.kernelTable();
        int rw = Prot.READ | Prot.WRITE;
        if (t.map(VA.of(window), PA.of(a), 4096, rw) != 0 || t.map(VA.of(window + 8192), PA.of(b), 4096, rw) != 0) return "map failed";
        Mem.store64(a + 16, 0x1234_5678L);
        Mmio.write64(window + 8192 + 24, 0x9abcL);
        if (Mmio.read64(window + 16) != 0x1234_5678L) return "the window does not read its frame";
        if (Mem.load64(b + 24) != 0x9abcL) return "a write through the window missed its frame";
        Traps.expectFault();
        long ignored = Mmio.read64(window + 4096 + 8);
        long fault = Traps.takeFault();
        t.unmap(VA.of(window), 3 * 4096);
        frames.freePages(a, 0);
        frames.freePages(b, 0);
        if (fault != window + 4096 + 8) return "guard access reported fault at 0x" + Long.toHexString(fault) + " (value " + ignored + ")";
        return null;
    }

    /**
     * 1024 pages mapped in the upper half, each read so its translation is in the TLB, then
     * unmapped in one call, which flushes the whole TLB once instead of page by page (TlbGather):
     * the first, a middle and the last page must fault afterwards.
     */
    private static String largeUnmapLeavesNothingStale() {
        long window = 0xFFFF_E000_0000_0000L, pages = 1024;
        BuddyAllocator frames = MemorySetup.frames();
        long frame = frames.allocPages(0);
        if (frame < 0) return "no frame";
        PageTable t = Mmu.kernelTable();
        int rc = 0;
        for (long i = 0; i < pages && rc == 0; i++) rc = t.map(VA.of(window + i * 4096), PA.of(frame), 4096, Prot.READ);
        if (rc != 0) return "map failed: " + rc;
        Mem.store64(frame, 0x5eed);
        long sum = 0;
        for (long i = 0; i < pages; i++) sum += Mmio.read64(window + i * 4096);
        t.unmap(VA.of(window), pages * 4096);
        frames.freePages(frame, 0);
        if (sum != 0x5eed * pages) return "the pages did not read their frame";
        long[] probes = {0, pages / 2, pages - 1};
        for (long p : probes) {
            Traps.expectFault();
            long ignored = Mmio.read64(window + p * 4096);
            if (Traps.takeFault() != window + p * 4096) return "page " + p + " still translates after the unmap (read " + ignored + ")";
        }
        return null;
    }

    /**
     * Nearly all of RAM is free for the buddy allocator after boot; then every free page is
     * taken (the pages themselves hold the list, so the test allocates nothing else), stamped
     * with its own address, checked and given back, and the blocks coalesce again.
     */
    private static String buddyOwnsAllRam() {
        BuddyAllocator frames = MemorySetup.frames();
        long free = frames.freePageCount();
        if (free < frames.frameCount() * 8L / 10) return "only " + free + " of " + frames.frameCount() + " pages are free after boot";
        int largest = frames.largestFreeOrder();
        long head = -1, taken = 0;
        for (long pa; (pa = frames.allocPages(0)) >= 0; taken++) {
            Mem.store64(pa, head);
            Mem.store64(pa + 8, pa ^ 0x5A5A);
            head = pa;
        }
        long seen = 0;
        String why = null;
        while (head >= 0) {
            long next = Mem.load64(head);
            if (why == null && Mem.load64(head + 8) != (head ^ 0x5A5A)) why = "page 0x" + Long.toHexString(head) + " was overwritten";
            frames.freePages(head, 0);
            head = next;
            seen++;
        }
        if (why != null) return why;
        if (taken != free || seen != free) return free + " pages free, " + taken + " taken, " + seen + " given back";
        if (frames.freePageCount() != free) return frames.freePageCount() + " free after, " + free + " before";
        return frames.largestFreeOrder() == largest ? null : "did not coalesce: largest order " + frames.largestFreeOrder() + ", was " + largest;
    }

    private static final class Node {
        final int value;
        final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    /** Regions map their chunks from the kernel heap; freeing them must give every page back. */
    private static String heapReturnsToBuddy() {
        KernelAddressSpace space = KernelAddressSpace.get();
        long freeBefore = space.frames().freePageCount(), heapBefore = space.heapBytes();
        long total = 0, peak = 0;
        for (int round = 0; round < 20; round++) {
            Region r = Region.create("pressure");
            try (Region.Scope s = Region.use(r)) {
                Node list = null;
                for (int i = 0; i < 50_000; i++) list = new Node(i, list);
                for (Node n = list; n != null; n = n.next) total += n.value;
            }
            peak = Math.max(peak, space.heapBytes() - heapBefore);
            r.free();
            if (!r.isFreed()) return "round " + round + ": region not freed";
        }
        if (total != 20L * 50_000 * 49_999 / 2) return "sum " + total;
        if (peak < (1L << 20)) return "the regions' chunks did not come from the kernel heap (" + peak + " bytes mapped)";
        if (space.heapBytes() != heapBefore) return (space.heapBytes() - heapBefore) + " heap bytes still mapped";
        long lost = freeBefore - space.frames().freePageCount();
        return lost == 0 ? null : lost + " pages not given back";
    }

    /**
     * Two rounds of 3000 objects of every size class: the first grows the allocator's own
     * bookkeeping (on the Java heap, which is mapped from the same buddy allocator); after it,
     * a round must give back on shrink every page it took.
     */
    private static String slabOnRealPages() {
        BuddyAllocator frames = MemorySetup.frames();
        SlabAllocator slabs = new SlabAllocator(frames, 1);
        long[] objects = Kmem.newLongs(3000);
        int[] sizes = Kmem.newInts(3000);
        String why = slabRound(slabs, objects, sizes);
        long freeBefore = frames.freePageCount();
        if (why == null) why = slabRound(slabs, objects, sizes);
        Kmem.free(objects);
        Kmem.free(sizes);
        if (why != null) return why;
        return frames.freePageCount() == freeBefore ? null : (freeBefore - frames.freePageCount()) + " pages kept after shrink";
    }

    private static String slabRound(SlabAllocator slabs, long[] objects, int[] sizes) {
        for (int i = 0; i < objects.length; i++) {
            sizes[i] = SlabAllocator.SIZES[i % SlabAllocator.SIZES.length];
            objects[i] = slabs.alloc(0, sizes[i]);
            if (objects[i] < 0) return "alloc " + i + " of " + sizes[i] + " bytes failed: " + objects[i];
            for (int w = 0; w < sizes[i]; w += 8) Mem.store64(objects[i] + w, objects[i] + w);
        }
        for (int i = 0; i < objects.length; i++) {
            for (int w = 0; w < sizes[i]; w += 8) {
                if (Mem.load64(objects[i] + w) != objects[i] + w) return "object " + i + " was overwritten: objects overlap";
            }
        }
        for (int i = 0; i < objects.length; i++) if (slabs.free(0, objects[i]) != 0) return "free of object " + i + " refused";
        slabs.shrink();
        return slabs.objectsInUse() == 0 ? null : slabs.objectsInUse() + " objects still in use";
    }
}
