package lichen.fs.vfs;

/** The filesystem view of a task: root, working directory, credentials, umask, descriptors. */
public final class FsContext {
    public VfsPath root;
    public VfsPath cwd;
    public Credentials cred;
    public int umask = 022;
    public final FdTable fds;

    /** fork(2): same root, cwd, credentials and umask; the descriptor table is copied (descriptions shared). */
    public FsContext fork() {
        FsContext c = new FsContext(root, cred, fds.copy());
        c.cwd = cwd;
        c.umask = umask;
        return c;
    }

    public FsContext(VfsPath root, Credentials cred, FdTable fds) {
        this.root = root;
        this.cwd = root;
        this.cred = cred;
        this.fds = fds;
    }
}
