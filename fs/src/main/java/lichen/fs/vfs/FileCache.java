package lichen.fs.vfs;

import lichen.api.Async;
import lichen.api.Kmem;

/**
 * The page cache of files: each file's cached pages ({@link InodePages},
 * reached from its inode's {@code pages}), the frames they live in, and a
 * limit on how many there are. It sits in the VFS, beside the inodes whose
 * data it holds, so that every read, write and truncation of a file passes
 * it whichever filesystem the file is on; its frames come from below
 * ({@link PageFrames}: the kernel's buddy frames, which mmap(2) maps).
 *
 * <p>Past the limit, and when no frame is free, pages no mapping holds and
 * no store has dirtied go, least recently used files first; a file left
 * with no pages leaves the cache. Dirty pages go to their filesystem only
 * when written back ({@link #writeBack}).
 */
public final class FileCache {
    public final PageFrames frames;
    private final int limit;
    private int total;
    /** Files with cached pages, most recently used first. */
    private InodePages newest, oldest;

    /** A cache in {@code frames} of at most about {@code limit} pages (mapped and dirty ones are kept over it). */
    public FileCache(PageFrames frames, int limit) {
        this.frames = frames;
        this.limit = limit;
    }

    /** Pages cached now, over every file. */
    public int pages() { return total; }

    /** The cached pages of {@code inode}, none yet if it had none. */
    public InodePages of(Inode inode) {
        if (inode.pages == null) {
            InodePages p = new InodePages(this, inode);
            inode.pages = p;
            pushNewest(p);
        }
        return inode.pages;
    }

    void added(int n) { total += n; }

    /** {@code p} is being used: it goes to the front of the list, last to lose pages. */
    void used(InodePages p) {
        if (newest == p) return;
        unlink(p);
        pushNewest(p);
    }

    /** A zeroed frame for a page of {@code forWhom}, making room first when the cache is full or memory is; or -ENOMEM. */
    long allocate(InodePages forWhom) {
        if (total >= limit) shrink(limit - limit / 8, forWhom);
        long frame = frames.allocate();
        if (frame < 0) {
            shrink(0, forWhom);
            frame = frames.allocate();
        }
        return frame;
    }

    /** Drops clean, unmapped pages, oldest files first, until {@code target} remain; {@code keep}'s stay. */
    private void shrink(int target, InodePages keep) {
        InodePages p = oldest;
        while (p != null && total > target) {
            InodePages next = p.newer;
            if (p != keep) {
                p.dropClean();
                if (p.count() == 0) forget(p);
            }
            p = next;
        }
    }

    /**
     * Writes back the dirty pages of every file on {@code fs} (of every file
     * when null): sync(2), syncfs(2), unmount, power-off. 0 or the last error.
     */
    @Async
    public int writeBack(FileSystem fs) {
        // The inodes are gathered first: writing one back may sleep, and the list may change meanwhile.
        int n = 0;
        for (InodePages p = newest; p != null; p = p.older) n++;
        Inode[] files = new Inode[n];
        n = 0;
        for (InodePages p = newest; p != null; p = p.older) if (fs == null || p.inode.fs == fs) files[n++] = p.inode;
        int result = 0;
        for (int i = 0; i < n; i++) {
            InodePages p = files[i].pages;
            int rc = p == null ? 0 : p.writeBack(0, Long.MAX_VALUE);
            if (rc < 0) result = rc;
        }
        return result;
    }

    /** Every file of {@code fs} leaves the cache, dirty pages too: it is being unmounted (written back already). */
    public void forgetAll(FileSystem fs) {
        for (InodePages p = newest; p != null; ) {
            InodePages next = p.older;
            if (p.inode.fs == fs) forget(p);
            p = next;
        }
    }

    /** {@code p}'s pages and the object itself go; its inode has no cached pages afterwards. */
    void forget(InodePages p) {
        unlink(p);
        p.inode.pages = null;
        p.free();
        Kmem.free(p);
    }

    private void pushNewest(InodePages p) {
        p.older = newest;
        p.newer = null;
        if (newest != null) newest.newer = p;
        newest = p;
        if (oldest == null) oldest = p;
    }

    private void unlink(InodePages p) {
        if (p.newer != null) p.newer.older = p.older;
        else newest = p.older;
        if (p.older != null) p.older.newer = p.newer;
        else oldest = p.newer;
        p.newer = null;
        p.older = null;
    }
}
