package lichen.fs.block;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.LongObjectMap;

/**
 * A write-back cache of 4 KiB pages in front of a block device, itself a block
 * device, so filesystems read metadata and data through it without caring
 * about alignment. At most {@code capacity} pages are held; the least recently
 * used page is evicted (written back first when dirty). {@link #flush} writes
 * every dirty page and then flushes the device.
 *
 * <p>Sequential misses read ahead: a miss on the page after the previous miss
 * reads that page and up to {@link #READ_AHEAD} - 1 following ones that are
 * not cached in one device read (one request instead of sixteen on a disk,
 * as Linux's readahead window does for a file read in order).
 */
public final class PageCache implements BlockDevice {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE = 1 << PAGE_SHIFT;

    private static final class Page {
        long index;
        final byte[] data = new byte[PAGE];
        int valid;          // bytes of the page that lie inside the device
        boolean dirty;
        long writes;        // stores into the page so far (write-back keeps it dirty when one came during the write)
        Page prev, next;    // LRU list, most recent at head

        Page(long index) {
            this.index = index;
        }
    }

    /** Pages one sequential miss reads at most (64 KiB). */
    static final int READ_AHEAD = 16;

    private final BlockDevice device;
    private final int capacity;
    /** Where a read-ahead lands before it is split into pages; made at the first one. */
    private byte[] ahead;
    /** The page of the last miss: the next one after it is a sequential read. */
    private long lastMiss = -2;
    /** While a read-ahead is in {@link #ahead} (the device may sleep): another miss reads one page. */
    private boolean aheadBusy;
    /** A page object left over when another task filled the same page first: the next miss uses it. */
    private Page spare;
    private long readAheadPages;
    private final LongObjectMap<Page> pages;
    private Page head, tail;
    private long hits, misses;

    public PageCache(BlockDevice device, int capacityPages) {
        this.device = device;
        this.capacity = Math.max(4, capacityPages);
        this.pages = new LongObjectMap<>(this.capacity);
    }

    public BlockDevice device() {
        return device;
    }

    /** Pages held now (/proc/meminfo's Buffers). */
    public int cachedPages() {
        return pages.size();
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    /** Pages read in ahead of a sequential miss. */
    public long readAheadPages() {
        return readAheadPages;
    }

    @Override
    public long size() {
        return device.size();
    }

    @Override
    public boolean readOnly() {
        return device.readOnly();
    }

    private void unlink(Page p) {
        if (p.prev != null) p.prev.next = p.next; else head = p.next;
        if (p.next != null) p.next.prev = p.prev; else tail = p.prev;
        p.prev = p.next = null;
    }

    private void pushFront(Page p) {
        p.next = head;
        p.prev = null;
        if (head != null) head.prev = p;
        head = p;
        if (tail == null) tail = p;
    }

    /**
     * Writes a dirty page to the device. The device may sleep: a write into the page meanwhile
     * (its {@code writes} count moves) keeps it dirty, for the next write-back.
     */
    @Async
    private int writeBack(Page p) {
        if (!p.dirty) return 0;
        long writes = p.writes;
        int r = device.write(p.index << PAGE_SHIFT, p.data, 0, p.valid);
        if (r < 0) return r;
        if (p.writes == writes) p.dirty = false;
        return 0;
    }

    private Page touched(Page p) {
        hits++;
        unlink(p);
        pushFront(p);
        return p;
    }

    /**
     * The page holding byte {@code index << PAGE_SHIFT}, read in if needed; null on an I/O error.
     * The device may sleep, and another task may miss on the same page meanwhile: a page is
     * added only when the map still lacks it after the read (else the one that is there wins).
     */
    @Async
    private Page page(long index, int[] err) {
        Page p = pages.get(index);
        if (p != null) return touched(p);
        misses++;
        boolean sequential = index == lastMiss + 1;
        lastMiss = index;
        long start = index << PAGE_SHIFT;
        int run = 1;
        if (sequential && !aheadBusy) {
            while (run < READ_AHEAD && run < capacity / 2 && (index + run) << PAGE_SHIFT < device.size()
                    && pages.get(index + run) == null) run++;
        }
        if (run == 1) {
            Page q = freePage(index, err);
            if (q == null) return null;
            q.valid = (int) Math.min(PAGE, device.size() - start);
            for (int i = q.valid; i < PAGE; i++) q.data[i] = 0;
            int r = device.read(start, q.data, 0, q.valid);
            if (r < 0) {
                spare = q;
                err[0] = r;
                return null;
            }
            return added(q);
        }
        if (ahead == null) ahead = new byte[READ_AHEAD * PAGE];
        aheadBusy = true;
        int bytes = (int) Math.min((long) run * PAGE, device.size() - start);
        int r = device.read(start, ahead, 0, bytes);
        if (r < 0) {
            aheadBusy = false;
            err[0] = r;
            return null;
        }
        // The pages after the one asked for go in first, so the one asked for ends most recent.
        for (int k = run - 1; k >= 0; k--) {
            Page q = freePage(index + k, err);
            if (q == null) {
                aheadBusy = false;
                return null;
            }
            q.valid = Math.min(PAGE, bytes - k * PAGE);
            System.arraycopy(ahead, k * PAGE, q.data, 0, q.valid);
            for (int i = q.valid; i < PAGE; i++) q.data[i] = 0;
            Page in = added(q);
            if (k > 0 && in == q) readAheadPages++;
            p = in;
        }
        aheadBusy = false;
        lastMiss = index + run - 1;
        return p;
    }

    /** {@code q}, filled for its index, in the cache as the most recent page; or the page another task put there meanwhile. */
    private Page added(Page q) {
        Page there = pages.get(q.index);
        if (there != null) {
            spare = q;
            return touched(there);
        }
        pages.put(q.index, q);
        pushFront(q);
        return q;
    }

    /**
     * A page object for {@code index}, in neither the map nor the list: the least recently used
     * page evicted when the cache is full (a dirty one is written back first, and looked at
     * again, since the write may sleep and the page be used meanwhile), else the spare one,
     * else a new one; so reading never allocates once the cache is full (the kernel has no
     * collector to reclaim it). Null on a write-back error.
     */
    @Async
    private Page freePage(long index, int[] err) {
        Page p = null;
        while (p == null && pages.size() >= capacity && tail != null) {
            Page victim = tail;
            if (victim.dirty) {
                int r = writeBack(victim);
                if (r < 0) {
                    err[0] = r;
                    return null;
                }
                continue;
            }
            unlink(victim);
            pages.remove(victim.index);
            p = victim;
        }
        if (p == null && spare != null) {
            p = spare;
            spare = null;
        }
        if (p == null) return new Page(index);
        p.index = index;
        p.dirty = false;
        return p;
    }

    @Override
    @Async
    public int read(long pos, byte[] dst, int off, int len) {
        if (!BlockDevice.inRange(device.size(), pos, dst, off, len)) return -Errno.EIO;
        int[] err = new int[1];
        int done = 0;
        while (done < len) {
            long p = pos + done;
            Page page = page(p >>> PAGE_SHIFT, err);
            if (page == null) return err[0];
            int within = (int) (p & (PAGE - 1));
            int n = Math.min(len - done, page.valid - within);
            System.arraycopy(page.data, within, dst, off + done, n);
            done += n;
        }
        return len;
    }

    @Override
    @Async
    public int write(long pos, byte[] src, int off, int len) {
        if (device.readOnly()) return -Errno.EROFS;
        if (!BlockDevice.inRange(device.size(), pos, src, off, len)) return -Errno.EIO;
        int[] err = new int[1];
        int done = 0;
        while (done < len) {
            long p = pos + done;
            Page page = page(p >>> PAGE_SHIFT, err);
            if (page == null) return err[0];
            int within = (int) (p & (PAGE - 1));
            int n = Math.min(len - done, page.valid - within);
            System.arraycopy(src, off + done, page.data, within, n);
            page.dirty = true;
            page.writes++;
            done += n;
        }
        return len;
    }

    @Override
    @Async
    public int flush() {
        for (Page p = head; p != null; ) {
            long index = p.index;
            int r = writeBack(p);
            if (r < 0) return r;
            // The write may have slept and another task evicted the page for another: start over (clean pages cost a look).
            p = pages.get(index) == p ? p.next : head;
        }
        return device.flush();
    }

    /** Writes back and forgets every page (the next reads go to the device). */
    @Async
    public int invalidate() {
        int r = flush();
        if (r < 0) return r;
        pages.clear();
        head = tail = null;
        return 0;
    }
}
