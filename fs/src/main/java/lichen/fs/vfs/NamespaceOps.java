package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.Result;

/**
 * The system calls that open, create, remove, link and rename names, with the
 * checks and error order of their Linux man pages (open(2), mkdir(2),
 * unlink(2), rmdir(2), rename(2), link(2), symlink(2)).
 */
public final class NamespaceOps {
    private final Vfs vfs;

    NamespaceOps(Vfs vfs) {
        this.vfs = vfs;
    }

    @Async
    private Result<PathWalker.Parent> parent(FsContext ctx, int dirfd, String path) {
        Result<VfsPath> s = vfs.start(ctx, dirfd, path);
        if (!s.ok()) return s.cast();
        if (path.isEmpty()) return Result.err(-Errno.ENOENT);
        return vfs.walker.parent(ctx, s.value, path);
    }

    /** Write and search permission on a directory we change, and a writable filesystem. */
    private static int mayChange(FsContext ctx, Inode dir) {
        int p = Permission.check(ctx.cred, dir, Permission.MAY_WRITE | Permission.MAY_EXEC);
        if (p < 0) return p;
        if (dir.fs.readOnly()) return -Errno.EROFS;
        if (dir.nlink == 0) return -Errno.ENOENT;
        return 0;
    }

    /** The group of a new file: the directory's when it is set-group-ID, else the creator's. */
    private static int newGroup(FsContext ctx, Inode dir) {
        return (dir.mode & FileMode.S_ISGID) != 0 ? dir.gid : ctx.cred.gid;
    }

    @Async
    Result<OpenFile> open(FsContext ctx, int dirfd, String path, int flags, int mode) {
        Result<VfsPath> s = vfs.start(ctx, dirfd, path);
        if (!s.ok()) return s.cast();
        return open(ctx, s.value, path, flags, mode, 0);
    }

    @Async
    private Result<OpenFile> open(FsContext ctx, VfsPath start, String path, int flags, int mode, int links) {
        Result<VfsPath> s = Result.ok(start);
        if (path.isEmpty()) return Result.err(-Errno.ENOENT);
        VfsPath target;
        boolean created = false;
        if ((flags & OpenFlags.O_CREAT) != 0) {
            Result<PathWalker.Parent> pr = vfs.walker.parent(ctx, s.value, path);
            if (!pr.ok()) return pr.cast();
            PathWalker.Parent p = pr.value;
            if (p.trailingSlash || p.name.equals(".") || p.name.equals("..")) return Result.err(-Errno.EISDIR);
            Result<VfsPath> existing = vfs.walker.step(ctx, p.dir, p.name);
            if (existing.error == -Errno.ENOENT) {
                int c = mayChange(ctx, p.dir.inode());
                if (c < 0) return Result.err(c);
                Inode dir = p.dir.inode();
                int m = FileMode.S_IFREG | (mode & ~ctx.umask & 07777);
                Result<Inode> made = dir.create(p.name, m, ctx.cred.uid, newGroup(ctx, dir), 0);
                if (!made.ok()) return made.cast();
                vfs.forget(p.dir.dentry, p.name);
                Result<Dentry> d = vfs.child(p.dir.dentry, p.name);
                if (!d.ok()) return d.cast();
                target = new VfsPath(p.dir.mount, d.value);
                created = true;
            } else if (!existing.ok()) {
                return existing.cast();
            } else {
                if ((flags & OpenFlags.O_EXCL) != 0) return Result.err(-Errno.EEXIST);
                target = existing.value;
                if (FileMode.isSymlink(target.inode().mode)) {
                    if ((flags & OpenFlags.O_NOFOLLOW) != 0) return Result.err(-Errno.ELOOP);
                    Result<VfsPath> r = vfs.walker.walk(ctx, s.value, path, true);
                    if (r.error == -Errno.ENOENT) {
                        // A dangling link: O_CREAT makes the file it names (open(2)).
                        if (links >= PathWalker.MAX_SYMLINKS) return Result.err(-Errno.ELOOP);
                        Result<String> t = target.inode().readlink();
                        if (!t.ok()) return t.cast();
                        VfsPath from = t.value.startsWith("/") ? ctx.root : p.dir;
                        return open(ctx, from, t.value, flags, mode, links + 1);
                    }
                    if (!r.ok()) return r.cast();
                    target = r.value;
                }
            }
        } else {
            Result<VfsPath> r = vfs.walker.walk(ctx, s.value, path, (flags & OpenFlags.O_NOFOLLOW) == 0);
            if (!r.ok()) return r.cast();
            target = r.value;
            if (FileMode.isSymlink(target.inode().mode) && (flags & OpenFlags.O_PATH) == 0) {
                return Result.err(-Errno.ELOOP);
            }
        }
        Inode in = target.inode();
        if ((flags & OpenFlags.O_DIRECTORY) != 0 && !in.isDir()) return Result.err(-Errno.ENOTDIR);
        boolean write = OpenFlags.canWrite(flags);
        if (in.isDir() && write) return Result.err(-Errno.EISDIR);
        if ((flags & OpenFlags.O_PATH) == 0 && !created) {
            int want = (OpenFlags.canRead(flags) ? Permission.MAY_READ : 0) | (write ? Permission.MAY_WRITE : 0);
            int p = Permission.check(ctx.cred, in, want);
            if (p < 0) return Result.err(p);
        }
        CharDevice dev = null;
        if (FileMode.isCharDevice(in.mode) && (flags & OpenFlags.O_PATH) == 0) {
            dev = vfs.devices.find(in.rdev);
            if (dev == null) return Result.err(-Errno.ENXIO);
            Result<CharDevice> opened = dev.open(flags);
            if (!opened.ok()) return opened.cast();
            dev = opened.value;
        } else if (FileMode.isFifo(in.mode) && (flags & OpenFlags.O_PATH) == 0) {
            if (vfs.fifos == null) return Result.err(-Errno.ENXIO);
            Result<CharDevice> end = vfs.fifos.open(in, flags);
            if (!end.ok()) return end.cast();
            dev = end.value; // a FIFO on a read-only filesystem is still a pipe to write to
        } else if (FileMode.isSocket(in.mode) && (flags & OpenFlags.O_PATH) == 0) {
            return Result.err(-Errno.ENXIO); // a socket is reached by connect(2), not open(2) (open(2), ENXIO)
        } else if (write && in.fs.readOnly()) {
            return Result.err(-Errno.EROFS);
        }
        if ((flags & OpenFlags.O_TRUNC) != 0 && write && FileMode.isRegular(in.mode) && in.size > 0) {
            int t = InodePages.truncateFile(in, 0);
            if (t < 0) return Result.err(t);
            in.touch(true, true, false);
            in.writeAttributes();
        }
        return Result.ok(new OpenFile(target, flags, dev));
    }

    /** mkdir, mknod and symlink: a new name that must not exist. */
    @Async
    int make(FsContext ctx, int dirfd, String path, int mode, int rdev, String linkTarget) {
        Result<PathWalker.Parent> pr = parent(ctx, dirfd, path);
        if (!pr.ok()) return pr.error;
        PathWalker.Parent p = pr.value;
        if (p.name.equals(".") || p.name.equals("..")) return -Errno.EEXIST;
        Result<VfsPath> existing = vfs.walker.step(ctx, p.dir, p.name);
        if (existing.ok()) return -Errno.EEXIST;
        if (existing.error != -Errno.ENOENT) return existing.error;
        if (p.trailingSlash && !FileMode.isDir(mode)) return -Errno.ENOENT;
        int c = mayChange(ctx, p.dir.inode());
        if (c < 0) return c;
        Inode dir = p.dir.inode();
        int gid = newGroup(ctx, dir);
        Result<Inode> made;
        if (linkTarget != null) {
            made = dir.symlink(p.name, linkTarget, ctx.cred.uid, gid);
        } else {
            int m = (mode & FileMode.S_IFMT) | (mode & ~ctx.umask & 07777);
            if (FileMode.isDir(mode) && (dir.mode & FileMode.S_ISGID) != 0) m |= FileMode.S_ISGID;
            made = dir.create(p.name, m, ctx.cred.uid, gid, rdev);
        }
        vfs.forget(p.dir.dentry, p.name);
        return made.ok() ? 0 : made.error;
    }

    /** unlink(2) or rmdir(2). */
    @Async
    int remove(FsContext ctx, int dirfd, String path, boolean directory) {
        Result<PathWalker.Parent> pr = parent(ctx, dirfd, path);
        if (!pr.ok()) return pr.error;
        PathWalker.Parent p = pr.value;
        if (p.name.equals(".")) return directory ? -Errno.EINVAL : -Errno.EISDIR;
        if (p.name.equals("..")) return directory ? -Errno.ENOTEMPTY : -Errno.EISDIR;
        Result<Dentry> victim = vfs.child(p.dir.dentry, p.name);
        int c = Permission.check(ctx.cred, p.dir.inode(), Permission.MAY_EXEC);
        if (c < 0) return c;
        if (!victim.ok()) return victim.error;
        Inode v = victim.value.inode;
        if (directory && !v.isDir()) return -Errno.ENOTDIR;
        if (!directory && v.isDir()) return -Errno.EISDIR;
        if (!directory && p.trailingSlash) return -Errno.ENOTDIR;
        c = mayChange(ctx, p.dir.inode());
        if (c < 0) return c;
        c = Permission.checkSticky(ctx.cred, p.dir.inode(), v);
        if (c < 0) return c;
        if (directory && vfs.mounts.coveredBy(p.dir.mount, victim.value) != null) return -Errno.EBUSY;
        Inode dir = p.dir.inode();
        int r = directory ? dir.rmdir(p.name) : dir.unlink(p.name);
        if (r < 0) return r;
        vfs.forget(p.dir.dentry, p.name);
        return 0;
    }

    /** renameat2(2) with RENAME_NOREPLACE; the filesystem replaces an existing target atomically. */
    @Async
    int rename(FsContext ctx, int olddirfd, String oldPath, int newdirfd, String newPath, int flags) {
        if ((flags & ~OpenFlags.RENAME_NOREPLACE) != 0) return -Errno.EINVAL;
        Result<PathWalker.Parent> opr = parent(ctx, olddirfd, oldPath);
        if (!opr.ok()) return opr.error;
        Result<PathWalker.Parent> npr = parent(ctx, newdirfd, newPath);
        if (!npr.ok()) return npr.error;
        PathWalker.Parent op = opr.value, np = npr.value;
        if (op.name.equals(".") || op.name.equals("..") || np.name.equals(".") || np.name.equals("..")) {
            return -Errno.EBUSY;
        }
        Result<Dentry> src = vfs.child(op.dir.dentry, op.name);
        if (!src.ok()) return src.error;
        if (op.dir.mount != np.dir.mount) return -Errno.EXDEV;
        Inode s = src.value.inode;
        int c = mayChange(ctx, op.dir.inode());
        if (c < 0) return c;
        c = mayChange(ctx, np.dir.inode());
        if (c < 0) return c;
        c = Permission.checkSticky(ctx.cred, op.dir.inode(), s);
        if (c < 0) return c;
        if (!s.isDir() && (op.trailingSlash || np.trailingSlash)) return -Errno.ENOTDIR;
        Result<Dentry> dst = vfs.child(np.dir.dentry, np.name);
        if (dst.ok()) {
            if ((flags & OpenFlags.RENAME_NOREPLACE) != 0) return -Errno.EEXIST;
            Inode d = dst.value.inode;
            if (d == s) return 0;
            if (s.isDir() && !d.isDir()) return -Errno.ENOTDIR;
            if (!s.isDir() && d.isDir()) return -Errno.EISDIR;
            if (vfs.mounts.coveredBy(np.dir.mount, dst.value) != null) return -Errno.EBUSY;
            c = Permission.checkSticky(ctx.cred, np.dir.inode(), d);
            if (c < 0) return c;
        } else if (dst.error != -Errno.ENOENT) {
            return dst.error;
        }
        if (vfs.mounts.coveredBy(op.dir.mount, src.value) != null) return -Errno.EBUSY;
        if (s.isDir()) {
            // A directory cannot move below itself (rename(2): EINVAL).
            for (Dentry d = np.dir.dentry; d != null; d = d.parent) if (d == src.value) return -Errno.EINVAL;
        }
        int r = op.dir.inode().rename(op.name, np.dir.inode(), np.name);
        if (r < 0) return r;
        vfs.forget(op.dir.dentry, op.name);
        vfs.forget(np.dir.dentry, np.name);
        if (s.isDir() && s.alias != null) {
            s.alias.parent = np.dir.dentry;
            s.alias.name = np.name;
        }
        return 0;
    }

    /** linkat(2): AT_SYMLINK_FOLLOW follows a link given as the old path. */
    @Async
    int link(FsContext ctx, int olddirfd, String oldPath, int newdirfd, String newPath, int flags) {
        if ((flags & ~(OpenFlags.AT_SYMLINK_FOLLOW | OpenFlags.AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        int at = (flags & OpenFlags.AT_SYMLINK_FOLLOW) != 0 ? 0 : OpenFlags.AT_SYMLINK_NOFOLLOW;
        Result<VfsPath> old = vfs.resolve(ctx, olddirfd, oldPath, at | (flags & OpenFlags.AT_EMPTY_PATH));
        if (!old.ok()) return old.error;
        Inode target = old.value.inode();
        if (target.isDir()) return -Errno.EPERM;
        Result<PathWalker.Parent> pr = parent(ctx, newdirfd, newPath);
        if (!pr.ok()) return pr.error;
        PathWalker.Parent p = pr.value;
        if (p.name.equals(".") || p.name.equals("..")) return -Errno.EEXIST;
        Result<VfsPath> existing = vfs.walker.step(ctx, p.dir, p.name);
        if (existing.ok()) return -Errno.EEXIST;
        if (existing.error != -Errno.ENOENT) return existing.error;
        if (old.value.mount != p.dir.mount) return -Errno.EXDEV;
        int c = mayChange(ctx, p.dir.inode());
        if (c < 0) return c;
        if (target.nlink == 0) return -Errno.ENOENT;
        int r = p.dir.inode().link(p.name, target);
        vfs.forget(p.dir.dentry, p.name);
        return r;
    }
}
