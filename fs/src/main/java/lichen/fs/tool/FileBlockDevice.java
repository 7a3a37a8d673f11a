package lichen.fs.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import lichen.api.HostOnly;
import lichen.fs.Errno;
import lichen.fs.block.BlockDevice;

/** An image file on the host as a block device (for the fsimg tool, tests and the benchmark). */
@HostOnly
public final class FileBlockDevice implements BlockDevice, AutoCloseable {
    private final FileChannel ch;
    private final long size;
    private final boolean readOnly;

    public FileBlockDevice(Path file, boolean readOnly) {
        try {
            this.ch = readOnly ? FileChannel.open(file, StandardOpenOption.READ)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            this.size = ch.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.readOnly = readOnly;
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
    public int read(long pos, byte[] dst, int off, int len) {
        if (pos < 0 || len < 0 || pos > size - len) return -Errno.EIO;
        try {
            ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
            long p = pos;
            while (bb.hasRemaining()) {
                int n = ch.read(bb, p);
                if (n < 0) return -Errno.EIO;
                p += n;
            }
            return len;
        } catch (IOException e) {
            return -Errno.EIO;
        }
    }

    @Override
    public int write(long pos, byte[] src, int off, int len) {
        if (readOnly) return -Errno.EROFS;
        if (pos < 0 || len < 0 || pos > size - len) return -Errno.EIO;
        try {
            ByteBuffer bb = ByteBuffer.wrap(src, off, len);
            long p = pos;
            while (bb.hasRemaining()) p += ch.write(bb, p);
            return len;
        } catch (IOException e) {
            return -Errno.EIO;
        }
    }

    @Override
    public int flush() {
        try {
            if (!readOnly) ch.force(false);
            return 0;
        } catch (IOException e) {
            return -Errno.EIO;
        }
    }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
