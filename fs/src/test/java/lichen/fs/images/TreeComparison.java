package lichen.fs.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import lichen.fs.Errno;
import lichen.fs.Result;
import lichen.fs.tool.ImageSession;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Stat;
import lichen.fs.vfs.Vfs;
import lichen.fs.vfs.FsContext;

/**
 * Compares what Lichen's drivers read through the VFS with the source tree an
 * image was built from: listings, types, sizes, modes, owners, link counts,
 * link targets and contents.
 */
public final class TreeComparison {
    private final Vfs vfs;
    private final FsContext ctx;
    private final boolean fat;
    public int files, dirs, symlinks;
    public long bytes;

    public TreeComparison(ImageSession s, boolean fat) {
        this.vfs = s.vfs;
        this.ctx = s.ctx;
        this.fat = fat;
    }

    public static List<String> list(Vfs vfs, FsContext ctx, String path) {
        Result<OpenFile> f = vfs.open(ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        assertTrue(f.ok(), path + ": " + Errno.name(f.error));
        List<String> names = new ArrayList<>();
        byte[] buf = new byte[4096];
        while (true) {
            int n = vfs.getdents64(ctx, f.value, buf, 0, buf.length);
            assertTrue(n >= 0, path + ": getdents64 " + Errno.name(n));
            if (n == 0) break;
            for (int p = 0; p < n; ) {
                int rec = (buf[p + 16] & 0xFF) | (buf[p + 17] & 0xFF) << 8;
                int end = p + 19;
                while (buf[end] != 0) end++;
                char[] c = new char[end - p - 19];
                for (int i = 0; i < c.length; i++) c[i] = (char) (buf[p + 19 + i] & 0xFF);
                names.add(new String(c));
                p += rec;
            }
        }
        f.value.close();
        return names;
    }

    public static byte[] read(Vfs vfs, FsContext ctx, String path, long pos, int len) {
        Result<OpenFile> f = vfs.open(ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDONLY, 0);
        assertTrue(f.ok(), path + ": " + Errno.name(f.error));
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            int n = f.value.pread(out, done, len - done, pos + done);
            assertTrue(n >= 0, path + ": read " + Errno.name(n));
            if (n == 0) break;
            done += n;
        }
        f.value.close();
        return done == len ? out : java.util.Arrays.copyOf(out, done);
    }

    public void compareDirectory(Path src, String path) throws IOException {
        dirs++;
        List<String> got = list(vfs, ctx, path);
        // "." and ".." come once each, first on most filesystems, in hash order on hashed ext4 directories.
        TreeSet<String> gotNames = new TreeSet<>(got);
        assertEquals(got.size(), gotNames.size(), path + ": duplicate names");
        assertTrue(gotNames.remove(".") && gotNames.remove(".."), path + ": . and .. listed");
        if (path.equals("/")) gotNames.remove("lost+found");
        TreeSet<String> want = new TreeSet<>();
        try (var s = Files.list(src)) {
            for (Path p : s.toList()) want.add(ImageSession.bytes(p.getFileName().toString()));
        }
        assertEquals(want, gotNames, path + ": listing");
        for (String name : want) {
            Path child = src.resolve(ImageSession.text(name));
            String cpath = path.endsWith("/") ? path + name : path + "/" + name;
            compareEntry(child, cpath);
        }
    }

    private void compareEntry(Path src, String path) throws IOException {
        Result<Stat> st = vfs.fstatat(ctx, OpenFlags.AT_FDCWD, path, OpenFlags.AT_SYMLINK_NOFOLLOW);
        assertTrue(st.ok(), path + ": " + Errno.name(st.error));
        Stat s = st.value;
        Map<String, Object> a = Files.readAttributes(src, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        if (!fat) {
            assertEquals(Integer.toOctalString(mode), Integer.toOctalString(s.mode), path + ": mode");
            assertEquals(a.get("uid"), s.uid, path + ": uid");
            assertEquals(a.get("gid"), s.gid, path + ": gid");
            assertEquals(a.get("nlink"), s.nlink, path + ": nlink");
        } else {
            assertEquals(mode & FileMode.S_IFMT, s.mode & FileMode.S_IFMT, path + ": type");
            if (!FileMode.isDir(mode)) assertEquals(1, s.nlink, path + ": nlink");
        }
        if (Files.isSymbolicLink(src)) {
            symlinks++;
            Result<String> t = vfs.readlinkat(ctx, OpenFlags.AT_FDCWD, path);
            assertTrue(t.ok(), path + ": readlink " + Errno.name(t.error));
            assertEquals(Files.readSymbolicLink(src).toString(), ImageSession.text(t.value), path + ": target");
            assertEquals(ImageSession.bytes(Files.readSymbolicLink(src).toString()).length(), s.size, path + ": link size");
        } else if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
            compareDirectory(src, path);
        } else {
            files++;
            long size = Files.size(src);
            assertEquals(size, s.size, path + ": size");
            compareContent(src, path, size);
        }
    }

    private void compareContent(Path src, String path, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "r")) {
            long[] offsets;
            int chunk = 8 << 20;
            if (size <= (64 << 20)) {
                offsets = new long[(int) ((size + chunk - 1) / chunk) + (size == 0 ? 1 : 0)];
                for (int i = 0; i < offsets.length; i++) offsets[i] = (long) i * chunk;
            } else {
                // Huge sparse files: the start, a hole, around the data far out, and the end.
                offsets = new long[] {0, size / 3, SourceTree.BIG_SPARSE_DATA_AT - 5000, size - 70_000};
                chunk = 400_000;
            }
            for (long off : offsets) {
                int n = (int) Math.min(chunk, size - off);
                byte[] want = new byte[n];
                f.seek(off);
                f.readFully(want);
                byte[] got = read(vfs, ctx, path, off, n);
                assertArrayEquals(want, got, path + " at " + off);
                bytes += n;
            }
            byte[] past = read(vfs, ctx, path, size, 10);
            assertEquals(0, past.length, path + ": read at end of file");
        }
    }
}
