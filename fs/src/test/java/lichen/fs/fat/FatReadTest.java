package lichen.fs.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lichen.fs.Errno;
import lichen.fs.images.HostTools;
import lichen.fs.images.SourceTree;
import lichen.fs.images.TreeComparison;
import lichen.fs.tool.ImageSession;
import lichen.fs.vfs.OpenFlags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FAT32 images made by mkfs.vfat -F 32 and filled by mcopy read back through Lichen's FAT driver. */
class FatReadTest {
    static Path work;
    static Path src;
    static Path img;

    @BeforeAll
    static void build() throws IOException {
        work = Files.createTempDirectory("lichen-fat");
        src = SourceTree.fat(work.resolve("src"), 5);
        img = work.resolve("fat32.img");
        HostTools.fat32(img, 40, src);
    }

    @AfterAll
    static void clean() throws IOException {
        SourceTree.deleteRecursively(work);
    }

    @Test
    void everyNameSizeAndByteMatchesTheSourceTree() {
        try (ImageSession s = ImageSession.open(img, false)) {
            assertEquals("vfat", s.fs.type());
            TreeComparison c = new TreeComparison(s, true);
            try {
                c.compareDirectory(src, "/");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertTrue(c.files >= 300 + 13 && c.dirs >= 8, c.files + " files, " + c.dirs + " dirs");
        }
    }

    @Test
    void namesMatchWithoutRegardToCaseAndTheVolumeIsReadOnly() {
        try (ImageSession s = ImageSession.open(img, false)) {
            var a = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/mixedcase.txt", 0);
            var b = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/MixedCase.Txt", 0);
            assertTrue(a.ok() && b.ok());
            assertEquals(a.value.ino, b.value.ino);
            assertEquals(-Errno.EROFS, s.vfs.mkdirat(s.ctx, OpenFlags.AT_FDCWD, "/new", 0755));
            assertEquals(-Errno.EROFS, s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, "/lower.txt", OpenFlags.O_WRONLY, 0).error);
            var dir = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/Directory Level 0", 0).value;
            assertEquals(3, dir.nlink, "2 plus one subdirectory");
            assertEquals(-Errno.ENOENT, s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/nothing", 0).error);
        }
    }

    @Test
    void theHostToolMountsWritableFat32AsReadOnlyOnly() {
        assertTrue(ImageSession.mount(new lichen.fs.tool.FileBlockDevice(img, true), true).error == -Errno.EROFS);
    }
}
