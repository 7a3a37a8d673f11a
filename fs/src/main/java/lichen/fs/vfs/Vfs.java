package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.Result;

/**
 * The virtual filesystem: mounts, the name cache and the *at() system calls
 * in their Linux form (paths relative to a directory descriptor or AT_FDCWD,
 * negative errno results). Path resolution is in {@link PathWalker}; the
 * operations that create, remove and rename are in {@link NamespaceOps}.
 */
public final class Vfs {
    public final DentryCache dcache;
    public final MountTable mounts = new MountTable();
    public final DeviceRegistry devices = new DeviceRegistry();
    /** Who opens named pipes (the kernel); null where there are none (the host tool), and a FIFO's open is ENXIO. */
    public FifoOpener fifos;
    public final PathWalker walker = new PathWalker(this);
    public final NamespaceOps ns = new NamespaceOps(this);
    /** faccessat, utimensat, statfs. */
    public final AttributeOps attrs = new AttributeOps(this);
    /** The page cache of regular files (mmap(2) maps its frames), or null: files are then read and written directly. */
    public FileCache fileCache;
    private Mount rootMount;
    private long nextDevice = 1;

    public Vfs(int dentryCacheLimit) {
        this.dcache = new DentryCache(dentryCacheLimit);
    }

    /** Makes {@code fs} the root of the namespace. */
    public Mount mountRoot(FileSystem fs) {
        fs.deviceId = nextDevice++;
        rootMount = new Mount(fs, null, null);
        mounts.add(rootMount);
        return rootMount;
    }

    public VfsPath rootPath() {
        return new VfsPath(rootMount, rootMount.root);
    }

    /** A context at the namespace root with {@code cred} and a fresh descriptor table. */
    public FsContext newContext(Credentials cred) {
        return new FsContext(rootPath(), cred, new FdTable(1024));
    }

    /** mount(2) of an already opened filesystem on the directory {@code path}. */
    @Async
    public int mount(FsContext ctx, String path, FileSystem fs) {
        Result<VfsPath> r = walker.walk(ctx, ctx.cwd, path, true);
        if (!r.ok()) return r.error;
        if (!r.value.inode().isDir()) return -Errno.ENOTDIR;
        fs.deviceId = nextDevice++;
        mounts.add(new Mount(fs, r.value.mount, r.value.dentry));
        return 0;
    }

    /** umount(2): the mount whose root is {@code path}; EBUSY while files are open there or mounts sit on it. */
    @Async
    public int umount(FsContext ctx, String path) {
        Result<VfsPath> r = walker.walk(ctx, ctx.cwd, path, true);
        if (!r.ok()) return r.error;
        Mount m = r.value.mount;
        if (r.value.dentry != m.root || m.parent == null) return -Errno.EINVAL;
        if (mounts.hasChildren(m) || m.openFiles > 0) return -Errno.EBUSY;
        if (ctx.cwd.mount == m || ctx.root.mount == m) return -Errno.EBUSY;
        int s = fileCache == null ? 0 : fileCache.writeBack(m.fs);
        if (s >= 0) s = m.fs.sync();
        if (s < 0) return s;
        mounts.remove(m);
        if (fileCache != null) fileCache.forgetAll(m.fs);
        return 0;
    }

    /** The child dentry {@code name} of directory {@code parent}, through the name cache. */
    @Async
    Result<Dentry> child(Dentry parent, String name) {
        boolean cache = parent.inode.fs.cacheNames();
        Dentry d = cache ? dcache.get(parent, name) : null;
        if (d != null) return d.inode == null ? Result.err(-Errno.ENOENT) : Result.ok(d);
        Result<Inode> r = parent.inode.lookup(name);
        if (r.error == -Errno.ENOENT) {
            if (cache) dcache.put(new Dentry(parent, name, null));
            return r.cast();
        }
        if (!r.ok()) return r.cast();
        Inode in = r.value;
        if (in.isDir() && in.alias != null) {
            d = in.alias;
            if (d.parent != parent || !d.name.equals(name)) {
                d.parent = parent;
                d.name = name;
            }
        } else {
            d = new Dentry(parent, name, in);
            if (in.isDir()) in.alias = d;
        }
        if (cache) dcache.put(d);
        return Result.ok(d);
    }

    /** Drops the cached name (after it was created, removed or renamed). */
    void forget(Dentry parent, String name) {
        dcache.remove(parent, name);
    }

    /** Where a *at() path starts: the root for absolute paths, the cwd for AT_FDCWD, else the directory descriptor. */
    Result<VfsPath> start(FsContext ctx, int dirfd, String path) {
        if (!path.isEmpty() && path.charAt(0) == '/') return Result.ok(ctx.root);
        if (dirfd == OpenFlags.AT_FDCWD) return Result.ok(ctx.cwd);
        OpenFile f = ctx.fds.get(dirfd);
        if (f == null) return Result.err(-Errno.EBADF);
        if (!path.isEmpty() && !f.inode.isDir()) return Result.err(-Errno.ENOTDIR);
        return Result.ok(f.path);
    }

    /** Resolves a *at() path; AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH as in fstatat(2). */
    @Async
    public Result<VfsPath> resolve(FsContext ctx, int dirfd, String path, int atFlags) {
        Result<VfsPath> s = start(ctx, dirfd, path);
        if (!s.ok()) return s;
        if (path.isEmpty()) {
            return (atFlags & OpenFlags.AT_EMPTY_PATH) != 0 ? s : Result.err(-Errno.ENOENT);
        }
        return walker.walk(ctx, s.value, path, (atFlags & OpenFlags.AT_SYMLINK_NOFOLLOW) == 0);
    }

    /** openat(2) returning the open file description. */
    @Async
    public Result<OpenFile> open(FsContext ctx, int dirfd, String path, int flags, int mode) {
        return ns.open(ctx, dirfd, path, flags, mode);
    }

    /** openat(2) returning a descriptor in the context's table. */
    @Async
    public int openat(FsContext ctx, int dirfd, String path, int flags, int mode) {
        Result<OpenFile> r = open(ctx, dirfd, path, flags, mode);
        if (!r.ok()) return r.error;
        return install(ctx, r.value, flags);
    }

    /** A descriptor for the description {@code f} just opened with {@code flags} (O_CLOEXEC); it, or -EMFILE with {@code f} closed. */
    @Async
    public int install(FsContext ctx, OpenFile f, int flags) {
        int fd = ctx.fds.install(f, (flags & OpenFlags.O_CLOEXEC) != 0);
        if (fd < 0) f.close();
        return fd;
    }

    @Async
    public Result<Stat> fstatat(FsContext ctx, int dirfd, String path, int atFlags) {
        Result<VfsPath> r = resolve(ctx, dirfd, path, atFlags);
        if (!r.ok()) return r.cast();
        return Result.ok(Stat.of(r.value.inode()));
    }

    @Async
    public Result<String> readlinkat(FsContext ctx, int dirfd, String path) {
        Result<VfsPath> r = resolve(ctx, dirfd, path, OpenFlags.AT_SYMLINK_NOFOLLOW);
        if (!r.ok()) return r.cast();
        if (!FileMode.isSymlink(r.value.inode().mode)) return Result.err(-Errno.EINVAL);
        return r.value.inode().readlink();
    }

    /** getdents64(2) on an open directory. */
    @Async
    public int getdents64(FsContext ctx, OpenFile dir, byte[] buf, int off, int len) {
        return dir.getdents64(buf, off, len, walker.parentOf(ctx, dir.path));
    }

    @Async
    public int chdir(FsContext ctx, String path) {
        Result<VfsPath> r = walker.walk(ctx, ctx.cwd, path, true);
        if (!r.ok()) return r.error;
        if (!r.value.inode().isDir()) return -Errno.ENOTDIR;
        int p = Permission.check(ctx.cred, r.value.inode(), Permission.MAY_EXEC);
        if (p < 0) return p;
        ctx.cwd = r.value;
        return 0;
    }

    /**
     * chroot(2): the directory at {@code path} becomes the root that "/" and
     * ".." stop at for this context; the working directory stays where it
     * is (even outside). EPERM without root's privilege, ENOTDIR, EACCES
     * without search permission.
     */
    @Async
    public int chroot(FsContext ctx, String path) {
        if (ctx.cred.uid != 0) return -Errno.EPERM;
        Result<VfsPath> r = walker.walk(ctx, ctx.cwd, path, true);
        if (!r.ok()) return r.error;
        if (!r.value.inode().isDir()) return -Errno.ENOTDIR;
        int p = Permission.check(ctx.cred, r.value.inode(), Permission.MAY_EXEC);
        if (p < 0) return p;
        ctx.root = r.value;
        return 0;
    }

    public String getcwd(FsContext ctx) {
        return walker.absolute(ctx, ctx.cwd);
    }

    @Async
    public int mkdirat(FsContext ctx, int dirfd, String path, int mode) {
        return ns.make(ctx, dirfd, path, FileMode.S_IFDIR | (mode & 07777), 0, null);
    }

    @Async
    public int mknodat(FsContext ctx, int dirfd, String path, int mode, int rdev) {
        int type = mode & FileMode.S_IFMT;
        if (type == 0) mode |= FileMode.S_IFREG;
        else if (type == FileMode.S_IFDIR || type == FileMode.S_IFLNK) return -Errno.EINVAL;
        return ns.make(ctx, dirfd, path, mode, rdev, null);
    }

    @Async
    public int symlinkat(FsContext ctx, String target, int dirfd, String linkPath) {
        if (target.isEmpty()) return -Errno.ENOENT;
        if (target.length() >= PathWalker.PATH_MAX) return -Errno.ENAMETOOLONG;
        return ns.make(ctx, dirfd, linkPath, FileMode.S_IFLNK | 0777, 0, target);
    }

    @Async
    public int unlinkat(FsContext ctx, int dirfd, String path, int flags) {
        return ns.remove(ctx, dirfd, path, (flags & OpenFlags.AT_REMOVEDIR) != 0);
    }

    @Async
    public int renameat2(FsContext ctx, int olddirfd, String oldPath, int newdirfd, String newPath, int flags) {
        return ns.rename(ctx, olddirfd, oldPath, newdirfd, newPath, flags);
    }

    @Async
    public int linkat(FsContext ctx, int olddirfd, String oldPath, int newdirfd, String newPath, int flags) {
        return ns.link(ctx, olddirfd, oldPath, newdirfd, newPath, flags);
    }

    /** fchmodat(2): the owner or root may change the permission bits. */
    @Async
    public int fchmodat(FsContext ctx, int dirfd, String path, int mode, int atFlags) {
        Result<VfsPath> r = resolve(ctx, dirfd, path, atFlags);
        if (!r.ok()) return r.error;
        Inode in = r.value.inode();
        if (ctx.cred.uid != 0 && ctx.cred.uid != in.uid) return -Errno.EPERM;
        if (in.fs.readOnly()) return -Errno.EROFS;
        in.mode = (in.mode & FileMode.S_IFMT) | (mode & FileMode.PERMISSIONS);
        in.touch(false, true, false);
        return in.writeAttributes();
    }

    /** fchownat(2): root changes anything; an owner may only set a group it belongs to. -1 keeps a value. */
    @Async
    public int fchownat(FsContext ctx, int dirfd, String path, int uid, int gid, int atFlags) {
        Result<VfsPath> r = resolve(ctx, dirfd, path, atFlags);
        if (!r.ok()) return r.error;
        Inode in = r.value.inode();
        if (ctx.cred.uid != 0) {
            if (uid != -1 && uid != in.uid) return -Errno.EPERM;
            if (ctx.cred.uid != in.uid) return -Errno.EPERM;
            if (gid != -1 && !ctx.cred.inGroup(gid)) return -Errno.EPERM;
        }
        if (in.fs.readOnly()) return -Errno.EROFS;
        if (uid != -1) in.uid = uid;
        if (gid != -1) in.gid = gid;
        in.touch(false, true, false);
        return in.writeAttributes();
    }

    /** truncate(2) by path. */
    @Async
    public int truncate(FsContext ctx, int dirfd, String path, long length) {
        Result<VfsPath> r = resolve(ctx, dirfd, path, 0);
        if (!r.ok()) return r.error;
        Inode in = r.value.inode();
        if (in.isDir()) return -Errno.EISDIR;
        if (!FileMode.isRegular(in.mode)) return -Errno.EINVAL;
        int p = Permission.check(ctx.cred, in, Permission.MAY_WRITE);
        if (p < 0) return p;
        return truncateInode(in, length);
    }

    /** ftruncate(2). */
    @Async
    public int ftruncate(OpenFile f, long length) {
        if (!OpenFlags.canWrite(f.flags)) return -Errno.EINVAL;
        if (!FileMode.isRegular(f.inode.mode)) return -Errno.EINVAL;
        return truncateInode(f.inode, length);
    }

    @Async
    private int truncateInode(Inode in, long length) {
        if (length < 0) return -Errno.EINVAL;
        if (in.fs.readOnly()) return -Errno.EROFS;
        int r = InodePages.truncateFile(in, length);
        if (r < 0) return r;
        in.touch(true, true, false);
        return in.writeAttributes();
    }

    /** fsync(2) and fdatasync(2): the file's dirty cached pages are written back, then its filesystem is synced whole. */
    @Async
    public int fsync(OpenFile f) {
        int r = f.inode.pages == null ? 0 : f.inode.pages.writeBack(0, Long.MAX_VALUE);
        return r < 0 ? r : f.inode.fs.sync();
    }

    /** sync(2) of every mounted filesystem, the page cache's dirty pages first. */
    @Async
    public int sync() {
        int result = fileCache == null ? 0 : fileCache.writeBack(null);
        for (int i = 0; i < mounts.count(); i++) {
            int r = mounts.get(i).fs.sync();
            if (r < 0) result = r;
        }
        return result;
    }
}
