package lichen.kernel.mm;

import lichen.api.Unsafe;
import lichen.libkernel.mm.CowTracker;

/**
 * Frames holding whole pages of files, kept after the fault that read them
 * so the next process that maps the same page of the same file (every exec
 * of a program maps ld.so, libc and itself again) maps that frame read-only
 * instead of reading and copying it anew; a write to a private mapping of it
 * copies it first (copy-on-write). The cache holds one count on each frame
 * in the {@link CowTracker}, so a frame outlives the spaces that map it.
 *
 * <p>A file's pages are trusted only while its {@link MappedFile#version}
 * (mtime and size) is what it was when they were read: any write or
 * truncation changes it, and the file's frames are dropped. Past
 * {@link #LIMIT} frames the oldest file's frames go.
 */
@Unsafe
final class FileFrames {
    /** 16384 frames: 64 MiB of file pages at most. */
    static final int LIMIT = 16384;
    private static final int BUCKETS = 256;

    /** One file's cached pages: frame per page index, 0 for none. */
    private static final class Entry {
        Object file;
        long version;
        long[] frames;
        int count;
        Entry next;
        long born;
    }

    private static final Entry[] buckets = new Entry[BUCKETS];
    private static int total;
    private static long births;

    private FileFrames() {}

    private static int bucket(Object file) { return (System.identityHashCode(file) & 0x7fffffff) % BUCKETS; }

    /** The frame caching page {@code index} of {@code f}, or 0. Drops the file's frames when it has changed. */
    static long lookup(MappedFile f, long index, CowTracker mappers) {
        Entry e = find(f.identity());
        if (e == null) return 0;
        if (e.version != f.version()) {
            drop(e, mappers);
            return 0;
        }
        return index < e.frames.length ? e.frames[(int) index] : 0;
    }

    /** Keeps frame {@code pa} (just read, mapped once) as page {@code index} of {@code f}, taking a count on it. */
    static void keep(MappedFile f, long index, long pa, CowTracker mappers) {
        long pages = (f.size() + UserAddressSpace.PAGE - 1) / UserAddressSpace.PAGE;
        if (index >= pages || pages > Integer.MAX_VALUE) return;
        Entry e = find(f.identity());
        if (e != null && (e.version != f.version() || e.frames.length != pages)) {
            drop(e, mappers);
            e = null;
        }
        if (e == null) {
            while (total >= LIMIT && dropOldest(mappers)) { }
            e = new Entry();
            e.file = f.identity();
            e.version = f.version();
            e.frames = new long[(int) pages];
            e.born = ++births;
            int b = bucket(e.file);
            e.next = buckets[b];
            buckets[b] = e;
        }
        if (e.frames[(int) index] != 0) return;
        mappers.share(pa);
        e.frames[(int) index] = pa;
        e.count++;
        total++;
    }

    private static Entry find(Object file) {
        for (Entry e = buckets[bucket(file)]; e != null; e = e.next) if (e.file == file) return e;
        return null;
    }

    /** Lets go of every frame of {@code e}; frames no space maps any more are freed. */
    private static void drop(Entry e, CowTracker mappers) {
        for (int i = 0; i < e.frames.length; i++) {
            long pa = e.frames[i];
            if (pa == 0) continue;
            if (mappers.unmap(pa) == 1) UserPages.frames().freePages(pa, 0);
            e.frames[i] = 0;
        }
        total -= e.count;
        e.count = 0;
        int b = bucket(e.file);
        if (buckets[b] == e) buckets[b] = e.next;
        else {
            Entry p = buckets[b];
            while (p.next != e) p = p.next;
            p.next = e.next;
        }
        e.file = null;
    }

    private static boolean dropOldest(CowTracker mappers) {
        Entry oldest = null;
        for (Entry head : buckets) for (Entry e = head; e != null; e = e.next) if (oldest == null || e.born < oldest.born) oldest = e;
        if (oldest == null) return false;
        drop(oldest, mappers);
        return true;
    }
}
