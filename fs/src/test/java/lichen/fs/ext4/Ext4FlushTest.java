package lichen.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import lichen.fs.block.BlockDevice;
import lichen.fs.block.PageCache;
import lichen.fs.images.HostTools;
import lichen.fs.images.SourceTree;
import lichen.fs.tool.FileBlockDevice;
import lichen.fs.tool.HostClock;
import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Vfs;
import org.junit.jupiter.api.Test;

/**
 * fsync(2), fdatasync(2) and sync(2) reach the device's flush (virtio-blk's
 * VIRTIO_BLK_T_FLUSH in the kernel) through ext4 and the block cache, and only
 * after the file's bytes were written to the device: a user program cannot
 * observe a flush, so a device that records its calls proves it.
 */
class Ext4FlushTest {
    /** Counts flushes and remembers how many writes had reached the device at the last one. */
    static final class FlushRecordingDevice implements BlockDevice {
        final BlockDevice inner;
        int flushes, writes, writesAtLastFlush;

        FlushRecordingDevice(BlockDevice inner) { this.inner = inner; }
        @Override public long size() { return inner.size(); }
        @Override public boolean readOnly() { return inner.readOnly(); }
        @Override public int read(long pos, byte[] dst, int off, int len) { return inner.read(pos, dst, off, len); }
        @Override public int write(long pos, byte[] src, int off, int len) { writes++; return inner.write(pos, src, off, len); }
        @Override public int flush() { flushes++; writesAtLastFlush = writes; return inner.flush(); }
    }

    @Test
    void fsyncAndSyncFlushTheDeviceAfterWritingTheDirtyBlocks() throws IOException {
        Path work = Files.createTempDirectory("lichen-flush");
        try {
            Path img = work.resolve("flush.img");
            HostTools.mke2fs(img, "ext4", null, "16M", "-b", "4096");
            byte[] data = new byte[20_000];
            Arrays.fill(data, (byte) 0x6C);
            try (FileBlockDevice file = new FileBlockDevice(img, false)) {
                FlushRecordingDevice dev = new FlushRecordingDevice(file);
                PageCache cache = new PageCache(dev, 256);
                Vfs vfs = new Vfs(1024);
                vfs.mountRoot(Ext4Fs.mount(cache, true, new HostClock()).value);
                FsContext ctx = vfs.newContext(Credentials.ROOT);
                OpenFile f = vfs.open(ctx, OpenFlags.AT_FDCWD, "/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644).value;
                assertEquals(data.length, f.pwrite(data, 0, data.length, 0));
                int writesBefore = dev.writes, flushesBefore = dev.flushes;
                assertEquals(0, vfs.fsync(f));
                assertEquals(flushesBefore + 1, dev.flushes, "fsync flushes the device once");
                assertTrue(dev.writes > writesBefore, "the dirty blocks went to the device");
                assertEquals(dev.writes, dev.writesAtLastFlush, "and before the flush");
                // On the device itself (not in the cache) the file's bytes are there: e2fsck and debugfs see them.
                assertEquals(0, HostTools.e2fsck(img).exit());
                Path out = work.resolve("f.out");
                HostTools.debugfs(img, "dump /f " + out);
                assertArrayEquals(data, Files.readAllBytes(out));

                assertEquals(data.length, f.pwrite(data, 0, data.length, 50_000));
                flushesBefore = dev.flushes;
                assertEquals(0, vfs.sync());
                assertEquals(flushesBefore + 1, dev.flushes, "sync flushes the device");
                assertEquals(dev.writes, dev.writesAtLastFlush);
            }
        } finally {
            SourceTree.deleteRecursively(work);
        }
    }
}
