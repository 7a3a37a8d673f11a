package lichen.libkernel.mm;

/**
 * A source of physically contiguous page frames: 2^order pages, naturally
 * aligned. The buddy allocator is the kernel's; tests may use it directly.
 */
public interface FrameAllocator {
    /** The physical address of 2^order free pages, or a negative errno (-ENOMEM). */
    long allocPages(int order);

    /** Gives back a block that {@link #allocPages} returned; 0 or a negative errno for a bad free. */
    int freePages(long pa, int order);
}
