package lichen.fs.vfs;

import lichen.api.Async;

/** A mounted filesystem instance: its root inode and its identity in stat's st_dev. */
public abstract class FileSystem {
    /** st_dev of every inode here; the VFS assigns it at mount time. */
    public long deviceId;
    public Clock clock = Clock.EPOCH;

    public abstract Inode root();

    /** "ext4", "vfat", "tmpfs", ... as /proc/mounts shows it. */
    public abstract String type();

    public abstract boolean readOnly();

    /**
     * The options /proc/mounts and mountinfo show: rw or ro, and relatime, the
     * access-time rule every mount here follows (atime moves only when it is
     * older than the last change or a day old), as Linux's default mount does.
     */
    public String mountOptions() {
        return readOnly() ? "ro,relatime" : "rw,relatime";
    }

    /** Writes back everything dirty; 0 or a negative errno. */
    @Async
    public int sync() {
        return 0;
    }

    /**
     * Whether the VFS may remember names (positive and negative) of this
     * filesystem. A filesystem whose names change behind the VFS's back
     * (procfs, as processes come and go) says no and is asked every time,
     * as Linux's d_revalidate does.
     */
    public boolean cacheNames() {
        return true;
    }

    /** Block size reported as st_blksize. */
    public int blockSize() {
        return 4096;
    }

    /** statfs(2) figures: total and free blocks of blockSize(), total and free inodes. */
    public long[] statfs() {
        return new long[] {0, 0, 0, 0};
    }
}
