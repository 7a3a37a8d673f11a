package lichen.fs.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lichen.fs.Errno;
import org.junit.jupiter.api.Test;

class PageCacheTest {
    /** A device that counts its reads. */
    private static final class CountingDevice implements BlockDevice {
        final RamDisk inner;
        int reads;
        CountingDevice(RamDisk inner) { this.inner = inner; }
        @Override public long size() { return inner.size(); }
        @Override public boolean readOnly() { return false; }
        @Override public int flush() { return inner.flush(); }
        @Override public int write(long pos, byte[] src, int off, int len) { return inner.write(pos, src, off, len); }
        @Override public int read(long pos, byte[] dst, int off, int len) { reads++; return inner.read(pos, dst, off, len); }
    }

    @Test
    void aSequentialReadReadsAheadSixteenPagesAtATime() {
        CountingDevice dev = new CountingDevice(new RamDisk(1 << 20));
        byte[] model = new byte[1 << 20];
        new Random(3).nextBytes(model);
        dev.inner.write(0, model, 0, model.length);
        PageCache cache = new PageCache(dev, 64);
        byte[] page = new byte[4096];
        for (int p = 0; p < 65; p++) {
            assertEquals(4096, cache.read(p * 4096L, page, 0, 4096));
            for (int i = 0; i < 4096; i += 511) assertEquals(model[p * 4096 + i], page[i]);
        }
        // Page 0 is a lone miss; page 1 starts the sequence: 1 + 16 + 16 + 16 + 16 pages in five reads.
        assertEquals(5, dev.reads);
        assertEquals(60, cache.readAheadPages());
    }

    @Test
    void scatteredMissesReadOnePageEach() {
        CountingDevice dev = new CountingDevice(new RamDisk(1 << 20));
        PageCache cache = new PageCache(dev, 64);
        byte[] b = new byte[1];
        for (int p = 0; p < 40; p++) cache.read((p * 7L % 200) * 4096, b, 0, 1);
        assertEquals(40, dev.reads);
        assertEquals(0, cache.readAheadPages());
    }

    @Test
    void readAheadNeverReplacesACachedDirtyPage() {
        RamDisk disk = new RamDisk(1 << 20);
        PageCache cache = new PageCache(disk, 64);
        byte[] one = {42};
        byte[] b = new byte[1];
        cache.read(0, b, 0, 1);
        cache.write(5 * 4096L, one, 0, 1);             // page 5 dirty, not on the disk
        for (int p = 1; p < 20; p++) cache.read(p * 4096L, b, 0, 1);
        cache.read(5 * 4096L, b, 0, 1);
        assertEquals(42, b[0], "the read-ahead stopped before the cached page");
        Random r = new Random(11);
        byte[] model = new byte[1 << 20];
        disk.read(0, model, 0, model.length);
        model[5 * 4096] = 42;
        for (int i = 0; i < 2000; i++) {
            int pos = r.nextInt((1 << 20) - 9000), len = r.nextInt(9000);
            if (r.nextBoolean()) {
                byte[] w = new byte[len];
                r.nextBytes(w);
                cache.write(pos, w, 0, len);
                System.arraycopy(w, 0, model, pos, len);
            } else {
                byte[] got = new byte[len];
                cache.read(pos, got, 0, len);
                for (int k = 0; k < len; k++) if (got[k] != model[pos + k]) throw new AssertionError("byte " + (pos + k) + " differs");
            }
        }
        assertEquals(0, cache.flush());
        byte[] onDisk = new byte[1 << 20];
        disk.read(0, onDisk, 0, onDisk.length);
        assertArrayEquals(model, onDisk);
    }

    @Test
    void writesStayInTheCacheUntilFlushedOrEvicted() {
        RamDisk disk = new RamDisk(1 << 20);
        PageCache cache = new PageCache(disk, 4);
        byte[] data = {1, 2, 3};
        assertEquals(3, cache.write(5000, data, 0, 3));
        byte[] raw = new byte[3];
        disk.read(5000, raw, 0, 3);
        assertArrayEquals(new byte[3], raw, "write-back: not on the device yet");
        assertEquals(0, cache.flush());
        disk.read(5000, raw, 0, 3);
        assertArrayEquals(data, raw);
        cache.write(0, data, 0, 3);
        for (int p = 1; p <= 8; p++) cache.read(p * 4096L, raw, 0, 1);   // evicts page 0
        disk.read(0, raw, 0, 3);
        assertArrayEquals(data, raw, "an evicted dirty page is written back");
    }

    @Test
    void readsAndWritesAcrossPagesMatchTheDevice() {
        RamDisk disk = new RamDisk(100_000);
        PageCache cache = new PageCache(disk, 3);
        Random r = new Random(9);
        byte[] model = new byte[100_000];
        for (int i = 0; i < 500; i++) {
            int pos = r.nextInt(95_000), len = r.nextInt(5000);
            byte[] b = new byte[len];
            r.nextBytes(b);
            assertEquals(len, cache.write(pos, b, 0, len));
            System.arraycopy(b, 0, model, pos, len);
        }
        byte[] all = new byte[100_000];
        assertEquals(all.length, cache.read(0, all, 0, all.length));
        assertArrayEquals(model, all);
        cache.flush();
        disk.read(0, all, 0, all.length);
        assertArrayEquals(model, all);
        assertTrue(cache.hits() + cache.misses() > 0);
    }

    @Test
    void accessOutsideTheDeviceIsEio() {
        PageCache cache = new PageCache(new RamDisk(10_000), 4);
        byte[] b = new byte[100];
        assertEquals(-Errno.EIO, cache.read(9_950, b, 0, 100));
        assertEquals(-Errno.EIO, cache.read(-1, b, 0, 1));
        assertEquals(-Errno.EIO, cache.write(Long.MAX_VALUE - 5, b, 0, 10));
        assertEquals(-Errno.EIO, cache.read(0, b, 95, 10));
        assertEquals(-Errno.EROFS, new PageCache(new RamDisk(10_000, true), 4).write(0, b, 0, 1));
    }

    @Test
    void aRamdiskIsSparseAndReadsZerosWhereNothingWasWritten() {
        RamDisk big = new RamDisk(8L << 30);
        byte[] b = {7};
        assertEquals(1, big.write((8L << 30) - 1, b, 0, 1));
        byte[] back = new byte[2];
        assertEquals(2, big.read((8L << 30) - 2, back, 0, 2));
        assertArrayEquals(new byte[] {0, 7}, back);
        assertEquals(-Errno.EROFS, big.asReadOnly().write(0, b, 0, 1));
    }
}
