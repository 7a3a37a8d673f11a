package lichen.fs.devfs;

import lichen.api.Async;
import lichen.fs.vfs.CharDevice;

/** /dev/null (1:3): reads end at once, writes vanish (null(4)). */
public final class NullDevice implements CharDevice {
    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        return 0;
    }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) {
        return len;
    }

    @Override
    public boolean seekable() {
        return true;
    }
}
