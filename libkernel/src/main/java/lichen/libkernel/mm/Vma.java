package lichen.libkernel.mm;

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

    public Vma(long start, long end, int prot, int flags) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.flags = flags;
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
        return v;
    }

    /** True when {@code next} starts where this ends and the two could be one area (Linux's vma_merge conditions). */
    boolean canMergeWith(Vma next) {
        if (end != next.start || prot != next.prot || flags != next.flags || file != next.file) return false;
        if (name == null ? next.name != null : !name.equals(next.name)) return false;
        return file == null || pgoff + ((end - start) >>> 12) == next.pgoff;
    }

    @Override
    public String toString() {
        return "Vma[0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end) + " " + Prot.describe(prot) + (name != null ? " " + name : "") + "]";
    }
}
