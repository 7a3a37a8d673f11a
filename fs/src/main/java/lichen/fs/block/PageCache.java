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
 */
public final class PageCache implements BlockDevice {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE = 1 << PAGE_SHIFT;

    private static final class Page {
        long index;
        final byte[] data = new byte[PAGE];
        int valid;          // bytes of the page that lie inside the device
        boolean dirty;
        Page prev, next;    // LRU list, most recent at head

        Page(long index) {
            this.index = index;
        }
    }

    private final BlockDevice device;
    private final int capacity;
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

    @Async
    private int writeBack(Page p) {
        if (!p.dirty) return 0;
        int r = device.write(p.index << PAGE_SHIFT, p.data, 0, p.valid);
        if (r < 0) return r;
        p.dirty = false;
        return 0;
    }

    /** The page holding byte {@code index << PAGE_SHIFT}, read in if needed; null on an I/O error. */
    @Async
    private Page page(long index, int[] err) {
        Page p = pages.get(index);
        if (p != null) {
            hits++;
            unlink(p);
            pushFront(p);
            return p;
        }
        misses++;
        Page victim = null;
        while (pages.size() >= capacity && tail != null) {
            victim = tail;
            int r = writeBack(victim);
            if (r < 0) {
                err[0] = r;
                return null;
            }
            unlink(victim);
            pages.remove(victim.index);
        }
        // A full cache recycles the evicted page for the new one, so reading never
        // allocates once the cache is full (the kernel has no collector to reclaim it).
        if (victim != null) {
            p = victim;
            p.index = index;
        } else {
            p = new Page(index);
        }
        long start = index << PAGE_SHIFT;
        p.valid = (int) Math.min(PAGE, device.size() - start);
        for (int i = p.valid; i < PAGE; i++) p.data[i] = 0;
        int r = device.read(start, p.data, 0, p.valid);
        if (r < 0) {
            err[0] = r;
            return null;
        }
        pages.put(index, p);
        pushFront(p);
        return p;
    }

    private boolean valid(long pos, byte[] buf, int off, int len) {
        return pos >= 0 && len >= 0 && off >= 0 && off <= buf.length - len && pos <= device.size() - len;
    }

    @Override
    @Async
    public int read(long pos, byte[] dst, int off, int len) {
        if (!valid(pos, dst, off, len)) return -Errno.EIO;
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
        if (!valid(pos, src, off, len)) return -Errno.EIO;
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
            done += n;
        }
        return len;
    }

    @Override
    @Async
    public int flush() {
        for (Page p = head; p != null; p = p.next) {
            int r = writeBack(p);
            if (r < 0) return r;
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
