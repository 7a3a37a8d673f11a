package lichen.fs.vfs;

import lichen.fs.ObjectList;

/** The mounts of the system, looked up by the directory they cover. */
public final class MountTable {
    private final ObjectList<Mount> mounts = new ObjectList<>();

    void add(Mount m) {
        mounts.add(m);
    }

    void remove(Mount m) {
        int i = mounts.indexOf(m);
        if (i >= 0) mounts.removeAt(i);
    }

    public int count() {
        return mounts.size();
    }

    public Mount get(int i) {
        return mounts.get(i);
    }

    /** The mount covering {@code dentry} of {@code parent}, or null (the latest one when mounts stack). */
    Mount coveredBy(Mount parent, Dentry dentry) {
        for (int i = mounts.size() - 1; i >= 0; i--) {
            Mount m = mounts.get(i);
            if (m.parent == parent && m.mountpoint == dentry) return m;
        }
        return null;
    }

    /** True when some mount is attached to a directory of {@code m}. */
    boolean hasChildren(Mount m) {
        for (int i = 0; i < mounts.size(); i++) if (mounts.get(i).parent == m) return true;
        return false;
    }

    /** Goes down through every mount stacked on {@code p}. */
    VfsPath crossDown(VfsPath p) {
        for (int guard = 0; guard <= mounts.size(); guard++) {
            Mount m = coveredBy(p.mount, p.dentry);
            if (m == null) return p;
            p = new VfsPath(m, m.root);
        }
        return p;
    }
}
