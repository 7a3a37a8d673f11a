package lichen.kernel.mm;

import lichen.api.Async;

/**
 * What backs a file mapping (the Vma's file): it fills one fresh page with the
 * file's bytes from an offset, zero past the data it holds (an ELF segment's
 * end, or the end of the file), as a page fault asks.
 */
public interface PageSource {
    /** Fills the 4 KiB page at physical address {@code pa} from {@code fileOffset}; 0 or a negative errno. */
    @Async
    int fillPage(long pa, long fileOffset);
}
