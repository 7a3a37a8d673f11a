package lichen.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.Result;
import lichen.fs.block.RamDisk;
import lichen.fs.images.BoundedWalk;
import lichen.fs.images.HostTools;
import lichen.fs.images.Mutator;
import lichen.fs.images.SourceTree;
import lichen.fs.vfs.Clock;
import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Vfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Damaged ext images are refused at mount or read with errors: never an
 * exception, a hang or an access out of bounds. Seeded, so a failure names
 * the iteration that reproduces it.
 */
class Ext4FuzzTest {
    static Path work;
    static byte[] ext4, ext2;
    static int[] ext4Meta, ext2Meta;

    @BeforeAll
    static void images() throws IOException {
        work = Files.createTempDirectory("lichen-fuzz");
        Path src = work.resolve("src");
        Files.createDirectories(src.resolve("a/b/c"));
        Random r = new Random(1);
        for (int i = 0; i < 40; i++) {
            byte[] d = new byte[i * 397];
            r.nextBytes(d);
            Files.write(src.resolve((i % 3 == 0 ? "a/" : i % 3 == 1 ? "a/b/" : "") + "file" + i), d);
        }
        Files.createSymbolicLink(src.resolve("a/fast"), Path.of("../file3"));
        Files.createSymbolicLink(src.resolve("a/slow"), Path.of("x".repeat(90)));
        Files.createDirectories(src.resolve("big"));
        for (int i = 0; i < 120; i++) Files.write(src.resolve("big/entry-with-a-long-name-" + i), new byte[] {1});
        Path img = work.resolve("e4.img");
        HostTools.mke2fs(img, "ext4", src, "2M", "-N", "256");
        HostTools.run("e2fsck", "-fyD", img.toString());
        HostTools.debugfsWrite(img, "ea_set /file3 user.k value");
        ext4 = Files.readAllBytes(img);
        HostTools.mke2fs(img, "ext2", src, "2M", "-N", "256");
        ext2 = Files.readAllBytes(img);
        ext4Meta = metadataBlocks(ext4);
        ext2Meta = metadataBlocks(ext2);
    }

    /** The blocks a walk reads without file contents: superblock, descriptors, inodes, directories, extents, xattrs. */
    static int[] metadataBlocks(byte[] image) {
        lichen.fs.images.RecordingDevice rec = new lichen.fs.images.RecordingDevice(RamDisk.of(image, true));
        Result<Ext4Fs> m = Ext4Fs.mount(new lichen.fs.block.PageCache(rec, 4), false, Clock.EPOCH);
        Vfs vfs = new Vfs(512);
        vfs.mountRoot(m.value);
        FsContext ctx = vfs.newContext(Credentials.ROOT);
        BoundedWalk w = new BoundedWalk(vfs, ctx, 1000);
        w.readContents = false;
        w.walk("/", 0);
        return rec.offsets();
    }

    @AfterAll
    static void clean() throws IOException {
        SourceTree.deleteRecursively(work);
    }

    /** Mounts, walks, and on every third image also writes; returns whether the mount succeeded. */
    static boolean exercise(byte[] image, boolean write) {
        return exercise(image, write, true);
    }

    static boolean exercise(byte[] image, boolean write, boolean verifyChecksums) {
        Result<Ext4Fs> m = Ext4Fs.mount(RamDisk.of(image, false), write, Clock.EPOCH, verifyChecksums);
        if (!m.ok()) {
            assertTrue(m.error < 0);
            return false;
        }
        Vfs vfs = new Vfs(512);
        vfs.mountRoot(m.value);
        FsContext ctx = vfs.newContext(Credentials.ROOT);
        new BoundedWalk(vfs, ctx, 400).walk("/", 0);
        if (write) {
            Result<OpenFile> f = vfs.open(ctx, OpenFlags.AT_FDCWD, "/a/new", OpenFlags.O_RDWR | OpenFlags.O_CREAT, 0644);
            if (f.ok()) {
                f.value.write(new byte[5000], 0, 5000);
                vfs.ftruncate(f.value, 10);
                f.value.close();
            }
            vfs.mkdirat(ctx, OpenFlags.AT_FDCWD, "/big/newdir", 0755);
            vfs.renameat2(ctx, OpenFlags.AT_FDCWD, "/file1", OpenFlags.AT_FDCWD, "/a/b/renamed", 0);
            vfs.unlinkat(ctx, OpenFlags.AT_FDCWD, "/a/file0", 0);
            vfs.unlinkat(ctx, OpenFlags.AT_FDCWD, "/a/b/c", OpenFlags.AT_REMOVEDIR);
            vfs.sync();
        }
        return true;
    }

    /** Keeps the superblock checksum valid after damage half the time, so damage behind it is reached too. */
    static void maybeFixSuperblockChecksum(byte[] b, Random r) {
        if (b.length >= 2048 && r.nextBoolean()) {
            LittleEndian.put32(b, 1024 + 0x3FC, Crc32c.update(-1, b, 1024, 0x3FC));
        }
    }

    @Test
    void thousandsOfMutatedImagesNeverThrowOrHang() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random r = new Random(20261123);
            int mounted = 0;
            long slowest = 0;
            int slowestIteration = -1;
            for (int i = 0; i < 2000; i++) {
                byte[] base = i % 3 == 2 ? ext2 : ext4;
                byte[] img = Mutator.mutate(base, r, 256 * 1024, i % 3 == 2 ? ext2Meta : ext4Meta);
                maybeFixSuperblockChecksum(img, r);
                long t0 = System.nanoTime();
                try {
                    // Half the images are read past bad checksums, so the parsers behind them meet the damage.
                    if (exercise(img, i % 3 == 0, i % 2 == 0)) mounted++;
                } catch (Throwable t) {
                    throw new AssertionError("iteration " + i + ": " + t, t);
                }
                long took = System.nanoTime() - t0;
                if (took > slowest) {
                    slowest = took;
                    slowestIteration = i;
                }
            }
            System.out.printf("ext fuzz: %d images, %d mounted, slowest %d (%.1f ms)%n", 2000, mounted, slowestIteration, slowest / 1e6);
            assertTrue(slowest < 2_000_000_000L, "iteration " + slowestIteration + " took " + slowest / 1e6 + " ms");
            assertTrue(mounted > 700, "most damage is past the superblock: " + mounted + " mounted");
        });
    }

    @Test
    void aDamagedInodeOrDirectoryBlockFailsItsChecksum() {
        Result<Ext4Fs> m = Ext4Fs.mount(RamDisk.of(ext4, true), false, Clock.EPOCH);
        long table = m.value.gd.inodeTable(0) * m.value.bs;
        int inodeSize = m.value.sb.inodeSize;
        byte[] img = ext4.clone();
        img[(int) (table + 11 * inodeSize + 0x10)] ^= 1;          // mtime of inode 12, the first file
        Result<Ext4Fs> bad = Ext4Fs.mount(RamDisk.of(img, true), false, Clock.EPOCH);
        assertTrue(bad.ok());
        assertEquals(-Errno.EFSBADCRC, bad.value.inode(12).error);
        assertTrue(Ext4Fs.mount(RamDisk.of(img, true), false, Clock.EPOCH, false).value.inode(12).ok());
        Vfs vfs = new Vfs(64);
        vfs.mountRoot(m.value);
        FsContext ctx = vfs.newContext(Credentials.ROOT);
        Ext4Inode a = (Ext4Inode) vfs.resolve(ctx, OpenFlags.AT_FDCWD, "/a", 0).value.inode();
        long[] run = new long[1];
        long blk = a.map(0, run);
        byte[] img2 = ext4.clone();
        img2[(int) (blk * m.value.bs + 20)] ^= 0x40;                  // inside the first records of /a
        Result<Ext4Fs> bad2 = Ext4Fs.mount(RamDisk.of(img2, true), false, Clock.EPOCH);
        Vfs vfs2 = new Vfs(64);
        vfs2.mountRoot(bad2.value);
        assertEquals(-Errno.EFSBADCRC, vfs2.fstatat(vfs2.newContext(Credentials.ROOT), OpenFlags.AT_FDCWD, "/a/file0", 0).error);
    }

    @Test
    void truncatedImagesAreRefusedOrReadWithErrors() {
        for (int len : new int[] {0, 100, 1024, 1500, 2047, 2048, 4096, 8192, 65536, 200_000, 1 << 20, (2 << 20) - 1}) {
            byte[] img = Arrays.copyOf(ext4, len);
            Result<Ext4Fs> m = Ext4Fs.mount(RamDisk.of(img, true), false, Clock.EPOCH);
            if (len < 2 << 20) assertTrue(!m.ok(), "a superblock claiming more blocks than the device has is refused (" + len + ")");
            exercise(img, false);
        }
    }

    @Test
    void zeroFilledImagesAndRegionsAreRejected() {
        assertEquals(-Errno.EINVAL, Ext4Fs.mount(RamDisk.of(new byte[2 << 20], true), false, Clock.EPOCH).error);
        byte[] noInodes = ext4.clone();
        Result<Ext4Fs> m = Ext4Fs.mount(RamDisk.of(ext4, true), false, Clock.EPOCH);
        long table = m.value.gd.inodeTable(0) * m.value.bs;
        Arrays.fill(noInodes, (int) table, (int) table + 64 * 256, (byte) 0);
        assertTrue(Ext4Fs.mount(RamDisk.of(noInodes, true), false, Clock.EPOCH).error < 0, "root inode zeroed");
        byte[] everythingButSuper = new byte[ext4.length];
        System.arraycopy(ext4, 1024, everythingButSuper, 1024, 1024);
        assertTrue(!exercise(everythingButSuper, false));
    }
}
