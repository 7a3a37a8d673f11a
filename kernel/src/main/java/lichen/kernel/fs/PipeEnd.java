package lichen.kernel.fs;

import lichen.api.Async;
import lichen.libkernel.Errno;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.OpenFlags;

/** One end of a {@link Pipe} as the driver of its open file: the read end or the write end. */
public final class PipeEnd implements CharDevice {
    private final Pipe pipe;
    private final boolean writeEnd;

    PipeEnd(Pipe pipe, boolean writeEnd) {
        this.pipe = pipe;
        this.writeEnd = writeEnd;
    }

    public Pipe pipe() { return pipe; }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len) { return read(pos, buf, off, len, 0); }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len) { return write(pos, buf, off, len, 0); }

    @Override
    @Async
    public int read(long pos, byte[] buf, int off, int len, int flags) {
        if (writeEnd) return -Errno.EBADF;
        return pipe.read(buf, off, len, (flags & OpenFlags.O_NONBLOCK) != 0);
    }

    @Override
    @Async
    public int write(long pos, byte[] buf, int off, int len, int flags) {
        if (!writeEnd) return -Errno.EBADF;
        return pipe.write(buf, off, len, (flags & OpenFlags.O_NONBLOCK) != 0);
    }

    @Override
    public void closed(int flags) { pipe.close(writeEnd); }
}
