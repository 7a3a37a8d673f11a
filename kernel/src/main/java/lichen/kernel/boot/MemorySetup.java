package lichen.kernel.boot;

import lichen.arch.aarch64.Mmu;
import lichen.libkernel.fdt.MachineDescription;
import lichen.libkernel.mm.BuddyAllocator;

/**
 * Boot's memory step: a buddy allocator for page tables and kernel pages
 * over the top 32 MiB of the first RAM bank (QEMU puts the device tree and
 * the initrd low in RAM, after the image), then the MMU on. Until the boot
 * allocator hands all free RAM to the buddy allocator (issue 6), that is all
 * it manages.
 */
public final class MemorySetup {
    private static final int FRAME_PAGES = 8192;

    private static BuddyAllocator frames;

    private MemorySetup() {}

    public static BuddyAllocator frames() { return frames; }

    /** Prints what it did; false when the MMU stays off. */
    public static boolean start(MachineDescription machine, long freeMemory) {
        if (machine == null || machine.memoryBankCount() == 0) {
            System.out.println("mmu: off (no memory description)");
            return false;
        }
        long ramBase = machine.memoryBase(0), ramEnd = ramBase + machine.memorySize(0);
        long base = (ramEnd - ((long) FRAME_PAGES << 12)) & ~((2L << 20) - 1);
        frames = new BuddyAllocator(base, FRAME_PAGES);
        frames.addFreeRange(base, base + ((long) FRAME_PAGES << 12));
        String why = Mmu.enable(frames, ramBase, ramEnd);
        if (why != null) {
            System.out.println("mmu: off (" + why + ")");
            return false;
        }
        System.out.println("mmu: on: RAM and devices identity-mapped (TTBR0), direct map at 0x"
                + Long.toHexString(Mmu.DIRECT_MAP + ramBase) + " (TTBR1), 4 KiB pages, caches on");
        return true;
    }
}
