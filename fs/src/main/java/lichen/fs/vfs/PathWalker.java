package lichen.fs.vfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.Result;

/**
 * Path resolution (Linux path_resolution(7)): component by component from the
 * task's root or a starting directory, with search permission checked on
 * every directory, ".." stopping at the task's root and climbing out of
 * mounts, mounts crossed going down, and symbolic links followed up to
 * {@link #MAX_SYMLINKS} in all (then ELOOP).
 */
public final class PathWalker {
    public static final int MAX_SYMLINKS = 40;
    public static final int PATH_MAX = 4096;
    public static final int NAME_MAX = 255;

    private final Vfs vfs;

    PathWalker(Vfs vfs) {
        this.vfs = vfs;
    }

    /** The parent directory of a path and its last component, for operations that create or remove. */
    public static final class Parent {
        public final VfsPath dir;
        public final String name;
        public final boolean trailingSlash;

        Parent(VfsPath dir, String name, boolean trailingSlash) {
            this.dir = dir;
            this.name = name;
            this.trailingSlash = trailingSlash;
        }
    }

    /** Resolves {@code path} from {@code start}; the last component is followed if it is a link and {@code follow}. */
    @Async
    public Result<VfsPath> walk(FsContext ctx, VfsPath start, String path, boolean follow) {
        int[] links = {0};
        return walk(ctx, start, path, follow, links);
    }

    @Async
    private Result<VfsPath> walk(FsContext ctx, VfsPath start, String path, boolean follow, int[] links) {
        if (path.isEmpty()) return Result.err(-Errno.ENOENT);
        if (path.length() >= PATH_MAX) return Result.err(-Errno.ENAMETOOLONG);
        VfsPath cur = path.charAt(0) == '/' ? ctx.root : start;
        int n = path.length();
        boolean trailingSlash = path.charAt(n - 1) == '/';
        int i = 0;
        while (i < n) {
            while (i < n && path.charAt(i) == '/') i++;
            if (i >= n) break;
            int j = i;
            while (j < n && path.charAt(j) != '/') j++;
            String comp = path.substring(i, j);
            int k = j;
            while (k < n && path.charAt(k) == '/') k++;
            boolean last = k >= n;
            i = j;
            Result<VfsPath> next = step(ctx, cur, comp);
            if (!next.ok()) return next;
            VfsPath child = next.value;
            if (FileMode.isSymlink(child.inode().mode) && (!last || follow || trailingSlash)) {
                if (++links[0] > MAX_SYMLINKS) return Result.err(-Errno.ELOOP);
                Result<String> target = child.inode().readlink();
                if (!target.ok()) return target.cast();
                Result<VfsPath> r = walk(ctx, cur, target.value, true, links);
                if (!r.ok()) return r;
                child = r.value;
            }
            cur = child;
        }
        if (trailingSlash && !cur.inode().isDir()) return Result.err(-Errno.ENOTDIR);
        return Result.ok(cur);
    }

    /** One component: "." stays, ".." climbs, a name is looked up (through the dentry cache) and mounts are crossed. */
    @Async
    Result<VfsPath> step(FsContext ctx, VfsPath cur, String comp) {
        Inode dir = cur.inode();
        if (!dir.isDir()) return Result.err(-Errno.ENOTDIR);
        int perm = Permission.check(ctx.cred, dir, Permission.MAY_EXEC);
        if (perm < 0) return Result.err(perm);
        if (comp.length() > NAME_MAX) return Result.err(-Errno.ENAMETOOLONG);
        if (comp.equals(".")) return Result.ok(cur);
        if (comp.equals("..")) return Result.ok(parentOf(ctx, cur));
        if (dir.nlink == 0) return Result.err(-Errno.ENOENT);
        Result<Dentry> d = vfs.child(cur.dentry, comp);
        if (!d.ok()) return d.cast();
        VfsPath child = new VfsPath(cur.mount, d.value);
        return Result.ok(vfs.mounts.crossDown(child));
    }

    /** ".." of a directory: itself at the task's root, the covered directory's parent at a mount root. */
    public VfsPath parentOf(FsContext ctx, VfsPath cur) {
        int guard = 0;
        while (guard++ < 1000) {
            if (ctx != null && cur.same(ctx.root)) return cur;
            if (cur.dentry == cur.mount.root) {
                if (cur.mount.parent == null) return cur;
                cur = new VfsPath(cur.mount.parent, cur.mount.mountpoint);
                continue;
            }
            Dentry p = cur.dentry.parent;
            return p == null ? cur : new VfsPath(cur.mount, p);
        }
        return cur;
    }

    /** Splits off the last component and resolves the rest (links followed). */
    @Async
    public Result<Parent> parent(FsContext ctx, VfsPath start, String path) {
        if (path.isEmpty()) return Result.err(-Errno.ENOENT);
        if (path.length() >= PATH_MAX) return Result.err(-Errno.ENAMETOOLONG);
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') end--;
        boolean trailingSlash = end < path.length();
        int slash = path.lastIndexOf('/', end - 1);
        String name = path.substring(slash + 1, end);
        VfsPath dir;
        if (slash < 0) {
            dir = start;
        } else {
            String head = slash == 0 ? "/" : path.substring(0, slash);
            Result<VfsPath> r = walk(ctx, start, head, true);
            if (!r.ok()) return r.cast();
            dir = r.value;
        }
        if (name.equals("/") || name.isEmpty()) name = ".";
        if (!dir.inode().isDir()) return Result.err(-Errno.ENOTDIR);
        if (name.length() > NAME_MAX) return Result.err(-Errno.ENAMETOOLONG);
        return Result.ok(new Parent(dir, name, trailingSlash));
    }

    /**
     * The absolute path of {@code p} as seen from the task's root (getcwd).
     * A directory outside that root (the working directory a chroot(2) left
     * behind) is its path from the namespace's root after "(unreachable)",
     * as Linux's getcwd(2) gives it.
     */
    public String absolute(FsContext ctx, VfsPath p) {
        String out = "";
        VfsPath cur = p;
        int guard = 0;
        while (guard++ < 4096 && !cur.same(ctx.root)) {
            if (cur.dentry == cur.mount.root) {
                if (cur.mount.parent == null) return "(unreachable)" + (out.isEmpty() ? "/" : out);
                cur = new VfsPath(cur.mount.parent, cur.mount.mountpoint);
                continue;
            }
            out = "/" + cur.dentry.name + out;
            if (cur.dentry.parent == null) return "(unreachable)" + out;
            cur = new VfsPath(cur.mount, cur.dentry.parent);
        }
        return out.isEmpty() ? "/" : out;
    }
}
