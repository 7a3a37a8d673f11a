package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.PA;
import lichen.api.Unsafe;
import lichen.api.VA;
import lichen.libkernel.mm.BuddyAllocator;
import lichen.libkernel.mm.MemoryAttributes;
import lichen.libkernel.mm.PageTable;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.TlbMaintenance;

/**
 * The MMU on, with libkernel's page tables: TTBR0 maps RAM and the device
 * window one-to-one (the kernel still runs at its physical addresses), and
 * TTBR1 holds the direct map of RAM at {@link #DIRECT_MAP}, where the kernel
 * will move to. 4 KiB granule, 48-bit virtual addresses on both sides.
 */
@Unsafe
public final class Mmu {
    /** Physical address p is virtual address DIRECT_MAP + p in the upper half. */
    public static final long DIRECT_MAP = 0xFFFF_0000_0000_0000L;
    /** QEMU virt's devices below RAM: the GIC at 0x08000000 up to the PL011, RTC and GPIO before 0x0A000000. */
    private static final long DEVICES = 0x0800_0000L, DEVICES_END = 0x0A00_0000L;

    /**
     * TCR_EL1 (ARM ARM D17.2.131): T0SZ = T1SZ = 16 (48-bit halves), page walks inner and outer
     * write-back write-allocate and inner shareable, TG0 = 4 KiB (0b00), TG1 = 4 KiB (0b10),
     * IPS = 40 bits (0b010, QEMU virt's 1 TiB physical space).
     */
    private static final long TCR = 16L | 1L << 8 | 1L << 10 | 3L << 12 | 0L << 14
            | 16L << 16 | 1L << 24 | 1L << 26 | 3L << 28 | 2L << 30 | 2L << 32;

    private static PageTable identity;
    private static PageTable kernel;

    private Mmu() {}

    public static boolean isOn() { return kernel != null; }

    /** The upper-half table, where the kernel maps what it wants. */
    public static PageTable kernelTable() { return kernel; }

    /** Builds both tables from {@code frames} for RAM [ramBase, ramEnd) and turns the MMU on; null or why not. */
    public static String enable(BuddyAllocator frames, long ramBase, long ramEnd) {
        TlbMaintenance tlb = Cpu::invalidateTlbPage;
        PageTable low = PageTable.create(frames, tlb), high = PageTable.create(frames, tlb);
        if (low == null || high == null) return "no page for a root table";
        long size = ramEnd - ramBase;
        int rw = Prot.READ | Prot.WRITE;
        int rc = low.map(VA.of(ramBase), PA.of(ramBase), size, rw | Prot.EXEC, PageTable.ALLOW_BLOCKS);
        if (rc == 0) rc = low.map(VA.of(DEVICES), PA.of(DEVICES), DEVICES_END - DEVICES, rw | Prot.DEVICE, PageTable.ALLOW_BLOCKS);
        if (rc == 0) rc = high.map(VA.of(DIRECT_MAP + ramBase), PA.of(ramBase), size, rw, PageTable.ALLOW_BLOCKS);
        if (rc != 0) return "mapping failed: " + rc;
        Cpu.enableMmu(MemoryAttributes.MAIR_EL1, TCR, low.root().raw(), high.root().raw());
        identity = low;
        kernel = high;
        return null;
    }
}
