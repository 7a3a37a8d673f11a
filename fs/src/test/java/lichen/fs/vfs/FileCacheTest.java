package lichen.fs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import lichen.api.Kmem;
import lichen.fs.tmpfs.TmpFs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page cache of files over tmpfs, with frames that are byte arrays and
 * "mappings" that are extra holds on them, as the kernel's address spaces take.
 */
class FileCacheTest {
    static final int PAGE = PageFrames.PAGE;

    /** Frames as arrays keyed by a made-up address, each with its holders. */
    static final class ArrayFrames implements PageFrames {
        final Map<Long, byte[]> bytes = new HashMap<>();
        final Map<Long, Integer> holds = new HashMap<>();
        long next = PAGE;
        int free = Integer.MAX_VALUE;

        @Override
        public long allocate() {
            if (free == 0) return -lichen.fs.Errno.ENOMEM;
            free--;
            long f = next;
            next += PAGE;
            bytes.put(f, new byte[PAGE]);
            holds.put(f, 1);
            return f;
        }

        /** A mapping takes the frame, or lets it go. */
        void map(long f) { holds.merge(f, 1, Integer::sum); }

        @Override
        public void release(long f) {
            int h = holds.get(f) - 1;
            if (h > 0) {
                holds.put(f, h);
                return;
            }
            holds.remove(f);
            bytes.remove(f);
            free++;
        }

        @Override
        public boolean mapped(long f) { return holds.get(f) > 1; }

        @Override
        public void read(long f, int at, byte[] dst, int off, int len) { System.arraycopy(bytes.get(f), at, dst, off, len); }

        @Override
        public void write(long f, int at, byte[] src, int off, int len) { System.arraycopy(src, off, bytes.get(f), at, len); }

        @Override
        public void zero(long f, int at, int len) { Arrays.fill(bytes.get(f), at, at + len, (byte) 0); }

        Inode unmappedFile;
        long unmappedFrom = -1;

        @Override
        public void unmapFile(Inode file, long fromIndex) {
            unmappedFile = file;
            unmappedFrom = fromIndex;
        }
    }

    Vfs vfs;
    FsContext ctx;
    ArrayFrames frames;

    @BeforeEach
    void setUp() {
        Kmem.reset();
        vfs = new Vfs(1024);
        vfs.mountRoot(new TmpFs(() -> 1_700_000_000_000_000_000L, 64 << 20));
        ctx = vfs.newContext(Credentials.ROOT);
        frames = new ArrayFrames();
        vfs.fileCache = new FileCache(frames, 8);
    }

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + seed + i / 251);
        return b;
    }

    OpenFile create(String path, byte[] data) {
        int fd = vfs.openat(ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDWR | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644);
        assertTrue(fd >= 0);
        OpenFile f = ctx.fds.get(fd);
        assertEquals(data.length, f.pwrite(data, 0, data.length, 0));
        return f;
    }

    static byte[] pread(OpenFile f, long pos, int len) {
        byte[] b = new byte[len];
        int n = f.pread(b, 0, len, pos);
        return Arrays.copyOf(b, Math.max(n, 0));
    }

    /** The filesystem's own bytes, below the cache. */
    static byte[] onDisk(Inode in, long pos, int len) {
        byte[] b = new byte[len];
        int n = in.read(pos, b, 0, len);
        return Arrays.copyOf(b, n);
    }

    byte[] frameBytes(long frame, int at, int len) { return Arrays.copyOfRange(frames.bytes.get(frame), at, at + len); }

    @Test
    void aPageHoldsTheFileAndZerosPastItsEnd() {
        byte[] data = pattern(PAGE + 100, 1);
        OpenFile f = create("/a", data);
        InodePages pages = vfs.fileCache.of(f.inode);
        long p0 = pages.page(0), p1 = pages.page(1);
        assertArrayEquals(Arrays.copyOf(data, PAGE), frameBytes(p0, 0, PAGE));
        assertArrayEquals(Arrays.copyOfRange(data, PAGE, PAGE + 100), frameBytes(p1, 0, 100));
        assertArrayEquals(new byte[PAGE - 100], frameBytes(p1, 100, PAGE - 100));
        assertEquals(p0, pages.page(0), "the same frame every time");
        assertEquals(InodePages.BEYOND_END, pages.page(2));
        assertEquals(2, vfs.fileCache.pages());
    }

    @Test
    void aStoreIntoAPageIsReadAndWrittenBack() {
        byte[] data = pattern(2 * PAGE, 2);
        OpenFile f = create("/b", data);
        InodePages pages = vfs.fileCache.of(f.inode);
        long p1 = pages.page(1);
        frames.map(p1);                                    // a shared mapping
        pages.pageWritten(1);
        frames.write(p1, 10, "STORE".getBytes(), 0, 5);  // its store
        assertArrayEquals("STORE".getBytes(), pread(f, PAGE + 10, 5), "read(2) sees the store");
        assertArrayEquals(Arrays.copyOfRange(data, PAGE + 10, PAGE + 15), onDisk(f.inode, PAGE + 10, 5), "not written back yet");
        assertEquals(0, vfs.fsync(f));
        assertArrayEquals("STORE".getBytes(), onDisk(f.inode, PAGE + 10, 5), "fsync wrote it back");
        assertTrue(pages.isDirty(1), "still mapped: a later store needs no fault, so the page stays dirty");
        frames.release(p1);                                // munmap
        assertEquals(0, vfs.sync());
        assertFalse(pages.isDirty(1), "written back with no mapping left: clean");
        assertArrayEquals(Arrays.copyOf(data, PAGE), onDisk(f.inode, 0, PAGE), "page 0 untouched");
    }

    @Test
    void writesReachCachedPagesAndGrowingZerosTheOldTail() {
        OpenFile f = create("/c", pattern(100, 3));
        InodePages pages = vfs.fileCache.of(f.inode);
        long p0 = pages.page(0);
        frames.map(p0);
        frames.write(p0, 200, "JUNK".getBytes(), 0, 4);   // a store past the end of the file: not file data
        assertEquals(5, f.pwrite("HELLO".getBytes(), 0, 5, 50));
        assertArrayEquals("HELLO".getBytes(), frameBytes(p0, 50, 5), "the mapping sees write(2) at once");
        assertEquals(3, f.pwrite("END".getBytes(), 0, 3, 300));
        assertArrayEquals(new byte[200], frameBytes(p0, 100, 200), "the gap the write opened reads as zeros");
        assertArrayEquals(new byte[200], pread(f, 100, 200));
        assertArrayEquals("END".getBytes(), pread(f, 300, 3));
    }

    @Test
    void truncationDropsPagesPastTheEndAndZerosTheNewTail() {
        byte[] data = pattern(3 * PAGE, 4);
        OpenFile f = create("/d", data);
        InodePages pages = vfs.fileCache.of(f.inode);
        long p0 = pages.page(0), p2 = pages.page(2);
        frames.map(p2);
        pages.pageWritten(2);
        assertEquals(0, vfs.ftruncate(f, 10));
        assertSame(f.inode, frames.unmappedFile);
        assertEquals(1, frames.unmappedFrom, "mappings of pages 1 and up are unmapped");
        assertEquals(1, pages.count());
        assertArrayEquals(new byte[PAGE - 10], frameBytes(p0, 10, PAGE - 10));
        assertTrue(frames.holds.containsKey(p2), "the fake mapping still holds the dropped page (a kernel one was unmapped)");
        assertEquals(InodePages.BEYOND_END, pages.page(2), "a new fault there is past the end");
        assertEquals(0, vfs.sync(), "the dropped dirty page is not written");
        assertEquals(10, f.inode.size);
        assertEquals(0, vfs.ftruncate(f, 2 * PAGE));
        assertArrayEquals(new byte[2 * PAGE - 10], pread(f, 10, 2 * PAGE - 10));
        frames.release(p2);
        assertFalse(frames.holds.containsKey(p2), "freed with its last mapping");
    }

    @Test
    void oTruncEmptiesTheCache() {
        OpenFile f = create("/e", pattern(2 * PAGE, 5));
        InodePages pages = vfs.fileCache.of(f.inode);
        pages.page(0);
        pages.page(1);
        int fd = vfs.openat(ctx, OpenFlags.AT_FDCWD, "/e", OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, 0);
        assertTrue(fd >= 0);
        assertEquals(0, pages.count());
        assertEquals(0, vfs.fileCache.pages());
    }

    @Test
    void pastTheLimitCleanUnmappedPagesGoOldestFileFirst() {
        OpenFile old = create("/old", pattern(4 * PAGE, 6));
        OpenFile busy = create("/busy", pattern(4 * PAGE, 7));
        OpenFile fresh = create("/fresh", pattern(4 * PAGE, 8));
        InodePages o = vfs.fileCache.of(old.inode), b = vfs.fileCache.of(busy.inode), n = vfs.fileCache.of(fresh.inode);
        for (int i = 0; i < 4; i++) o.page(i);
        for (int i = 0; i < 4; i++) {
            long fr = b.page(i);
            frames.map(fr);
            if (i == 0) b.pageWritten(0);
        }
        for (int i = 0; i < 4; i++) n.page(i);
        assertTrue(vfs.fileCache.pages() <= 8 + 1, "at most the limit, give or take the page being added: " + vfs.fileCache.pages());
        assertNull(old.inode.pages, "the oldest file lost every page and left the cache");
        assertEquals(4, b.count(), "mapped pages stay");
        assertEquals(4, n.count());
        assertArrayEquals(pattern(4 * PAGE, 6), pread(old, 0, 4 * PAGE), "what left is read from the filesystem");
    }

    @Test
    void noFreeFrameMakesRoomOrIsEnomem() {
        vfs.fileCache = new FileCache(frames, 1000);
        OpenFile a = create("/a", pattern(2 * PAGE, 9));
        OpenFile b = create("/b", pattern(2 * PAGE, 10));
        InodePages pa = vfs.fileCache.of(a.inode), pb = vfs.fileCache.of(b.inode);
        frames.free = 2;
        pa.page(0);
        frames.map(pa.page(1));
        assertTrue(pb.page(0) > 0, "a's clean unmapped page made room");
        assertEquals(-lichen.fs.Errno.ENOMEM, pb.page(1), "a mapped page is never taken");
    }

    @Test
    void theLastCloseOfAnUnlinkedFileFreesItsPagesAndNothingLeaks() {
        OpenFile f = create("/gone", pattern(3 * PAGE, 11));
        InodePages pages = vfs.fileCache.of(f.inode);
        for (int i = 0; i < 3; i++) pages.page(i);
        pages.pageWritten(1);
        assertEquals(0, vfs.unlinkat(ctx, OpenFlags.AT_FDCWD, "/gone", 0));
        assertSame(pages, f.inode.pages, "open: still cached");
        assertEquals(0, ctx.fds.close(0));
        assertNull(f.inode.pages);
        assertEquals(0, vfs.fileCache.pages());
        assertTrue(frames.holds.isEmpty(), "every frame freed");
        assertEquals(0, Kmem.liveCount(), "the index's arrays and the pages object were given back");
    }

    @Test
    void umountWritesBackAndForgets() {
        TmpFs tmp = new TmpFs(() -> 0, 1 << 20);
        assertEquals(0, vfs.mkdirat(ctx, OpenFlags.AT_FDCWD, "/mnt", 0755));
        assertEquals(0, vfs.mount(ctx, "/mnt", tmp));
        OpenFile f = create("/mnt/x", pattern(PAGE, 12));
        Inode in = f.inode;
        long p = vfs.fileCache.of(in).page(0);
        frames.map(p);
        vfs.fileCache.of(in).pageWritten(0);
        frames.write(p, 0, "MAPPED".getBytes(), 0, 6);
        assertEquals(0, f.close());
        assertEquals(0, vfs.umount(ctx, "/mnt"));
        assertArrayEquals("MAPPED".getBytes(), onDisk(in, 0, 6));
        assertNull(in.pages);
    }

    @Test
    void thePageIndexAgreesWithAMap() {
        PageIndex idx = new PageIndex();
        Map<Long, Long> model = new HashMap<>();
        Random r = new Random(13);
        for (int step = 0; step < 20000; step++) {
            long key = r.nextInt(3000) * (r.nextBoolean() ? 1 : 1_000_003L);
            if (r.nextInt(3) == 0) {
                for (int s = 0; s < idx.slots(); s++) {
                    if (idx.keyAt(s) == key) {
                        idx.removeAt(s);
                        break;
                    }
                }
                model.remove(key);
            } else {
                long v = (step + 1L) << 12;
                idx.put(key, v);
                model.put(key, v);
            }
            if (step % 997 == 0) {
                for (int s = 0; s < idx.slots(); ) {       // a walk that removes every other key, as truncation does
                    long k = idx.keyAt(s);
                    if (k >= 0 && (k & 1) == 1) {
                        idx.removeAt(s);
                        model.remove(k);
                    } else {
                        s++;
                    }
                }
            }
        }
        assertEquals(model.size(), idx.size());
        for (Map.Entry<Long, Long> e : model.entrySet()) assertEquals(e.getValue(), idx.get(e.getKey()));
        for (long k = 0; k < 3000; k++) if (!model.containsKey(k)) assertEquals(0, idx.get(k));
        idx.free();
    }
}
