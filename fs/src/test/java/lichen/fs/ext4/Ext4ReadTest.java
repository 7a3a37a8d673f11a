package lichen.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lichen.fs.Errno;
import lichen.fs.Result;
import lichen.fs.images.HostTools;
import lichen.fs.images.SourceTree;
import lichen.fs.images.TreeComparison;
import lichen.fs.tool.ImageSession;
import lichen.fs.vfs.Inode;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Stat;
import lichen.fs.vfs.VfsPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images made by mke2fs -d from a generated tree read back, entry by entry, through Lichen's ext driver. */
class Ext4ReadTest {
    static Path work;
    static Path src;

    @BeforeAll
    static void tree() throws IOException {
        work = Files.createTempDirectory("lichen-ext4-read");
        src = SourceTree.ext(work.resolve("src"), 42, true);
    }

    @AfterAll
    static void clean() throws IOException {
        SourceTree.deleteRecursively(work);
    }

    @ParameterizedTest(name = "{0} with {1}-byte blocks")
    @CsvSource({"ext4,4096", "ext4,1024", "ext3,4096", "ext2,1024", "ext2,4096"})
    void everyEntryMatchesTheSourceTree(String type, int blockSize) throws IOException {
        Path img = work.resolve(type + "-" + blockSize + ".img");
        HostTools.mke2fs(img, type, src, "96M", "-b", Integer.toString(blockSize));
        try (ImageSession s = ImageSession.open(img, false)) {
            assertEquals(type, s.fs.type());
            TreeComparison c = new TreeComparison(s, false);
            c.compareDirectory(src, "/");
            assertTrue(c.files > 1500 && c.dirs > 15 && c.symlinks == 4, c.files + " files " + c.dirs + " dirs");
        } finally {
            Files.deleteIfExists(img);
        }
    }

    @Test
    void hashTreeDirectoriesMadeByE2fsckFindEveryName() throws IOException {
        Path img = work.resolve("htree.img");
        HostTools.mke2fs(img, "ext4", src, "96M");
        HostTools.Run fsck = HostTools.run("e2fsck", "-fyD", img.toString());
        assertTrue(fsck.exit() <= 1, fsck.output());
        try (ImageSession s = ImageSession.open(img, false)) {
            Result<VfsPath> dir = s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/bigdir", 0);
            assertTrue(dir.ok());
            Ext4Inode bigdir = (Ext4Inode) dir.value.inode();
            assertNotEquals(0, bigdir.flags & Features.INODE_INDEX_FL, "e2fsck -D indexes the directory");
            for (int i = 0; i < 1500; i++) {
                String name = String.format("entry-%05d-with-a-longer-name", i);
                Result<Inode> r = bigdir.lookup(name);
                assertTrue(r.ok(), name + ": " + Errno.name(r.error));
                byte[] b = new byte[1];
                assertEquals(1, r.value.read(0, b, 0, 1));
                assertEquals((byte) i, b[0]);
            }
            assertEquals(-Errno.ENOENT, bigdir.lookup("entry-99999-with-a-longer-name").error);
            assertEquals(-Errno.ENOENT, bigdir.lookup("entry-00001-with-a-longer-nam").error);
            new TreeComparison(s, false).compareDirectory(src, "/");
        } finally {
            Files.deleteIfExists(img);
        }
    }

    @ParameterizedTest(name = "{0} hash, {1} chars")
    @CsvSource({"half_md4,1", "half_md4,2", "tea,1", "tea,2", "legacy,1", "legacy,2"})
    void everyHashVersionAndCharSignednessFindsNonAsciiNames(String alg, int flags) throws IOException {
        Path hsrc = Files.createDirectories(work.resolve("hash-" + alg + flags + "/d"));
        for (int i = 0; i < 600; i++) Files.write(hsrc.resolve("ä名前-" + i + "-ü"), new byte[] {(byte) i});
        Path img = work.resolve("hash.img");
        HostTools.mke2fs(img, "ext4", hsrc.getParent(), "32M");
        HostTools.ok("tune2fs", "-E", "hash_alg=" + alg, img.toString());
        HostTools.debugfsWrite(img, "ssv flags " + flags);
        HostTools.Run fsck = HostTools.run("e2fsck", "-fyD", img.toString());
        assertTrue(fsck.exit() <= 1, fsck.output());
        try (ImageSession s = ImageSession.open(img, false)) {
            Ext4Inode d = (Ext4Inode) s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/d", 0).value.inode();
            assertNotEquals(0, d.flags & Features.INODE_INDEX_FL);
            assertEquals(flags, d.efs.sb.flags & 3);
            for (int i = 0; i < 600; i++) {
                Result<Inode> r = d.lookup(ImageSession.bytes("ä名前-" + i + "-ü"));
                assertTrue(r.ok(), alg + " " + i + ": " + Errno.name(r.error));
                byte[] b = new byte[1];
                r.value.read(0, b, 0, 1);
                assertEquals((byte) i, b[0]);
            }
        } finally {
            Files.deleteIfExists(img);
        }
    }

    @Test
    void extendedAttributesInTheInodeAndInABlockReadBack() throws IOException {
        Path img = work.resolve("xattr.img");
        HostTools.mke2fs(img, "ext4", src, "96M");
        Path big = work.resolve("xattr-value");
        byte[] value = new byte[700];
        for (int i = 0; i < value.length; i++) value[i] = (byte) ('a' + i % 26);
        Files.write(big, value);
        HostTools.debugfsWrite(img, "ea_set /size-1 user.comment hello-xattr");
        HostTools.debugfsWrite(img, "ea_set -f " + big + " /size-60 user.big");
        try (ImageSession s = ImageSession.open(img, false)) {
            Inode small = s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/size-1", 0).value.inode();
            assertArrayEquals("hello-xattr".getBytes(), small.getxattr("user.comment").value);
            assertEquals(-Errno.ENODATA, small.getxattr("user.none").error);
            Inode other = s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/size-60", 0).value.inode();
            assertNotEquals(0, ((Ext4Inode) other).fileAcl, "a 700-byte value lives in an xattr block");
            assertArrayEquals(value, other.getxattr("user.big").value);
            assertTrue(java.util.Arrays.asList(other.listxattr().value).contains("user.big"));
        } finally {
            Files.deleteIfExists(img);
        }
    }

    @Test
    void hardLinksShareOneInodeAndStatReportsIt() throws IOException {
        Path img = work.resolve("links.img");
        HostTools.mke2fs(img, "ext4", src, "96M");
        try (ImageSession s = ImageSession.open(img, false)) {
            Stat a = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/links/target", 0).value;
            Stat b = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/links/hard1", 0).value;
            Stat c = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/hard-elsewhere", 0).value;
            assertEquals(a.ino, b.ino);
            assertEquals(a.ino, c.ino);
            assertEquals(3, a.nlink);
            Stat viaLink = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/links/fast", 0).value;
            assertEquals(a.ino, viaLink.ino, "stat follows the symlink");
            assertEquals(-Errno.ENOENT, s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/links/dangling", 0).error);
            Stat dirViaLink = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/links/dir/file.txt", 0).value;
            assertEquals(8, dirViaLink.size);
            String debug = HostTools.debugfs(img, "stat /links/target");
            assertTrue(debug.contains("Inode: " + a.ino + " "), debug);
        } finally {
            Files.deleteIfExists(img);
        }
    }
}
