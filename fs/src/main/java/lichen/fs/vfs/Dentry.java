package lichen.fs.vfs;

/**
 * A name in a directory bound to an inode (or to nothing: a negative entry,
 * remembering that the name does not exist). Parent links give ".." and
 * getcwd; a directory has a single dentry (its inode's alias), which rename
 * moves.
 */
public final class Dentry {
    Dentry parent;
    String name;
    final Inode inode;
    /** Hash chain in the DentryCache. */
    Dentry hashNext;

    Dentry(Dentry parent, String name, Inode inode) {
        this.parent = parent;
        this.name = name;
        this.inode = inode;
    }

    public Inode inode() {
        return inode;
    }

    public String name() {
        return name;
    }

    public Dentry parent() {
        return parent;
    }

    /** A root dentry for a filesystem root inode. */
    static Dentry root(Inode inode) {
        Dentry d = new Dentry(null, "/", inode);
        inode.alias = d;
        return d;
    }
}
