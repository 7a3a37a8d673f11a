package lichen.fs.vfs;

/** A filesystem attached at a directory of another mount (or the root mount, attached nowhere). */
public final class Mount {
    public final FileSystem fs;
    public final Dentry root;
    /** The mount and dentry this one covers; null for the root mount. */
    final Mount parent;
    final Dentry mountpoint;
    /** Open file descriptions on this mount: umount is EBUSY while there are any. */
    int openFiles;

    Mount(FileSystem fs, Mount parent, Dentry mountpoint) {
        this.fs = fs;
        this.root = Dentry.root(fs.root());
        this.parent = parent;
        this.mountpoint = mountpoint;
    }

    public Mount parent() {
        return parent;
    }

    public Dentry mountpoint() {
        return mountpoint;
    }
}
