package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lichen.api.Mem;
import lichen.api.PA;
import lichen.api.VA;
import lichen.libkernel.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageTableTest {
    static final int RWU = Prot.READ | Prot.WRITE | Prot.USER;
    PhysicalMemory ram;
    RecordingTlb invalidated;
    PageTable pt;

    @BeforeEach
    void setUp() {
        ram = PhysicalMemory.install(64);
        invalidated = new RecordingTlb();
        pt = PageTable.create(ram.buddy, invalidated);
    }

    @Test
    void aMappedPageTranslatesWithItsOffsetAndItsNeighboursDoNot() {
        assertEquals(0, pt.map(VA.of(0x40_0000), PA.of(0x4123_4000L), 4096, RWU));
        assertEquals(0x4123_4abcL, pt.translate(VA.of(0x40_0abc)));
        assertEquals(-Errno.EFAULT, pt.translate(VA.of(0x40_1000)));
        assertEquals(-Errno.EFAULT, pt.translate(VA.of(0x3f_f000)));
        assertEquals(4, pt.tablePages(), "root plus one table at levels 1, 2 and 3");
    }

    @Test
    void mapPageMapsOnePageAsMapDoesAndRefusesAMappedOne() {
        assertEquals(0, pt.mapPage(0x40_0000, 0x4123_4000L, RWU));
        assertEquals(0x4123_4abcL, pt.translate(0x40_0abc));
        assertEquals(RWU, pt.protAt(0x40_0000));
        assertEquals(4, pt.tablePages(), "root plus one table at levels 1, 2 and 3");
        assertEquals(0, pt.mapPage(0x40_1000, 0x4123_5000L, Prot.READ | Prot.USER));
        assertEquals(4, pt.tablePages(), "the neighbour shares the tables");
        assertEquals(-Errno.EEXIST, pt.mapPage(0x40_0000, 0x4200_0000L, RWU));
        assertEquals(0x4123_4000L, pt.translate(0x40_0000), "unchanged");
        assertEquals(-Errno.EINVAL, pt.mapPage(0x40_0800, 0x4200_0000L, RWU));
        pt.map(VA.of(0x4000_0000L), PA.of(0x4000_0000L), 2L << 20, RWU, PageTable.ALLOW_BLOCKS);
        assertEquals(-Errno.EEXIST, pt.mapPage(0x4000_1000L, 0x4200_0000L, RWU), "inside a block");
    }

    @Test
    void aScanFindsTheNextMappedPageOrTheEnd() {
        assertEquals(0, pt.map(VA.of(0x40_0000), PA.of(0x4123_4000L), 4096, RWU));
        assertEquals(0x40_0000, pt.nextMapped(0x40_0000, 1L << 48));
        assertEquals(0x40_0000, pt.nextMapped(0x1000, 1L << 48), "found from below");
        assertEquals(1L << 48, pt.nextMapped(0x40_1000, 1L << 48), "nothing above it");
        assertEquals(0x50_0000, pt.nextMapped(0x40_1000, 0x50_0000), "nothing before the end");
    }

    @Test
    void aScanVisitsExactlyTheMappedPages() {
        long base = 0xaaaa_aaaa_0000L;
        long[] pages = {base, base + 0x3000, base + 0x12000, base + 0x200000, base + 0x201000};
        for (int i = 0; i < pages.length; i++) assertEquals(0, pt.map(pages[i], 0x4100_0000L + 0x1000L * i, 4096, RWU, 0));
        List<Long> seen = new ArrayList<>();
        for (long va = pt.nextMapped(base, base + 0x400000); va < base + 0x400000; va = pt.nextMapped(va + 4096, base + 0x400000)) {
            assertTrue(pt.translate(va) >= 0, "0x" + Long.toHexString(va) + " is mapped");
            seen.add(va);
        }
        assertEquals(List.of(pages[0], pages[1], pages[2], pages[3], pages[4]), seen);
    }

    @Test
    void protAtReadsTheMappingsPermissionsOrMinusOne() {
        assertEquals(0, pt.map(VA.of(0x40_0000), PA.of(0x4123_4000L), 4096, Prot.READ | Prot.USER));
        assertEquals(Prot.READ | Prot.USER, pt.protAt(0x40_0000) & (Prot.READ | Prot.WRITE | Prot.USER));
        assertEquals(-1, pt.protAt(0x40_1000));
    }

    @Test
    void theWalkReadsRealDescriptorsFromSimulatedMemory() {
        pt.map(VA.of(0x40_0000), PA.of(0x4123_4000L), 4096, RWU);
        long root = pt.root().raw();
        long l0 = Mem.load64(root + 8L * VA.of(0x40_0000).tableIndex(0));
        assertTrue(Descriptor.isTable(l0, 0));
        long l1 = Mem.load64(Descriptor.tableAddress(l0));
        long l2 = Mem.load64(Descriptor.tableAddress(l1) + 8L * 2);
        long l3 = Mem.load64(Descriptor.tableAddress(l2));
        assertEquals(Descriptor.leaf(0x4123_4000L, RWU, 3), l3);
        Walk w = pt.walk(VA.of(0x40_0000));
        assertEquals(3, w.level());
        assertEquals(l3, w.descriptor());
    }

    @Test
    void blocksAreUsedOnlyWhenAllowedAndAligned() {
        assertEquals(0, pt.map(VA.of(0x4000_0000L), PA.of(0x4000_0000L), 2L << 20, RWU, PageTable.ALLOW_BLOCKS));
        Walk w = pt.walk(VA.of(0x4010_0000L));
        assertTrue(w.isBlock());
        assertEquals(2, w.level());
        assertEquals(0x4010_0000L, w.physicalAddress());
        assertEquals(0, pt.map(VA.of(0x8000_0000L), PA.of(0x4000_0000L), 2L << 20, RWU));
        assertEquals(3, pt.walk(VA.of(0x8000_0000L)).level(), "without the flag, pages");
        assertEquals(0, pt.map(VA.of(0xC000_0000L), PA.of(0x4000_1000L), 2L << 20, RWU, PageTable.ALLOW_BLOCKS));
        assertEquals(3, pt.walk(VA.of(0xC000_0000L)).level(), "PA not 2 MiB aligned, pages");
    }

    @Test
    void oneGibibyteBlocksSitAtLevelOne() {
        assertEquals(0, pt.map(VA.of(0xFFFF_0000_0000_0000L), PA.of(0x4000_0000L), 1L << 30, Prot.READ | Prot.WRITE, PageTable.ALLOW_BLOCKS));
        Walk w = pt.walk(VA.of(0xFFFF_0000_1234_5678L));
        assertEquals(1, w.level());
        assertEquals(0x5234_5678L, w.physicalAddress());
        assertEquals(2, pt.tablePages());
    }

    @Test
    void mappingOverAnExistingPageFailsWithEexistAndChangesNothing() {
        pt.map(VA.of(0x5000), PA.of(0x4000_5000L), 4096, RWU);
        long tables = pt.tablePages();
        assertEquals(-Errno.EEXIST, pt.map(VA.of(0x1000), PA.of(0x4000_0000L), 0x10000, RWU));
        assertEquals(-Errno.EFAULT, pt.translate(VA.of(0x1000)));
        assertEquals(0x4000_5000L, pt.translate(VA.of(0x5000)));
        assertEquals(tables, pt.tablePages());
    }

    @Test
    void badRangesAreEinval() {
        assertEquals(-Errno.EINVAL, pt.map(VA.of(0x1001), PA.of(0x4000_0000L), 4096, RWU));
        assertEquals(-Errno.EINVAL, pt.map(VA.of(0x1000), PA.of(0x4000_0001L), 4096, RWU));
        assertEquals(-Errno.EINVAL, pt.map(VA.of(0x1000), PA.of(0x4000_0000L), 0, RWU));
        assertEquals(-Errno.EINVAL, pt.map(VA.of(0x1000), PA.of(1L << 48), 4096, RWU));
        assertEquals(-Errno.EINVAL, pt.map(VA.of(0x0001_0000_0000_0000L), PA.of(0x4000_0000L), 4096, RWU), "non-canonical");
        assertEquals(-Errno.EINVAL, pt.map(VA.of(0xFFFF_FFFF_F000L), PA.of(0x4000_0000L), 8192, RWU), "crosses out of the low half");
        assertEquals(-Errno.EINVAL, pt.unmap(VA.of(0), 100));
        assertEquals(-Errno.EINVAL, pt.protect(VA.of(0), 4096, 1 << 10));
    }

    @Test
    void mappingTheLastPageOfTheHighHalfWorks() {
        assertEquals(0, pt.map(VA.of(-4096), PA.of(0x4000_0000L), 4096, Prot.READ));
        assertEquals(0x4000_0fffL, pt.translate(VA.of(-1)));
        assertEquals(0, pt.unmap(VA.of(-4096), 4096));
        assertEquals(1, pt.tablePages());
    }

    @Test
    void unmapFreesTablesThatBecomeEmpty() {
        long free = ram.buddy.freePageCount();
        pt.map(VA.of(0x1000_0000L), PA.of(0x4000_0000L), 0x40_0000, RWU);
        assertTrue(pt.tablePages() > 4);
        assertEquals(0, pt.unmap(VA.of(0x1000_0000L), 0x40_0000));
        assertEquals(1, pt.tablePages());
        assertEquals(free, ram.buddy.freePageCount());
    }

    @Test
    void unmappingPartOfABlockSplitsItAndKeepsTheRest() {
        pt.map(VA.of(0x4000_0000L), PA.of(0x4000_0000L), 2L << 20, RWU, PageTable.ALLOW_BLOCKS);
        assertEquals(0, pt.unmap(VA.of(0x4000_1000L), 4096));
        assertEquals(-Errno.EFAULT, pt.translate(VA.of(0x4000_1000L)));
        assertEquals(0x4000_0000L, pt.translate(VA.of(0x4000_0000L)));
        assertEquals(0x401F_F000L, pt.translate(VA.of(0x401F_F000L)));
        Walk w = pt.walk(VA.of(0x4000_2000L));
        assertEquals(3, w.level());
        assertEquals(RWU, Descriptor.prot(w.descriptor()), "split pages keep the block's attributes");
    }

    @Test
    void unmapInvalidatesTheTlbForEachRemovedLeaf() {
        pt.map(VA.of(0x10000), PA.of(0x4000_0000L), 3 * 4096, RWU);
        invalidated.clear();
        pt.unmap(VA.of(0x10000), 3 * 4096);
        assertTrue(invalidated.pages.containsAll(List.of(0x10000L, 0x11000L, 0x12000L)));
    }

    @Test
    void aSmallUnmapReleasesEachFrameAfterItsPageIsInvalidated() {
        pt.map(0x10000, 0x4000_0000L, 3 * 4096, RWU, 0);
        invalidated.clear();
        List<Long> released = new ArrayList<>();
        assertEquals(0, pt.unmap(0x10000, 3 * 4096, pa -> {
            assertTrue(invalidated.pages.contains(0x10000 + (pa - 0x4000_0000L)), "invalidated before it is released");
            released.add(pa);
        }));
        assertEquals(List.of(0x4000_0000L, 0x4000_1000L, 0x4000_2000L), released);
        assertEquals(0, invalidated.wholeFlushes);
    }

    @Test
    void anUnmapOfMoreThanTheThresholdFlushesOnceAtTheEnd() {
        long pages = TlbGather.MAX_TLBI_PAGES + 1, free = ram.buddy.freePageCount();
        pt.map(0x40_0000, 0x4000_0000L, pages * 4096, RWU, 0);
        invalidated.clear();
        assertEquals(0, pt.unmap(0x40_0000, pages * 4096));
        assertEquals(List.of(-1L), invalidated.calls, "one whole flush, no page by page");
        assertEquals(1, pt.tablePages(), "the emptied tables went");
        assertEquals(free, ram.buddy.freePageCount(), "their pages are back");
    }

    @Test
    void aQueueThatFillsFlushesEarlyAndEveryFrameStillWaitsForAFlush() {
        long pages = 2048;
        pt.map(0x40_0000, 0x4000_0000L, pages * 4096, RWU, 0);
        invalidated.clear();
        List<Integer> flushesBefore = new ArrayList<>();
        assertEquals(0, pt.unmap(0x40_0000, pages * 4096, pa -> flushesBefore.add(invalidated.wholeFlushes)));
        assertEquals(pages, flushesBefore.size());
        for (int i = 0; i < pages; i++) assertEquals(i / 512 + 1, flushesBefore.get(i), "frame " + i + " waits for its batch's flush");
        assertEquals(4, invalidated.wholeFlushes, "one flush for each queue page of 512 frames");
        assertTrue(invalidated.pages.isEmpty());
        assertEquals(-Errno.EFAULT, pt.translate(0x40_0000 + (pages - 1) * 4096));
    }

    @Test
    void aLargeProtectFlushesOnceAndChangesEveryPage() {
        long pages = 1024;
        pt.map(0x40_0000, 0x4000_0000L, pages * 4096, RWU, 0);
        invalidated.clear();
        assertEquals(0, pt.protect(VA.of(0x40_0000), pages * 4096, Prot.READ | Prot.USER));
        assertEquals(List.of(-1L), invalidated.calls);
        for (long i = 0; i < pages; i++) assertEquals(PageTable.PERMISSION_FAULT, pt.access(VA.of(0x40_0000 + i * 4096), Prot.WRITE, true));
    }

    @Test
    void protectCanChooseEachPagesPermissionsByItsFrameInOneFlush() {
        long pages = 1024;
        pt.map(0x40_0000, 0x4000_0000L, pages * 4096, RWU, 0);
        invalidated.clear();
        assertEquals(0, pt.protect(0x40_0000, pages * 4096, (pa, now) -> (pa >>> 12) % 2 == 0 ? now : Prot.READ | Prot.USER));
        assertEquals(List.of(-1L), invalidated.calls, "half the pages changed: one whole flush");
        assertEquals(RWU, pt.protAt(0x40_0000));
        assertEquals(Prot.READ | Prot.USER, pt.protAt(0x40_1000));
        assertEquals(0x4000_1000L, pt.translate(0x40_1000), "the frame stays");
    }

    @Test
    void aSmallProtectInvalidatesEachChangedPageWithoutBreakingIt() {
        pt.map(0x40_0000, 0x4000_0000L, 2 * 4096, RWU, 0);
        invalidated.clear();
        long stores = ram.memory.storeCount();
        assertEquals(0, pt.protect(VA.of(0x40_0000), 2 * 4096, Prot.READ | Prot.USER));
        assertEquals(List.of(0x40_0000L, 0x40_1000L), invalidated.calls);
        assertEquals(stores + 2, ram.memory.storeCount(), "one store a page: permissions change without a break");
    }

    @Test
    void withoutAPageForTheQueueALargeUnmapGoesPageByPage() {
        PhysicalMemory small = PhysicalMemory.install(1);
        RecordingTlb tlb = new RecordingTlb();
        PageTable t = PageTable.create(small.buddy, tlb);
        long pages = 600;
        assertEquals(0, t.map(0x40_0000, PhysicalMemory.RAM_BASE, pages * 4096, RWU, 0));
        List<Long> taken = new ArrayList<>();
        for (long p = small.buddy.allocPages(0); p >= 0; p = small.buddy.allocPages(0)) taken.add(p);
        List<Long> released = new ArrayList<>();
        assertEquals(0, t.unmap(0x40_0000, pages * 4096, released::add));
        assertEquals(pages, released.size());
        assertEquals(pages + 4, tlb.pages.size(), "each page, then the tables as they empty: two at level 3, one each at 2 and 1");
        assertEquals(0, tlb.wholeFlushes);
    }

    @Test
    void protectChangesPermissionsInPlaceAndSplitsBlocks() {
        pt.map(VA.of(0x4000_0000L), PA.of(0x4000_0000L), 2L << 20, RWU, PageTable.ALLOW_BLOCKS);
        assertEquals(0, pt.protect(VA.of(0x4000_0000L), 4096, Prot.READ | Prot.USER));
        assertEquals(PageTable.PERMISSION_FAULT, pt.access(VA.of(0x4000_0000L), Prot.WRITE, true));
        assertEquals(PageTable.OK, pt.access(VA.of(0x4000_1000L), Prot.WRITE, true));
        assertEquals(0x4000_0123L, pt.translate(VA.of(0x4000_0123L)));
    }

    @Test
    void accessChecksFollowApUxnAndPxn() {
        pt.map(VA.of(0x1000), PA.of(0x4000_1000L), 4096, Prot.READ | Prot.EXEC | Prot.USER);
        pt.map(VA.of(0x2000), PA.of(0x4000_2000L), 4096, Prot.READ | Prot.WRITE);
        assertEquals(PageTable.OK, pt.access(VA.of(0x1000), Prot.EXEC, true));
        assertEquals(PageTable.PERMISSION_FAULT, pt.access(VA.of(0x1000), Prot.EXEC, false), "PXN on user pages");
        assertEquals(PageTable.OK, pt.access(VA.of(0x1000), Prot.READ, false));
        assertEquals(PageTable.PERMISSION_FAULT, pt.access(VA.of(0x2000), Prot.READ, true), "kernel page from EL0");
        assertEquals(PageTable.OK, pt.access(VA.of(0x2000), Prot.WRITE, false));
        assertEquals(PageTable.PERMISSION_FAULT, pt.access(VA.of(0x2000), Prot.EXEC, false));
        assertEquals(PageTable.TRANSLATION_FAULT, pt.access(VA.of(0x3000), Prot.READ, false));
    }

    @Test
    void runningOutOfTablePagesLeavesNothingMapped() {
        PhysicalMemory small = PhysicalMemory.install(1);
        PageTable t = PageTable.create(small.buddy, TlbMaintenance.NONE);
        while (small.buddy.freePageCount() > 2) small.buddy.allocPages(0);
        long free = small.buddy.freePageCount();
        assertEquals(-Errno.ENOMEM, t.map(VA.of(0x1000_0000L), PA.of(PhysicalMemory.RAM_BASE), 4096, RWU));
        assertEquals(-Errno.ENOMEM, t.mapPage(0x1000_0000L, PhysicalMemory.RAM_BASE, RWU), "mapPage too");
        assertEquals(-Errno.EFAULT, t.translate(VA.of(0x1000_0000L)));
        assertEquals(free, small.buddy.freePageCount());
        assertEquals(1, t.tablePages());
    }

    @Test
    void destroyReturnsEveryTablePage() {
        long free = ram.buddy.freePageCount() + 1; // the root was taken in setUp
        pt.map(VA.of(0x1000), PA.of(0x4000_0000L), 0x20_0000, RWU);
        pt.map(VA.of(0x7F00_0000_0000L), PA.of(0x4000_0000L), 0x1000, RWU);
        pt.destroy();
        assertEquals(free, ram.buddy.freePageCount());
    }

    /** Property: random map, unmap and protect agree with a page-by-page model. */
    @Test
    void randomOperationsAgreeWithAPageModel() {
        Random r = new Random(1234);
        Map<Long, long[]> model = new HashMap<>(); // vpn -> {pfn, prot}
        long window = 1L << 31; // 2 GiB of VA, so blocks of 2 MiB appear
        for (int step = 0; step < 3000; step++) {
            long pages = 1L << r.nextInt(10);
            if (r.nextInt(20) == 0) pages = 512 * (1 + r.nextInt(3));
            long va = (r.nextLong() & (window - 1)) & -(pages * 4096 > (2 << 20) ? (2 << 20) : 4096);
            long pa = PhysicalMemory.RAM_BASE + ((r.nextLong() & ((64L << 20) - 1)) & -(2L << 20));
            int op = r.nextInt(3);
            int prot = Prot.READ | (r.nextBoolean() ? Prot.WRITE : 0) | (r.nextBoolean() ? Prot.USER : 0) | (r.nextBoolean() ? Prot.EXEC : 0);
            if (op == 0) {
                boolean overlap = false;
                for (long i = 0; i < pages; i++) overlap |= model.containsKey((va >>> 12) + i);
                int rc = pt.map(VA.of(va), PA.of(pa), pages * 4096, prot, r.nextBoolean() ? PageTable.ALLOW_BLOCKS : 0);
                assertEquals(overlap ? -Errno.EEXIST : 0, rc);
                if (!overlap) for (long i = 0; i < pages; i++) model.put((va >>> 12) + i, new long[] {(pa >>> 12) + i, prot});
            } else if (op == 1) {
                assertEquals(0, pt.unmap(VA.of(va), pages * 4096));
                for (long i = 0; i < pages; i++) model.remove((va >>> 12) + i);
            } else {
                assertEquals(0, pt.protect(VA.of(va), pages * 4096, prot));
                for (long i = 0; i < pages; i++) {
                    long[] e = model.get((va >>> 12) + i);
                    if (e != null) e[1] = prot;
                }
            }
            for (int probe = 0; probe < 20; probe++) {
                long v = (r.nextBoolean() ? va + (r.nextLong() & (pages * 4096 - 1)) : (r.nextLong() & (window - 1))) & -4096L;
                long[] e = model.get(v >>> 12);
                Walk w = pt.walk(VA.of(v));
                if (e == null) assertFalse(w.isMapped(), "0x" + Long.toHexString(v));
                else {
                    assertEquals(e[0] << 12, w.physicalAddress(), "0x" + Long.toHexString(v));
                    assertEquals(e[1], Descriptor.prot(w.descriptor()), "0x" + Long.toHexString(v));
                }
            }
        }
        for (long vpn : new ArrayList<>(model.keySet())) assertEquals(model.get(vpn)[0] << 12, pt.translate(VA.of(vpn << 12)));
        assertEquals(0, pt.unmap(VA.of(0), window + (8L << 20)), "ranges may run a little past the window");
        assertEquals(1, pt.tablePages(), "everything unmapped frees every table");
    }
}
