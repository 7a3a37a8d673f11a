package lichen.kernel.socket;

import lichen.api.Slab;

/**
 * A range of a kernel array as a message's data: read(2) and write(2) on a
 * socket are recv and send with no flags (man 2 recv: "equivalent to
 * read(2)"), and reach the socket with the VFS's kernel buffer.
 */
@Slab
final class KernelBytes implements DataSource, DataSink {
    private byte[] buf;
    private int pos, end;

    KernelBytes(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    @Override
    public long remaining() { return end - pos; }

    @Override
    public long room() { return end - pos; }

    @Override
    public int take(byte[] dst, int off, int len) {
        System.arraycopy(buf, pos, dst, off, len);
        pos += len;
        return len;
    }

    @Override
    public int put(byte[] src, int off, int len) {
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
        return len;
    }
}
