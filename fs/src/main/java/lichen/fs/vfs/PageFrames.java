package lichen.fs.vfs;

/**
 * The memory the file page cache keeps pages in: 4 KiB frames that the
 * kernel can also map into user address spaces (mmap(2)), each counted by
 * its holders. The cache holds each frame it keeps once; every address
 * space mapping it holds it too, so a frame the cache lets go of lives on
 * while it is mapped. Frames are named by their address, never 0 and
 * {@link #PAGE}-aligned. The kernel implements this over its buddy
 * allocator and its frame counts; tests over byte arrays.
 */
public interface PageFrames {
    int PAGE = 4096;

    /** A zeroed frame held once (by the cache), or a negative errno (-ENOMEM). */
    long allocate();

    /** The cache's hold on {@code frame} ends: it is freed unless something still maps it. */
    void release(long frame);

    /** Whether anything besides the cache holds {@code frame}: an address space maps it. */
    boolean mapped(long frame);

    /** {@code len} bytes at {@code at} in {@code frame} into {@code dst[off..]}. */
    void read(long frame, int at, byte[] dst, int off, int len);

    /** {@code len} bytes of {@code src[off..]} into {@code frame} at {@code at}. */
    void write(long frame, int at, byte[] src, int off, int len);

    void zero(long frame, int at, int len);

    /**
     * The file {@code file} was truncated to end within page {@code fromIndex - 1}: every
     * address space's pages of it from {@code fromIndex} on are unmapped, private copies too,
     * so that touching them again faults past the end (SIGBUS), as truncate(2) wants.
     */
    void unmapFile(Inode file, long fromIndex);
}
