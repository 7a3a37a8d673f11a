package lichen.kernel.mm;

import lichen.api.Async;

/**
 * A file as execve(2) and mmap(2) see it: its length, its bytes at an offset,
 * and the names /proc/PID/maps shows for it. The file layer implements it for
 * its open files; the kernel's self-tests implement it over bytes in memory.
 */
public interface MappedFile {
    long size();

    /** Up to {@code len} bytes at {@code pos} into {@code buf[off..]}: the count (0 at the end) or -errno. */
    @Async
    int pread(byte[] buf, int off, int len, long pos);

    /** The path it was opened by, for /proc/PID/maps and AT_EXECFN. */
    String path();

    long inode();

    /** What the file is, for caching its pages: the same object for every mapping of one file. */
    Object identity();

    /** Changes whenever the file's bytes may have: its pages cached under another version are stale. */
    long version();
}
