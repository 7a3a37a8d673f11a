package lichen.fs.fat;

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
import lichen.fs.Result;
import lichen.fs.block.PageCache;
import lichen.fs.block.RamDisk;
import lichen.fs.images.BoundedWalk;
import lichen.fs.images.HostTools;
import lichen.fs.images.Mutator;
import lichen.fs.images.RecordingDevice;
import lichen.fs.images.SourceTree;
import lichen.fs.vfs.Clock;
import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.Vfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Damaged FAT32 images are refused or read with errors, never an exception or a hang. */
class FatFuzzTest {
    static Path work;
    /** The first 2 MiB of a 33 MiB volume (mtools needs 65525 clusters to call it FAT32); the rest is zeros. */
    static byte[] image;
    static long fullSize;
    static int[] metadata;

    @BeforeAll
    static void build() throws IOException {
        work = Files.createTempDirectory("lichen-fat-fuzz");
        Path src = work.resolve("src");
        Files.createDirectories(src.resolve("A Long Directory Name/inner"));
        Random r = new Random(2);
        for (int i = 0; i < 30; i++) {
            byte[] d = new byte[i * 611];
            r.nextBytes(d);
            Files.write(src.resolve((i % 2 == 0 ? "A Long Directory Name/" : "") + "Some File Called " + i + ".bin"), d);
        }
        Path img = work.resolve("fat.img");
        HostTools.fat32(img, 33, src);
        byte[] all = Files.readAllBytes(img);
        fullSize = all.length;
        image = Arrays.copyOf(all, 2 << 20);
        for (int i = image.length; i < all.length; i++) assertEquals(0, all[i], "everything lies in the first 2 MiB");
        RecordingDevice rec = new RecordingDevice(device(image));
        Vfs vfs = new Vfs(256);
        vfs.mountRoot(FatFs.mount(new PageCache(rec, 4), Clock.EPOCH).value);
        BoundedWalk w = new BoundedWalk(vfs, vfs.newContext(Credentials.ROOT), 1000);
        w.readContents = false;
        w.walk("/", 0);
        metadata = rec.offsets();
    }

    @AfterAll
    static void clean() throws IOException {
        SourceTree.deleteRecursively(work);
    }

    /** A sparse ramdisk of the full volume size holding {@code prefix} at its start. */
    static RamDisk device(byte[] prefix) {
        RamDisk d = new RamDisk(fullSize);
        d.write(0, prefix, 0, prefix.length);
        return d;
    }

    static boolean exercise(byte[] img) {
        Result<FatFs> m = FatFs.mount(device(img), Clock.EPOCH);
        if (!m.ok()) return false;
        Vfs vfs = new Vfs(256);
        vfs.mountRoot(m.value);
        new BoundedWalk(vfs, vfs.newContext(Credentials.ROOT), 400).walk("/", 0);
        return true;
    }

    @Test
    void aThousandMutatedImagesNeverThrowOrHang() {
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
            Random r = new Random(777);
            int mounted = 0;
            for (int i = 0; i < 1000; i++) {
                byte[] img = Mutator.mutate(image, r, 64 * 1024, metadata);
                try {
                    if (exercise(img)) mounted++;
                } catch (Throwable t) {
                    throw new AssertionError("iteration " + i + ": " + t, t);
                }
            }
            assertTrue(mounted > 300, mounted + " mounted");
        });
    }

    @Test
    void truncatedAndZeroedImagesAreRefused() {
        for (int len : new int[] {0, 100, 511, 512, 4096, 100_000, image.length - 1}) {
            assertTrue(FatFs.mount(RamDisk.of(Arrays.copyOf(image, len), true), Clock.EPOCH).error < 0, "length " + len);
            exercise(Arrays.copyOf(image, len));
        }
        assertEquals(-Errno.EINVAL, FatFs.mount(RamDisk.of(new byte[1 << 20], true), Clock.EPOCH).error);
    }
}
