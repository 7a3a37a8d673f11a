package lichen.fs.block;

import lichen.api.Async;
import lichen.fs.Errno;

/**
 * A block device backed by memory. Storage is split into 64 KiB chunks that are
 * allocated on first write, so a large sparse image costs only what is written
 * (reads of an untouched chunk return zeros).
 */
public final class RamDisk implements BlockDevice {
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private final long size;
    private final byte[][] chunks;
    private final boolean readOnly;

    public RamDisk(long size) {
        this(size, false);
    }

    public RamDisk(long size, boolean readOnly) {
        if (size < 0 || (size >> CHUNK_SHIFT) >= Integer.MAX_VALUE) throw new IllegalArgumentException("ramdisk size");
        this.size = size;
        this.readOnly = readOnly;
        this.chunks = new byte[(int) ((size + CHUNK - 1) >> CHUNK_SHIFT)][];
    }

    /** A ramdisk holding a copy of {@code image} (through write, which may sleep on other devices: so may this). */
    @Async
    public static RamDisk of(byte[] image, boolean readOnly) {
        RamDisk d = new RamDisk(image.length, false);
        d.write(0, image, 0, image.length);
        return readOnly ? d.asReadOnly() : d;
    }

    private RamDisk(RamDisk shared, boolean readOnly) {
        this.size = shared.size;
        this.chunks = shared.chunks;
        this.readOnly = readOnly;
    }

    /** A read-only view of the same memory. */
    public RamDisk asReadOnly() {
        return new RamDisk(this, true);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }


    @Override
    @Async
    public int read(long pos, byte[] dst, int off, int len) {
        if (!BlockDevice.inRange(size, pos, dst, off, len)) return -Errno.EIO;
        int done = 0;
        while (done < len) {
            long p = pos + done;
            int c = (int) (p >> CHUNK_SHIFT);
            int within = (int) (p & (CHUNK - 1));
            int n = Math.min(len - done, CHUNK - within);
            byte[] chunk = chunks[c];
            if (chunk == null) {
                for (int i = 0; i < n; i++) dst[off + done + i] = 0;
            } else {
                System.arraycopy(chunk, within, dst, off + done, n);
            }
            done += n;
        }
        return len;
    }

    @Override
    @Async
    public int write(long pos, byte[] src, int off, int len) {
        if (readOnly) return -Errno.EROFS;
        if (!BlockDevice.inRange(size, pos, src, off, len)) return -Errno.EIO;
        int done = 0;
        while (done < len) {
            long p = pos + done;
            int c = (int) (p >> CHUNK_SHIFT);
            int within = (int) (p & (CHUNK - 1));
            int n = Math.min(len - done, CHUNK - within);
            if (chunks[c] == null) chunks[c] = new byte[CHUNK];
            System.arraycopy(src, off + done, chunks[c], within, n);
            done += n;
        }
        return len;
    }

    @Override
    @Async
    public int flush() {
        return 0;
    }
}
