package lichen.libkernel.mm;

import lichen.api.Kmem;
import lichen.api.Slab;

/**
 * One virtual memory area of a process (Linux's vm_area_struct): a
 * page-aligned range [start, end) with one set of permissions, backed by
 * anonymous memory or by a file at a page offset. Long-lived, so a slab
 * object.
 */
@Slab
public final class Vma {
    /** MAP_SHARED: writes reach the file and other mappers; otherwise private (copy-on-write). */
    public static final int SHARED = 1;
    /** The stack: grows down, shown as [stack]. */
    public static final int GROWSDOWN = 2;

    long start;
    long end;
    int prot;
    int flags;
    /** Offset into the backing file in pages (vm_pgoff). */
    long pgoff;
    /** The backing file's identity (compared by reference), or null for anonymous memory. */
    Object file;
    int devMajor;
    int devMinor;
    long inode;
    /** The path or pseudo-name shown in /proc/PID/maps ([heap], [stack], [vdso]), or null. */
    String name;
    /**
     * Which private pages this area's were made with (Linux's anon_vma): 0 until
     * the first private page is made in it; the halves of a split keep it. Only
     * the merge rules read it, so that /proc/PID/maps splits where Linux's does.
     */
    long anon;
    /** The anon identity came through fork(2) (Linux: an anon_vma_chain of more than one). */
    boolean anonInherited;

    public Vma(long start, long end, int prot, int flags) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.flags = flags;
        Kmem.track(this);
    }

    /** Sets the file backing: identity, device, inode, path and page offset. */
    public Vma withFile(Object file, int devMajor, int devMinor, long inode, String path, long pgoff) {
        this.file = file;
        this.devMajor = devMajor;
        this.devMinor = devMinor;
        this.inode = inode;
        this.name = path;
        this.pgoff = pgoff;
        return this;
    }

    /** Names an anonymous area ([heap], [stack]). */
    public Vma named(String name) {
        this.name = name;
        return this;
    }

    public long start() { return start; }

    public long end() { return end; }

    public long length() { return end - start; }

    public int prot() { return prot; }

    public int flags() { return flags; }

    public long pgoff() { return pgoff; }

    public Object file() { return file; }

    public String name() { return name; }

    public int devMajor() { return devMajor; }

    public int devMinor() { return devMinor; }

    public long inode() { return inode; }

    public boolean isShared() { return (flags & SHARED) != 0; }

    public boolean isAnonymous() { return file == null; }

    public boolean contains(long addr) { return addr >= start && addr < end; }

    Vma copy() {
        Vma v = new Vma(start, end, prot, flags);
        v.pgoff = pgoff;
        v.file = file;
        v.devMajor = devMajor;
        v.devMinor = devMinor;
        v.inode = inode;
        v.name = name;
        v.anon = anon;
        v.anonInherited = anonInherited;
        return v;
    }

    /** The copy a fork(2) child gets: a private page made here already means a new anon identity chained to this one. */
    Vma forkCopy(long childAnon) {
        Vma v = copy();
        if (anon != 0) {
            v.anon = childAnon;
            v.anonInherited = true;
        }
        return v;
    }

    /** True when {@code next} starts where this ends and the two could be one area but for their private pages (Linux's is_mergeable_vma). */
    boolean canMergeWith(Vma next) {
        if (end != next.start || prot != next.prot || flags != next.flags || file != next.file) return false;
        if (name == null ? next.name != null : !name.equals(next.name)) return false;
        return file == null || pgoff + ((end - start) >>> 12) == next.pgoff;
    }

    /**
     * Whether this area, being mapped or changed, may join the unchanged
     * {@code neighbour} as far as their private pages go (mm/mmap.c's
     * is_mergeable_anon_vma): the same anon identity, or none here and a
     * neighbour whose own was not inherited through fork.
     */
    boolean anonMergeableWith(Vma neighbour) {
        if (anon == 0) return neighbour.anon == 0 || !neighbour.anonInherited;
        return anon == neighbour.anon;
    }

    /** Whether {@code neighbour}'s anon identity may be taken for this area's first private page (mm/rmap.c's find_mergeable_anon_vma). */
    boolean canReuseAnonOf(Vma neighbour) {
        if (neighbour.anon == 0 || neighbour.anonInherited || file != neighbour.file || flags != neighbour.flags) return false;
        if (neighbour.end == start) return file == null || neighbour.pgoff + ((neighbour.end - neighbour.start) >>> 12) == pgoff;
        if (end == neighbour.start) return file == null || pgoff + ((end - start) >>> 12) == neighbour.pgoff;
        return false;
    }

    /** True once a private page has been made in this area. */
    public boolean hasPrivatePages() { return anon != 0; }

    @Override
    public String toString() {
        return "Vma[0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end) + " " + Prot.describe(prot) + (name != null ? " " + name : "") + "]";
    }
}
