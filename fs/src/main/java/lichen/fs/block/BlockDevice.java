package lichen.fs.block;

import lichen.api.Async;

/**
 * A device addressed by byte offset (a disk, a ramdisk, an image file). Reads
 * and writes may block on I/O, so they are {@code @Async}. Results are a byte
 * count or a negative errno ({@code -EIO} outside the device).
 */
public interface BlockDevice {
    /**
     * Whether bytes [pos, pos + len) lie inside a device of {@code size} bytes and [off, off + len)
     * inside {@code buf}: the check a read or write makes before anything else (-EIO when not).
     */
    static boolean inRange(long size, long pos, byte[] buf, int off, int len) {
        return pos >= 0 && len >= 0 && off >= 0 && off <= buf.length - len && pos <= size - len;
    }

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
