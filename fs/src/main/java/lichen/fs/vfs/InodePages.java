package lichen.fs.vfs;

import lichen.api.Async;
import lichen.api.Kmem;
import lichen.api.Slab;
import lichen.fs.Errno;

/**
 * One file's pages in the page cache (Linux's address_space): frames holding
 * its bytes by page index, which mmap(2) maps — shared mappings writable,
 * private ones read-only until a write copies the page — and which read(2)
 * and write(2) on the file go through, so every mapping and every
 * descriptor sees one copy of the data.
 *
 * <p>Writes go through to the filesystem and into the cached pages they
 * cover, so the filesystem is never behind a write(2) (it allocates blocks,
 * moves the size and reports ENOSPC then) and a cached page is dirty only
 * when a shared mapping may have stored into it. A dirty page stays dirty
 * while anything maps it (a mapping may store again without a fault) and is
 * written back by {@link #writeBack}: msync(2), fsync(2), sync(2), unmount.
 * Pages not cached are read from the filesystem directly, without filling
 * the cache, which holds the pages mappings ask for (the block cache below
 * ext4 holds recently read blocks anyway).
 *
 * <p>Bytes of the last page past the end of the file are zeros in the
 * cache's frame unless a shared mapping stored there (mmap(2): such stores
 * are not written to the file); they are zeroed again whenever the file
 * grows over them, so they never become file data.
 */
@Slab
public final class InodePages {
    private static final int PAGE = PageFrames.PAGE;
    /** Low bit of a page's word: a shared mapping may have stored into it since it was last written back. */
    private static final long DIRTY = 1;
    private static final long FRAME = -PAGE;
    /** {@link #page} past the end of the file: a fault there is SIGBUS, a system call's copy EFAULT (mmap(2)). */
    public static final int BEYOND_END = -Errno.ENXIO;

    final Inode inode;
    private final FileCache cache;
    private final PageIndex pages = new PageIndex();
    /** The cache's list of files, most recently used first. */
    InodePages newer, older;
    /** Counts changes of the file's bytes and size, so a page read while the reader slept can be seen to be stale. */
    private long changes;

    InodePages(FileCache cache, Inode inode) {
        this.cache = cache;
        this.inode = inode;
    }

    /** read(2) of {@code in}'s bytes: through its cached pages when it has any, else from its filesystem. */
    @Async
    public static int readFile(Inode in, long pos, byte[] buf, int off, int len) {
        return in.pages != null ? in.pages.read(pos, buf, off, len) : in.read(pos, buf, off, len);
    }

    /** write(2) to {@code in}: to its filesystem, then into the pages it has cached. */
    @Async
    public static int writeFile(Inode in, long pos, byte[] buf, int off, int len) {
        long oldSize = in.size;
        int n = in.write(pos, buf, off, len);
        if (n > 0 && in.pages != null) in.pages.wrote(pos, buf, off, n, oldSize);
        return n;
    }

    /** truncate(2) of {@code in} to {@code size}: its filesystem's, then its cached pages follow. */
    @Async
    public static int truncateFile(Inode in, long size) {
        long oldSize = in.size;
        int r = in.truncate(size);
        if (r >= 0 && in.pages != null) in.pages.resized(oldSize, in.size);
        return r;
    }

    /** Pages cached now. */
    public int count() { return pages.size(); }

    /**
     * The frame holding page {@code index}, read from the file when it is not
     * cached; {@link #BEYOND_END} for a page wholly past the end of the file,
     * or another negative errno. The cache keeps its own hold on the frame; a
     * caller that maps it takes another.
     */
    @Async
    public long page(long index) {
        cache.used(this);
        for (;;) {
            long word = pages.get(index);
            if (word != 0) return word & FRAME;
            long pos = index * PAGE;
            if (index < 0 || pos >= inode.size) return BEYOND_END;
            long frame = cache.allocate(this);
            if (frame < 0) return frame;
            long before = changes;
            int rc = fill(frame, pos);
            if (rc < 0) {
                cache.frames.release(frame);
                return rc;
            }
            if (changes != before || pages.get(index) != 0) {
                cache.frames.release(frame); // the file changed, or another reader cached the page, while this one slept
                continue;
            }
            pages.put(index, frame);
            cache.added(1);
            return frame;
        }
    }

    /** Reads the file's bytes at {@code pos} into the zeroed {@code frame}, up to the end of the file. */
    @Async
    private int fill(long frame, long pos) {
        int want = (int) Math.min(PAGE, inode.size - pos);
        byte[] buf = new byte[want];
        int done = 0;
        while (done < want) {
            int n = inode.read(pos + done, buf, done, want - done);
            if (n < 0) return n;
            if (n == 0) break; // the file shrank meanwhile: the rest stays zero
            done += n;
        }
        cache.frames.write(frame, 0, buf, 0, done);
        return 0;
    }

    /** A shared mapping is about to store into page {@code index} (its first write fault there): the page is dirty. */
    public void pageWritten(long index) {
        long word = pages.get(index);
        if (word != 0) pages.put(index, word | DIRTY);
    }

    /** Whether page {@code index} is cached and dirty. */
    public boolean isDirty(long index) { return (pages.get(index) & DIRTY) != 0; }

    /** read(2) at {@code pos}: cached pages are copied from their frames, the others read from the filesystem. */
    @Async
    public int read(long pos, byte[] buf, int off, int len) {
        long end = Math.min(pos + len, inode.size);
        int done = 0;
        while (pos + done < end) {
            long at = pos + done;
            int inPage = (int) (at & (PAGE - 1));
            long word = pages.get(at / PAGE);
            if (word != 0) {
                int n = (int) Math.min(PAGE - inPage, end - at);
                cache.frames.read(word & FRAME, inPage, buf, off + done, n);
                done += n;
                continue;
            }
            long runEnd = at - inPage + PAGE; // up to the next cached page, in one filesystem read
            while (runEnd < end && pages.get(runEnd / PAGE) == 0) runEnd += PAGE;
            int want = (int) (Math.min(runEnd, end) - at);
            int n = inode.read(at, buf, off + done, want);
            if (n < 0) return done > 0 ? done : n;
            done += n;
            if (n < want) break;
        }
        return done;
    }

    /**
     * The filesystem took {@code len} bytes of {@code buf[off..]} at {@code pos}
     * (write(2)); the file was {@code oldSize} bytes before. The cached pages
     * the write covers take the same bytes, so mappings see it at once.
     */
    public void wrote(long pos, byte[] buf, int off, int len, long oldSize) {
        changes++;
        if (pos + len > oldSize) zeroPastEnd(oldSize);
        for (int done = 0; done < len; ) {
            long at = pos + done;
            int inPage = (int) (at & (PAGE - 1));
            int n = Math.min(PAGE - inPage, len - done);
            long word = pages.get(at / PAGE);
            if (word != 0) cache.frames.write(word & FRAME, inPage, buf, off + done, n);
            done += n;
        }
    }

    /**
     * The file's size went from {@code oldSize} to {@code newSize} (truncate(2),
     * O_TRUNC): pages wholly past the new end leave the cache, dirty or not, and
     * the rest of the new last page reads as zeros, as the filesystem now holds.
     * Mappings of the pages past the end are unmapped, so a later access there
     * faults (SIGBUS) rather than reaching a page the file no longer has.
     */
    public void resized(long oldSize, long newSize) {
        changes++;
        if (newSize >= oldSize) {
            zeroPastEnd(oldSize);
            return;
        }
        long keep = (newSize + PAGE - 1) / PAGE;
        cache.frames.unmapFile(inode, keep);
        int dropped = 0;
        for (int s = 0; s < pages.slots(); ) {
            long index = pages.keyAt(s);
            if (index >= keep) {
                cache.frames.release(pages.valueAt(s) & FRAME);
                pages.removeAt(s); // an entry may have moved into slot s: look at it again
                dropped++;
            } else {
                s++;
            }
        }
        cache.added(-dropped);
        zeroPastEnd(newSize);
    }

    /** Zeros the cached last page from {@code size} (the file's end) to the end of the page. */
    private void zeroPastEnd(long size) {
        int inPage = (int) (size & (PAGE - 1));
        if (inPage == 0) return;
        long word = pages.get(size / PAGE);
        if (word != 0) cache.frames.zero(word & FRAME, inPage, PAGE - inPage);
    }

    /**
     * Writes the dirty pages with index in [{@code from}, {@code to}) to the
     * filesystem (each up to the end of the file). A page nothing maps any more
     * is clean afterwards; a mapped one stays dirty, since its mapping may store
     * into it again without a fault. 0 or the first error (pages after it stay dirty).
     */
    @Async
    public int writeBack(long from, long to) {
        if (inode.nlink == 0 && inode.openCount == 0) return 0; // its storage is freed: nothing to write to
        long[] dirty = new long[pages.size()];
        int n = 0;
        for (int s = 0; s < pages.slots(); s++) {
            long index = pages.keyAt(s);
            if (index >= from && index < to && (pages.valueAt(s) & DIRTY) != 0) dirty[n++] = index;
        }
        byte[] buf = n == 0 ? null : new byte[PAGE];
        for (int i = 0; i < n; i++) {
            long word = pages.get(dirty[i]);
            if ((word & DIRTY) == 0) continue; // truncated away, or written back, while an earlier page's write slept
            long pos = dirty[i] * PAGE;
            long frame = word & FRAME;
            if (pos < inode.size) {
                int len = (int) Math.min(PAGE, inode.size - pos);
                cache.frames.read(frame, 0, buf, 0, len);
                int rc = inode.write(pos, buf, 0, len);
                if (rc < 0) return rc;
                if (rc < len) return -Errno.EIO;
            }
            long now = pages.get(dirty[i]);
            if ((now & FRAME) == frame && !cache.frames.mapped(frame)) pages.put(dirty[i], frame);
        }
        return 0;
    }

    /** Lets go of the pages no mapping holds and no store has dirtied, as memory runs short; how many went. */
    int dropClean() {
        int dropped = 0;
        for (int s = 0; s < pages.slots(); ) {
            long word = pages.valueAt(s);
            if (pages.keyAt(s) >= 0 && (word & DIRTY) == 0 && !cache.frames.mapped(word & FRAME)) {
                cache.frames.release(word & FRAME);
                pages.removeAt(s);
                dropped++;
            } else {
                s++;
            }
        }
        cache.added(-dropped);
        return dropped;
    }

    /** The file's storage is gone (unlinked and closed): its pages leave the cache unwritten. */
    public void discard() { cache.forget(this); }

    /** Lets go of every page, dirty or not, and of the index: {@link FileCache#forget}'s part. */
    void free() {
        int n = 0;
        for (int s = 0; s < pages.slots(); s++) {
            if (pages.keyAt(s) < 0) continue;
            cache.frames.release(pages.valueAt(s) & FRAME);
            n++;
        }
        cache.added(-n);
        pages.free();
        Kmem.free(pages);
    }
}
