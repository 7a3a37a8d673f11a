package lichen.fs.procfs;

import lichen.fs.vfs.Clock;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.Inode;

/**
 * A filesystem whose files are generated when read: a tree of
 * {@link ProcNode}s held in memory, with inode numbers handed out in order.
 * /proc ({@link ProcFs}) and /sys ({@link SysFs}) are two.
 */
public abstract class GeneratedFs extends FileSystem {
    private final ProcNode root;
    private long nextIno = 2;

    protected GeneratedFs(Clock clock) {
        this.clock = clock;
        root = new ProcNode(this, 1, FileMode.S_IFDIR | 0555, null, null);
        root.parent = root;
    }

    long nextIno() {
        return nextIno++;
    }

    public ProcNode rootNode() {
        return root;
    }

    @Override
    public Inode root() {
        return root;
    }

    @Override
    public boolean cacheNames() {
        return false;
    }

    @Override
    public boolean readOnly() {
        return true;
    }
}
