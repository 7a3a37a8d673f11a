package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Result;

/**
 * Open files with no name in any directory (Linux's pipefs and anon_inode):
 * each gets a fresh inode of its own in a filesystem that is mounted nowhere,
 * so fstat(2) shows its type and inode number and no path reaches it. Reads
 * and writes go to the device given.
 */
public final class AnonymousFiles {
    private final Mount mount;
    private long created;

    public AnonymousFiles(FileSystem fs) { mount = new Mount(fs, null, null); }

    /**
     * A file description with {@code flags} on a new inode of {@code mode}
     * (S_IFIFO | 0600 for a pipe), or the errno of making the inode.
     */
    @Async
    public Result<OpenFile> open(int mode, int flags, CharDevice device) {
        String name = "anon" + (created++);
        Inode dir = mount.root.inode();
        Result<Inode> made = dir.create(name, mode, 0, 0, 0);
        if (!made.ok()) return Result.err(made.error);
        dir.unlink(name); // nameless from the start: the inode lives while it is open
        OpenFile f = new OpenFile(new VfsPath(mount, new Dentry(mount.root, name, made.value)), flags, device);
        return Result.ok(f);
    }

    /** Another file description on {@code f}'s inode (a pipe's other end), with its own flags and device. */
    public OpenFile openSame(OpenFile f, int flags, CharDevice device) { return new OpenFile(f.path, flags, device); }
}
