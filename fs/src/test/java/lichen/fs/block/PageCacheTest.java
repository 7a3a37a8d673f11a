package lichen.fs.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lichen.fs.Errno;
import org.junit.jupiter.api.Test;

class PageCacheTest {
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
