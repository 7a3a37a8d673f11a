package lichen.kernel.mm;

import lichen.api.Async;
import lichen.api.Mem;
import lichen.api.Unsafe;
import lichen.api.VA;
import lichen.arch.aarch64.KernelAddressSpace;
import lichen.libkernel.Errno;
import lichen.libkernel.mm.BuddyAllocator;
import lichen.libkernel.mm.CowTracker;
import lichen.libkernel.mm.PageTable;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.ReleasedFrames;
import lichen.libkernel.mm.Vma;

/**
 * The frames behind user address spaces and who maps them. A page is
 * filled on its first touch: zeros, or the page cache's frame of a file
 * (lichen.fs.vfs.FileCache, which counts as one more mapper, so its frames
 * outlive the spaces that map them). fork shares every present page instead
 * of copying it — a shared mapping's pages keep their permissions in both
 * spaces, a private mapping's become read-only in both — and the first write
 * to a read-only private page copies it unless its space is the last to map
 * it (copy-on-write, as Linux's do_wp_page); a cached file page always has
 * another mapper, the cache, so it is always copied. A frame is freed when
 * the last mapper lets it go. Scans skip empty table ranges
 * ({@link PageTable#nextMapped}), so a large sparse area costs little.
 */
@Unsafe
final class UserPages {
    private static final long PAGE = UserAddressSpace.PAGE;
    private static CowTracker mappers;

    private UserPages() {}

    static BuddyAllocator frames() { return KernelAddressSpace.get().frames(); }

    static CowTracker mappers() {
        if (mappers == null) mappers = new CowTracker(frames().basePa(), frames().frameCount());
        return mappers;
    }

    /** A present page's descriptor permissions: the area's, for EL0; PROT_NONE keeps the frame but only the kernel reaches it. */
    static int pageProt(int prot) { return (prot & 7) == 0 ? Prot.READ : (prot & 7) | Prot.USER; }

    /**
     * A frame for {@code page} of {@code v}: zeros; or the page cache's frame of the file,
     * mapped read-only (a write fault then copies it for a private area, or marks it dirty
     * and makes it writable for a shared one, {@link #breakShare}); or, for a private page
     * part of which is zeroed (.bss), a file with no cache or another source ([sigpage]), a frame
     * the source fills.
     * Its physical address, or -errno.
     */
    @Async
    static long fill(PageTable t, long page, Vma v) {
        if (!(v.file() instanceof PageSource src)) return fillWithZeros(t, page, v);
        long offset = (v.pgoff() << 12) + (page - v.start());
        if (src instanceof FilePages fp && (v.isShared() || fp.showsCachePage(offset))) {
            long cached = fp.file().page(offset >> 12);
            if (cached >= 0) return mapCached(t, page, v, cached);
            if (cached != MappedFile.NOT_CACHED || v.isShared()) return cached;
        }
        long pa = frames().allocPages(0);
        if (pa < 0) return -Errno.ENOMEM;
        Mem.zero(pa, PAGE);
        int rc = src.fillPage(pa, offset);
        if (rc < 0) {
            frames().freePages(pa, 0);
            return rc;
        }
        return mapFilled(t, page, v, pa);
    }

    /** Maps the page cache's frame {@code pa} read-only at {@code page}, as one more mapper of it. */
    private static long mapCached(PageTable t, long page, Vma v, long pa) {
        if (t.protAt(page) >= 0) return t.translate(page); // filled meanwhile (reading the file slept)
        int rc = t.map(page, pa, PAGE, pageProt(v.prot() & ~Prot.WRITE), 0);
        if (rc < 0) return rc;
        mappers().share(pa);
        return pa;
    }

    /** Every absent page of the anonymous area {@code v} gets a zeroed frame; 0 or -ENOMEM. */
    static int fillAll(PageTable t, Vma v) {
        for (long va = v.start(); va < v.end(); va += PAGE) {
            if (t.protAt(va) >= 0) continue;
            long pa = fillWithZeros(t, va, v);
            if (pa < 0) return (int) pa;
        }
        return 0;
    }

    /** A zeroed frame for the absent {@code page} of the anonymous area {@code v}: no I/O, so it never sleeps (the user-copy abort's case). */
    static long fillWithZeros(PageTable t, long page, Vma v) {
        long pa = frames().allocPages(0);
        if (pa < 0) return -Errno.ENOMEM;
        Mem.zero(pa, PAGE);
        return mapFilled(t, page, v, pa);
    }

    /** Maps the filled frame {@code pa} at {@code page}: its address, or the frame already there, or -errno. */
    private static long mapFilled(PageTable t, long page, Vma v, long pa) {
        int rc = t.mapPage(page, pa, pageProt(v.prot()));
        if (rc == -Errno.EEXIST) { // filled meanwhile (the file read slept): keep the first
            frames().freePages(pa, 0);
            return t.translate(page);
        }
        if (rc < 0) {
            frames().freePages(pa, 0);
            return rc;
        }
        mappers().mapNew(pa);
        return pa;
    }

    /**
     * A write to a present read-only page of a writable area. A private area's page is reused
     * if no one else maps it, else copied. A shared area's page is never copied: it becomes
     * writable here, and a shared file page is marked dirty first, so write-back finds it
     * (AArch64 without FEAT_HAFDBS has no dirty bit the kernel could read instead).
     */
    static long breakShare(PageTable t, long page, Vma v) {
        long pa = t.translate(page);
        if (pa < 0) return pa;
        if (v.isShared()) {
            if (v.file() instanceof FilePages src) src.file().pageWritten(v.pgoff() + ((page - v.start()) >> 12));
            t.unmap(page, PAGE);
            int rc = t.map(page, pa, PAGE, pageProt(v.prot()), 0);
            return rc < 0 ? rc : pa;
        }
        long target = pa;
        if (mappers().writeFault(pa) == CowTracker.COPY) {
            target = frames().allocPages(0);
            if (target < 0) {
                mappers().share(pa); // undo: this space still maps the old frame
                return -Errno.ENOMEM;
            }
            Mem.copy(target, pa, PAGE);
            mappers().mapNew(target);
        }
        t.unmap(page, PAGE);
        int rc = t.map(page, target, PAGE, pageProt(v.prot()), 0);
        return rc < 0 ? rc : target;
    }

    /**
     * Every present page of [from, to) goes from {@code t} in one unmap (one TLB flush for a large
     * range); frames no other space maps are freed, after the flush.
     */
    static void release(PageTable t, long from, long to) {
        if (from < to) t.unmap(from, to - from, LET_GO);
    }

    private static final LetGo LET_GO = new LetGo();

    /** An unmapped frame's count drops; the last space to let it go frees it. A class, not a lambda, so the build can freeze it. */
    private static final class LetGo implements ReleasedFrames {
        @Override
        public void release(long pa) {
            if (mappers().unmap(pa) == 1) frames().freePages(pa, 0);
        }
    }

    /**
     * fork's part for one area: {@code child} maps each page {@code parent} has; private pages
     * become read-only in both, shared ones keep the parent's permissions (a read-only one must
     * fault on its first write to be marked dirty). 0 or -errno.
     */
    static int share(PageTable parent, PageTable child, Vma v) {
        boolean shared = v.isShared();
        int prot = v.prot() & ~Prot.WRITE;
        for (long va = parent.nextMapped(v.start(), v.end()); va < v.end(); va = parent.nextMapped(va + PAGE, v.end())) {
            long pa = parent.translate(va);
            int rc = child.mapPage(va, pa, shared ? parent.protAt(va) : pageProt(prot));
            if (rc < 0) return rc;
            mappers().share(pa);
        }
        // The parent's private pages become read-only in one protect, one TLB flush for a large area
        // (Linux's dup_mmap write-protects as it copies and flushes the whole mm once at the end).
        return shared ? 0 : parent.protect(VA.of(v.start()), v.end() - v.start(), pageProt(prot));
    }

    /**
     * mprotect's part: present pages of [from, to) take {@code prot}, except that a private page
     * still shared stays read-only, and so does a shared page not yet written (its first write
     * must fault, {@link #breakShare}).
     */
    static void reprotect(PageTable t, long from, long to, int prot, boolean sharedArea) {
        if (from < to) t.protect(from, to - from, (pa, current) -> {
            boolean keepReadOnly = sharedArea ? (current & Prot.WRITE) == 0 : mappers().mapCount(pa) > 1;
            return pageProt(keepReadOnly ? prot & ~Prot.WRITE : prot);
        });
    }
}
