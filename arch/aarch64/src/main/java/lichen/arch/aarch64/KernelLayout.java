package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The kernel's half of the address space (TTBR1, VA bits 63:48 all ones).
 * Nothing is mapped one-to-one once the kernel's own tables are in use:
 *
 * <pre>
 *   0xFFFF_0000_0000_0000 + pa   the direct map: all RAM (read-write, never executable) and,
 *                                below RAM, the devices (Device-nGnRE)
 *   0xFFFF_8000_0000_0000 + pa   the kernel image where kernel.ld linked it: text RX, rodata R,
 *                                data, bss, stacks and the early heap RW
 *   0xFFFF_A000_0000_0000        the kernel heap: the runtime's mmap, pages from the buddy allocator
 *   0xFFFF_C000_0000_0000        kernel stacks: 16 KiB in the upper half of 32 KiB slots, the
 *                                lower half never mapped (the guard vectors.S detects)
 * </pre>
 *
 * The image's section boundaries come from boot.S's lichen_image_layout table.
 */
@Unsafe
public final class KernelLayout {
    public static final long DIRECT_MAP = 0xFFFF_0000_0000_0000L;
    /** The image's virtual address minus its physical one (kernel.ld and boot.S say the same). */
    public static final long KERNEL_IMAGE = 0xFFFF_8000_0000_0000L;
    public static final long HEAP = 0xFFFF_A000_0000_0000L;
    public static final long HEAP_END = 0xFFFF_C000_0000_0000L;
    public static final long STACKS = 0xFFFF_C000_0000_0000L;
    /** log2 of a kernel stack's size; vectors.S tests this bit of SP (its STACK_SHIFT). */
    public static final int STACK_SHIFT = 14;
    public static final long STACK_SIZE = 1L << STACK_SHIFT;

    private KernelLayout() {}

    /** The image's boundaries, in lichen_image_layout's order. */
    private static long entry(int i) { return Mmio.read64(Cpu.imageLayout() + 8L * i); }

    public static long imageStart() { return entry(0); }
    public static long textEnd() { return entry(1); }
    public static long rodataEnd() { return entry(2); }
    public static long bootStackGuard() { return entry(3); }
    public static long bootStackTop() { return entry(4); }
    public static long overflowStackGuard() { return entry(5); }
    public static long overflowStackTop() { return entry(6); }
    public static long imageEnd() { return entry(7); }
    /** boot.S's lichen_secondary_entry, where PSCI CPU_ON starts a secondary CPU. */
    public static long secondaryEntry() { return entry(8); }
    /** boot.S's lichen_secondary_boot: the kernel's TTBR0 and TTBR1 roots, then a stack top per CPU. */
    public static long secondaryBoot() { return entry(9); }
    /** user.S's lichen_bkl_stats: four words a CPU (acquisitions, acquisitions that waited, ticks waited, unused). */
    public static long bigLockStats() { return entry(10); }

    /** The physical address of a byte of the image. */
    public static long imagePhysical(long va) { return va - KERNEL_IMAGE; }
}
