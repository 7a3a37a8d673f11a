package lichen.fs.devfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.vfs.CharDevice;

/**
 * /dev/zero (1:5) reads zeros and swallows writes; /dev/full (1:7) reads
 * zeros and fails every write with ENOSPC (zero(4), full(4)).
 */
public final class ZeroDevice implements CharDevice {
    private final boolean full;

    public ZeroDevice(boolean full) {
        this.full = full;
    }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        for (int i = 0; i < len; i++) buf[off + i] = 0;
        return len;
    }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) {
        return full ? -Errno.ENOSPC : len;
    }

    @Override
    public boolean seekable() {
        return true;
    }
}
