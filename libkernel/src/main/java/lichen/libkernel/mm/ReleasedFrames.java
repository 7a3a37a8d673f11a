package lichen.libkernel.mm;

/**
 * Takes the frames an unmap removed from a table, each only once no TLB can
 * reach it through that table any more, so a frame freed here cannot be
 * written through a stale translation (Linux's tlb_remove_page in mmu_gather).
 */
public interface ReleasedFrames {
    /** The 4 KiB frame at {@code pa} is no longer mapped by the table, nor cached by any TLB for it. */
    void release(long pa);
}
