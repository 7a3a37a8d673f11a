package lichen.kernel.mm;

import lichen.api.Async;
import lichen.libkernel.Errno;

/**
 * A file as execve(2) and mmap(2) see it: its length, its bytes at an offset,
 * its pages in the page cache, and the names /proc/PID/maps shows for it. The
 * file layer implements it for its inodes; the kernel's self-tests implement
 * it over bytes in memory, with no page cache.
 */
public interface MappedFile {
    long size();

    /** Up to {@code len} bytes at {@code pos} into {@code buf[off..]}: the count (0 at the end) or -errno. */
    @Async
    int pread(byte[] buf, int off, int len, long pos);

    /**
     * The page cache's frame holding page {@code index} of the file, read in if
     * need be: its physical address; {@link FilePages#BEYOND_END} for a page
     * past the end of the file; {@link #NOT_CACHED} for a file with no page
     * cache (a private copy is read instead); or another negative errno. The
     * cache keeps its own count on the frame: a mapper takes one more.
     */
    @Async
    long page(long index);

    /** {@link #page}'s answer for a file whose pages are not cached. */
    long NOT_CACHED = -Errno.ENOSYS;

    /** A shared mapping is about to store into page {@code index} (a write fault): it must be written back. */
    void pageWritten(long index);

    /** msync(2): the dirty cached pages with index in [{@code from}, {@code to}) go to the file. 0 or -errno. */
    @Async
    int writeBack(long from, long to);

    /** The path it was opened by, for /proc/PID/maps and AT_EXECFN. */
    String path();

    long inode();

    /** The device of its filesystem, as stat(2)'s st_dev gives it (for /proc/PID/maps's MAJOR:MINOR). */
    long device();

    /** What the file is: the same object for every mapping of one file (its inode), so truncation finds them all. */
    Object identity();
}
