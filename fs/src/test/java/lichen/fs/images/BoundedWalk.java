package lichen.fs.images;

import lichen.fs.Result;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Stat;
import lichen.fs.vfs.Vfs;

/**
 * Visits a (possibly damaged) tree through the VFS: lists every directory,
 * stats every entry, reads files and links. Errors are counted, not thrown;
 * the walk is bounded in entries and depth, so a cyclic directory graph ends.
 */
public final class BoundedWalk {
    public int entries, errors;
    public long bytes;
    /** False: stat, list and readlink only, no file data. */
    public boolean readContents = true;
    private final Vfs vfs;
    private final FsContext ctx;
    private final int maxEntries;

    public BoundedWalk(Vfs vfs, FsContext ctx, int maxEntries) {
        this.vfs = vfs;
        this.ctx = ctx;
        this.maxEntries = maxEntries;
    }

    public void walk(String path, int depth) {
        if (depth > 12 || entries > maxEntries) return;
        Result<OpenFile> d = vfs.open(ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        if (!d.ok()) { errors++; return; }
        byte[] buf = new byte[2048];
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int rounds = 0; rounds < 200; rounds++) {
            int n = vfs.getdents64(ctx, d.value, buf, 0, buf.length);
            if (n <= 0) { if (n < 0) errors++; break; }
            for (int p = 0; p < n; ) {
                int rec = (buf[p + 16] & 0xFF) | (buf[p + 17] & 0xFF) << 8;
                int end = p + 19;
                while (buf[end] != 0) end++;
                char[] c = new char[end - p - 19];
                for (int i = 0; i < c.length; i++) c[i] = (char) (buf[p + 19 + i] & 0xFF);
                String name = new String(c);
                if (!name.equals(".") && !name.equals("..") && names.size() < 500) names.add(name);
                p += rec;
            }
        }
        d.value.close();
        for (String name : names) {
            if (++entries > maxEntries) return;
            String child = path.endsWith("/") ? path + name : path + "/" + name;
            Result<Stat> st = vfs.fstatat(ctx, OpenFlags.AT_FDCWD, child, OpenFlags.AT_SYMLINK_NOFOLLOW);
            if (!st.ok()) { errors++; continue; }
            int mode = st.value.mode;
            if (FileMode.isDir(mode)) {
                walk(child, depth + 1);
            } else if (FileMode.isSymlink(mode)) {
                if (!vfs.readlinkat(ctx, OpenFlags.AT_FDCWD, child).ok()) errors++;
                if (!vfs.fstatat(ctx, OpenFlags.AT_FDCWD, child, 0).ok()) errors++;
            } else if (FileMode.isRegular(mode) && !readContents) {
                vfs.resolve(ctx, OpenFlags.AT_FDCWD, child, 0).value.inode().listxattr();
            } else if (FileMode.isRegular(mode)) {
                Result<OpenFile> f = vfs.open(ctx, OpenFlags.AT_FDCWD, child, OpenFlags.O_RDONLY, 0);
                if (!f.ok()) { errors++; continue; }
                byte[] data = new byte[16384];
                for (int i = 0; i < 4; i++) {
                    int n = f.value.read(data, 0, data.length);
                    if (n < 0) errors++;
                    if (n <= 0) break;
                    bytes += n;
                }
                f.value.pread(data, 0, 100, Math.max(0, st.value.size - 50));
                f.value.inode.listxattr();
                f.value.close();
            }
        }
    }
}
