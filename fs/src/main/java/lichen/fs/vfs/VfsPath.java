package lichen.fs.vfs;

/** A position in the mount tree: a dentry within a mount (Linux's struct path). */
public final class VfsPath {
    public final Mount mount;
    public final Dentry dentry;

    public VfsPath(Mount mount, Dentry dentry) {
        this.mount = mount;
        this.dentry = dentry;
    }

    public Inode inode() {
        return dentry.inode;
    }

    public boolean same(VfsPath o) {
        return o != null && mount == o.mount && dentry == o.dentry;
    }
}
