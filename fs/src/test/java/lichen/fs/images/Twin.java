package lichen.fs.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import lichen.fs.Errno;
import lichen.fs.Result;
import lichen.fs.tool.ImageSession;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;

/**
 * Applies each change both to an image through Lichen's VFS and to a host
 * directory, so the image can afterwards be compared with the directory.
 */
public final class Twin {
    private final ImageSession s;
    private final Path host;

    public Twin(ImageSession s, Path host) {
        this.s = s;
        this.host = host;
    }

    private Path h(String path) {
        return host.resolve(path.substring(1));
    }

    private static String b(String path) {
        return ImageSession.bytes(path);
    }

    private static void check(int r, String what) {
        assertTrue(r >= 0, what + ": " + Errno.name(r));
    }

    public void write(String path, long pos, byte[] data) throws IOException {
        Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, b(path), OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644);
        check(f.error, "open " + path);
        int done = 0;
        while (done < data.length) {
            int n = f.value.pwrite(data, done, data.length - done, pos + done);
            check(n, "write " + path);
            done += n;
        }
        check(f.value.close(), "close " + path);
        try (RandomAccessFile r = new RandomAccessFile(h(path).toFile(), "rw")) {
            r.seek(pos);
            r.write(data);
        }
    }

    /** Creates a file holding {@code data} when Lichen can; returns 0 or Lichen's errno (the host tree changes only on success). */
    public int tryCreate(String path, byte[] data) throws IOException {
        Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, b(path), OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL, 0644);
        if (!f.ok()) return f.error;
        int n = f.value.write(data, 0, data.length);
        f.value.close();
        if (n != data.length) return n < 0 ? n : -Errno.EIO;
        Files.write(h(path), data);
        return 0;
    }

    public void truncate(String path, long size) throws IOException {
        check(s.vfs.truncate(s.ctx, OpenFlags.AT_FDCWD, b(path), size), "truncate " + path);
        try (RandomAccessFile r = new RandomAccessFile(h(path).toFile(), "rw")) {
            r.setLength(size);
        }
    }

    public void mkdir(String path) throws IOException {
        check(s.vfs.mkdirat(s.ctx, OpenFlags.AT_FDCWD, b(path), 0755), "mkdir " + path);
        Files.createDirectory(h(path));
    }

    public void rmdir(String path) throws IOException {
        check(s.vfs.unlinkat(s.ctx, OpenFlags.AT_FDCWD, b(path), OpenFlags.AT_REMOVEDIR), "rmdir " + path);
        Files.delete(h(path));
    }

    public void unlink(String path) throws IOException {
        check(s.vfs.unlinkat(s.ctx, OpenFlags.AT_FDCWD, b(path), 0), "unlink " + path);
        Files.delete(h(path));
    }

    public void rename(String from, String to) throws IOException {
        check(s.vfs.renameat2(s.ctx, OpenFlags.AT_FDCWD, b(from), OpenFlags.AT_FDCWD, b(to), 0), "rename " + from);
        Files.move(h(from), h(to), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void link(String from, String to) throws IOException {
        check(s.vfs.linkat(s.ctx, OpenFlags.AT_FDCWD, b(from), OpenFlags.AT_FDCWD, b(to), 0), "link " + from);
        Files.createLink(h(to), h(from));
    }

    public void symlink(String target, String path) throws IOException {
        check(s.vfs.symlinkat(s.ctx, b(target), OpenFlags.AT_FDCWD, b(path)), "symlink " + path);
        Files.createSymbolicLink(h(path), Path.of(target));
    }

    public void expectError(int errno, int result) {
        assertEquals(-errno, result, "expected " + Errno.name(errno) + ", got " + Errno.name(result));
    }

    public ImageSession session() {
        return s;
    }
}
