package lichen.kernel.tty;

import lichen.api.Async;
import lichen.fs.Result;
import lichen.fs.vfs.CharDevice;
import lichen.libkernel.Errno;

/**
 * /dev/ptmx (5:2) and /dev/pts/ptmx, the pseudo-terminal master
 * multiplexer (man 4 pts): each open makes a new pair and the open file is
 * its master, so reads and writes never reach this driver itself.
 */
public final class PtyMultiplexer implements CharDevice {
    @Override
    @Async
    public Result<CharDevice> open(int flags) { return Ptys.open(); }

    @Override
    public int read(long pos, byte[] buf, int off, int len) { return -Errno.EIO; }

    @Override
    public int write(long pos, byte[] buf, int off, int len) { return -Errno.EIO; }
}
