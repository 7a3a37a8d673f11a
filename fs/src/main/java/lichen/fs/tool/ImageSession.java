package lichen.fs.tool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lichen.api.HostOnly;
import lichen.fs.Errno;
import lichen.fs.FsProbe;
import lichen.fs.Result;
import lichen.fs.block.BlockDevice;
import lichen.fs.block.PageCache;
import lichen.fs.ext4.Ext4Fs;
import lichen.fs.fat.FatFs;
import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.Vfs;

/**
 * An image opened with Lichen's own drivers behind a VFS, as root: what the
 * fsimg tool, the tests and the benchmark work through.
 */
@HostOnly
public final class ImageSession implements AutoCloseable {
    public final Vfs vfs;
    public final FsContext ctx;
    public final FileSystem fs;
    public final PageCache cache;
    private final FileBlockDevice file;

    private ImageSession(FileBlockDevice file, PageCache cache, FileSystem fs) {
        this.file = file;
        this.cache = cache;
        this.fs = fs;
        this.vfs = new Vfs(65536);
        vfs.mountRoot(fs);
        this.ctx = vfs.newContext(Credentials.ROOT);
        this.ctx.umask = 0;
    }

    /** Opens {@code image} (ext2/3/4 or FAT32); throws with the errno name when it cannot be mounted. */
    public static ImageSession open(Path image, boolean writable) {
        FileBlockDevice dev = new FileBlockDevice(image, !writable);
        Result<? extends FileSystem> r = mount(dev, writable);
        if (!r.ok()) {
            dev.close();
            throw new IllegalStateException(image + ": cannot mount: " + Errno.name(r.error));
        }
        return new ImageSession(dev, null, r.value);
    }

    /** Mounts whichever filesystem {@code dev} holds (FAT32 is always read only). */
    public static Result<? extends FileSystem> mount(BlockDevice dev, boolean writable) {
        PageCache cache = new PageCache(dev, 8192);
        int kind = FsProbe.probe(cache);
        if (kind == FsProbe.EXT) return Ext4Fs.mount(cache, writable, new HostClock());
        if (kind == FsProbe.FAT32) return writable ? Result.err(-Errno.EROFS) : FatFs.mount(cache, new HostClock());
        return Result.err(-Errno.EINVAL);
    }

    /** A Java string as a byte string (one char per UTF-8 byte), the form Lichen's names take. */
    public static String bytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) c[i] = (char) (b[i] & 0xFF);
        return new String(c);
    }

    /** A byte string back to a Java string. */
    public static String text(String byteString) {
        byte[] b = new byte[byteString.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) byteString.charAt(i);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        int r = vfs.sync();
        file.close();
        if (r < 0) throw new IllegalStateException("sync failed: " + Errno.name(r));
    }
}
