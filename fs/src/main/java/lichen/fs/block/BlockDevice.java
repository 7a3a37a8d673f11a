package lichen.fs.block;

import lichen.api.Async;

/**
 * A device addressed by byte offset (a disk, a ramdisk, an image file). Reads
 * and writes may block on I/O, so they are {@code @Async}. Results are a byte
 * count or a negative errno ({@code -EIO} outside the device).
 */
public interface BlockDevice {
    /** The device size in bytes. */
    long size();

    boolean readOnly();

    /** Reads exactly {@code len} bytes at {@code pos}; returns len or a negative errno. */
    @Async
    int read(long pos, byte[] dst, int off, int len);

    /** Writes exactly {@code len} bytes at {@code pos}; returns len or a negative errno. */
    @Async
    int write(long pos, byte[] src, int off, int len);

    /** Makes earlier writes durable; returns 0 or a negative errno. */
    @Async
    int flush();
}
