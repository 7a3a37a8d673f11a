package lichen.fs.tmpfs;

import lichen.fs.vfs.Clock;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.Inode;

/**
 * A filesystem in memory (Linux's tmpfs): directories are lists of entries,
 * file data is a sparse set of 4 KiB pages, and storage lives as long as a
 * name or an open file refers to it.
 */
public final class TmpFs extends FileSystem {
    private final TmpNode root;
    private long nextIno = 2;
    /** Bytes of file data the filesystem may hold (ENOSPC beyond). */
    final long capacity;
    long usedPages;

    private final String typeName;
    /** Whether the VFS may cache this tree's names: not for one whose nodes the kernel adds and removes itself (devpts). */
    private boolean namesCached = true;

    public TmpFs(Clock clock, long capacityBytes) {
        this(clock, capacityBytes, "tmpfs");
    }

    public TmpFs(Clock clock, long capacityBytes, String typeName) {
        this.typeName = typeName;
        this.clock = clock;
        this.capacity = capacityBytes;
        root = new TmpNode(this, 1, FileMode.S_IFDIR | 01777, 0, 0, null);
        root.parent = root;
    }

    /** What mount options add after "rw,relatime" (devpts's mode=, gid=, ptmxmode=), or null. */
    private String extraOptions;

    /** The options after "rw,relatime" that /proc/mounts shows for this mount (a tree the kernel mounts with its own options). */
    public void setExtraOptions(String options) {
        extraOptions = options;
    }

    /** Linux's tmpfs and devtmpfs show inode64 (64-bit inode numbers); devtmpfs its mode too; others what they were mounted with. */
    @Override
    public String mountOptions() {
        String base = super.mountOptions();
        if (extraOptions != null) return base + "," + extraOptions;
        if (typeName.equals("devtmpfs")) return base + ",mode=755,inode64";
        return typeName.equals("tmpfs") ? base + ",inode64" : base;
    }

    /** The kernel changes this tree behind the VFS's back (devpts's /dev/pts/N come and go with their pairs): no name cache. */
    public void doNotCacheNames() {
        namesCached = false;
    }

    @Override
    public boolean cacheNames() {
        return namesCached;
    }

    long allocateIno() {
        return nextIno++;
    }

    @Override
    public Inode root() {
        return root;
    }

    @Override
    public String type() {
        return typeName;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public long[] statfs() {
        long total = capacity / 4096;
        return new long[] {total, Math.max(0, total - usedPages), 0, 0};
    }
}
