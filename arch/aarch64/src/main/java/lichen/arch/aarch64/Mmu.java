package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Mem;
import lichen.api.PA;
import lichen.api.Unsafe;
import lichen.api.VA;
import lichen.libkernel.mm.BuddyAllocator;
import lichen.libkernel.mm.PageTable;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.TlbMaintenance;

/**
 * The kernel's own translation tables, built with libkernel's page tables
 * and taking over from boot.S's bootstrap tables (which map RAM one-to-one
 * and the image in 1 GiB blocks with every permission). After
 * {@link #takeOver}, TTBR1 holds {@link KernelLayout}'s layout: the direct
 * map of RAM and devices, and the image with each part's own permissions
 * (text RX, rodata R, the rest RW, nothing else executable, the stacks'
 * guards unmapped); TTBR0 holds an empty table, so nothing is reached at its
 * physical address any more. 4 KiB granule, 48-bit virtual addresses.
 */
@Unsafe
public final class Mmu {
    /**
     * TCR_EL1 (ARM ARM D17.2.131), as boot.S sets it: T0SZ = T1SZ = 16 (48-bit halves), walks
     * inner and outer write-back write-allocate and inner shareable, TG0 = 4 KiB (0b00), TG1 =
     * 4 KiB (0b10), IPS = 40 bits (0b010, QEMU virt's 1 TiB physical space).
     */
    public static final long TCR = 16L | 1L << 8 | 1L << 10 | 3L << 12 | 0L << 14
            | 16L << 16 | 1L << 24 | 1L << 26 | 3L << 28 | 2L << 30 | 2L << 32;

    private static final int RW = Prot.READ | Prot.WRITE;

    private static PageTable kernel;
    private static long userRoot;

    private Mmu() {}

    /** Whether the kernel's own tables are in use (the bootstrap identity map is gone). */
    public static boolean ownTables() { return kernel != null; }

    /** The upper-half table. */
    public static PageTable kernelTable() { return kernel; }

    /** TTBR0's root: the empty table (no user space yet). */
    public static long userRoot() { return userRoot; }

    /** Where the kernel reaches physical address {@code pa} now: through the direct map, or one-to-one before {@link #takeOver}. */
    public static long virtualOf(long pa) { return kernel != null ? KernelLayout.DIRECT_MAP + pa : pa; }

    /**
     * Builds the kernel's tables from {@code frames} and moves to them. {@code ram} holds the
     * RAM banks as [base, end) pairs; devices are below {@code devicesEnd}; the image is mapped
     * up to {@code imageEnd} (its end and the early heap after it). Returns null, or why not,
     * in which case the bootstrap tables stay.
     */
    public static String takeOver(BuddyAllocator frames, long[] ram, long devicesEnd, long imageEnd) {
        TlbMaintenance tlb = BroadcastTlb.kernel();
        PageTable high = PageTable.create(frames, tlb), low = PageTable.create(frames, tlb);
        if (high == null || low == null) return "no page for a root table";
        int rc = 0;
        for (int i = 0; i < ram.length && rc == 0; i += 2) {
            rc = high.map(VA.of(KernelLayout.DIRECT_MAP + ram[i]), PA.of(ram[i]), ram[i + 1] - ram[i], RW, PageTable.ALLOW_BLOCKS);
        }
        if (rc == 0) rc = high.map(VA.of(KernelLayout.DIRECT_MAP), PA.of(0), devicesEnd, RW | Prot.DEVICE, PageTable.ALLOW_BLOCKS);
        if (rc == 0) rc = mapImage(high, KernelLayout.imageStart(), KernelLayout.textEnd(), Prot.READ | Prot.EXEC);
        if (rc == 0) rc = mapImage(high, KernelLayout.textEnd(), KernelLayout.rodataEnd(), Prot.READ);
        if (rc == 0) rc = mapImage(high, KernelLayout.rodataEnd(), KernelLayout.bootStackGuard(), RW);
        if (rc == 0) rc = mapImage(high, KernelLayout.bootStackGuard() + KernelLayout.STACK_SIZE, KernelLayout.bootStackTop(), RW);
        if (rc == 0) rc = mapImage(high, KernelLayout.overflowStackGuard() + KernelLayout.STACK_SIZE, KernelLayout.overflowStackTop(), RW);
        if (rc == 0) rc = mapImage(high, KernelLayout.imageEnd(), imageEnd, RW);
        if (rc != 0) return "mapping failed: " + rc;
        Cpu.replaceTranslationTables(low.root().raw(), high.root().raw());
        Mem.useLinearMap(KernelLayout.DIRECT_MAP);
        kernel = high;
        userRoot = low.root().raw();
        PrivilegedAccessNever.enableIfImplemented();
        return null;
    }

    /**
     * Maps the image's pages [start, end) at their linked addresses, page by page: the early
     * heap's tail is unmapped later while the heap's head is in use, and splitting a block
     * under live data would break it for a moment (break-before-make).
     */
    private static int mapImage(PageTable t, long start, long end, int prot) {
        if (end <= start) return 0;
        return t.map(VA.of(start), PA.of(KernelLayout.imagePhysical(start)), end - start, prot);
    }
}
