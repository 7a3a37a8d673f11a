package lichen.fs.images;

import java.util.TreeSet;
import lichen.fs.block.BlockDevice;

/** A block device that remembers which 1 KiB blocks were read: the metadata a walk touches, for aiming damage. */
public final class RecordingDevice implements BlockDevice {
    private final BlockDevice inner;
    public final TreeSet<Integer> blocks = new TreeSet<>();

    public RecordingDevice(BlockDevice inner) {
        this.inner = inner;
    }

    @Override public long size() { return inner.size(); }
    @Override public boolean readOnly() { return inner.readOnly(); }
    @Override public int flush() { return inner.flush(); }
    @Override public int write(long pos, byte[] src, int off, int len) { return inner.write(pos, src, off, len); }

    @Override
    public int read(long pos, byte[] dst, int off, int len) {
        for (long b = pos >> 10; b <= (pos + len - 1) >> 10; b++) blocks.add((int) b);
        return inner.read(pos, dst, off, len);
    }

    /** Byte offsets of the recorded blocks. */
    public int[] offsets() {
        return blocks.stream().mapToInt(b -> b << 10).toArray();
    }
}
