package lichen.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import lichen.fs.Errno;
import lichen.fs.Result;
import lichen.fs.images.HostTools;
import lichen.fs.images.SourceTree;
import lichen.fs.images.TreeComparison;
import lichen.fs.images.Twin;
import lichen.fs.tool.ImageSession;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Images changed through Lichen's ext driver stay clean for e2fsck -fn, show
 * the same files to debugfs, and read back equal to a host directory that
 * received the same changes.
 */
class Ext4WriteTest {
    static Path work;

    @BeforeAll
    static void setUp() throws IOException {
        work = Files.createTempDirectory("lichen-ext4-write");
    }

    @AfterAll
    static void clean() throws IOException {
        SourceTree.deleteRecursively(work);
    }

    static byte[] data(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static void assertClean(Path img) {
        HostTools.Run fsck = HostTools.e2fsck(img);
        assertEquals(0, fsck.exit(), "e2fsck -fn:\n" + fsck.output());
    }

    /** The changes every variant goes through. */
    static void change(Twin t, Random r, boolean bigDirIsIndexed) throws IOException {
        int[] sizes = {0, 1, 1023, 1024, 1025, 4097, 70_000, 1_100_000};
        t.mkdir("/new");
        for (int s : sizes) t.write("/new/f" + s, 0, data(r, s));
        t.write("/size-70000", 1000, data(r, 5000));                 // overwrite inside
        t.write("/size-4096", 4096, data(r, 3000));                  // append
        t.write("/new/sparse", 20 << 20, data(r, 100));              // a hole before the data
        t.write("/new/beyond-4-gib", (5L << 30) - 3, data(r, 5000));  // offsets past 2^32
        for (int i = 0; i < 200; i++) t.write("/new/fragmented", i * 8192L, data(r, 10));   // 200 extents
        t.truncate("/size-3000000", 1_234_567);
        t.truncate("/size-1", 100_000);
        t.truncate("/size-300000", 0);
        t.truncate("/new/fragmented", 700_001);
        t.write("/new/fragmented", 900_000, data(r, 10));
        t.mkdir("/new/a");
        t.mkdir("/new/a/b");
        t.mkdir("/new/a/b/c");
        t.write("/new/a/b/c/leaf", 0, data(r, 3333));
        t.rename("/new/f1", "/new/f1-renamed");
        t.rename("/new/f1023", "/level0/moved-across");
        t.rename("/new/f1024", "/new/f1025");                        // over an existing file
        t.rename("/new/a/b", "/level0/level1/b-moved");              // a directory to another parent
        t.mkdir("/new/empty-target");
        t.rename("/new/a", "/new/empty-target");                     // a directory over an empty one
        t.unlink("/links/hard1");                                    // one of three links
        t.link("/size-1024", "/new/another-name");
        t.symlink("short-target", "/new/fast-link");
        t.symlink("/" + "long/".repeat(30) + "target", "/new/slow-link");
        t.mkdir("/many");
        for (int i = 0; i < 300; i++) t.write("/many/name-number-" + i, 0, data(r, i));
        for (int i = 0; i < 300; i += 3) t.unlink("/many/name-number-" + i);
        t.unlink("/level0/level1/level2/level3/level4/level5/level6/level7/level8/level9/level10/level11/file.txt");
        t.rmdir("/level0/level1/level2/level3/level4/level5/level6/level7/level8/level9/level10/level11");
        for (int i = 0; i < 40; i++) t.write("/bigdir/added-" + i, 0, data(r, 7));
        for (int i = 0; i < 1500; i += 7) t.unlink(String.format("/bigdir/entry-%05d-with-a-longer-name", i));
        if (bigDirIsIndexed) {
            Result<lichen.fs.vfs.VfsPath> d = t.session().vfs.resolve(t.session().ctx, OpenFlags.AT_FDCWD, "/bigdir", 0);
            assertTrue((((Ext4Inode) d.value.inode()).flags & Features.INODE_INDEX_FL) != 0);
        }
        t.unlink("/empty/../size-0");
        t.expectError(Errno.ENOTEMPTY, t.session().vfs.unlinkat(t.session().ctx, OpenFlags.AT_FDCWD, "/new", OpenFlags.AT_REMOVEDIR));
        t.expectError(Errno.EEXIST, t.session().vfs.mkdirat(t.session().ctx, OpenFlags.AT_FDCWD, "/many", 0755));
    }

    @ParameterizedTest(name = "{0} with {1}-byte blocks")
    @CsvSource({"ext4,4096", "ext4,1024", "ext2,1024", "ext3,4096"})
    void changedImagesAreCleanAndReadBackLikeTheHostTree(String type, int blockSize) throws IOException {
        Path src = SourceTree.ext(work.resolve("src-" + type + blockSize), 7, false);
        Path img = work.resolve(type + blockSize + ".img");
        HostTools.mke2fs(img, type, src, "64M", "-b", Integer.toString(blockSize));
        Random r = new Random(blockSize);
        try (ImageSession s = ImageSession.open(img, true)) {
            change(new Twin(s, src), r, false);
        }
        assertClean(img);
        try (ImageSession s = ImageSession.open(img, false)) {
            new TreeComparison(s, false).compareDirectory(src, "/");
        }
        Path out = work.resolve("debugfs-out");
        HostTools.debugfs(img, "dump /new/f1100000 " + out);
        assertArrayEquals(Files.readAllBytes(src.resolve("new/f1100000")), Files.readAllBytes(out));
        HostTools.debugfs(img, "dump /new/fragmented " + out);
        assertArrayEquals(Files.readAllBytes(src.resolve("new/fragmented")), Files.readAllBytes(out));
        String ls = HostTools.debugfs(img, "ls -l /level0/level1/b-moved");
        assertTrue(ls.contains(" c"), ls);
        SourceTree.deleteRecursively(src);
        Files.delete(img);
    }

    @Test
    void hashTreeDirectoriesTakeNewNamesInTheirLeaves() throws IOException {
        Path src = SourceTree.ext(work.resolve("src-htree"), 8, false);
        Path img = work.resolve("htree.img");
        HostTools.mke2fs(img, "ext4", src, "64M", "-b", "4096");
        HostTools.Run fsck = HostTools.run("e2fsck", "-fyD", img.toString());
        assertTrue(fsck.exit() <= 1, fsck.output());
        try (ImageSession s = ImageSession.open(img, true)) {
            change(new Twin(s, src), new Random(3), true);
        }
        assertClean(img);
        try (ImageSession s = ImageSession.open(img, false)) {
            new TreeComparison(s, false).compareDirectory(src, "/");
        }
        SourceTree.deleteRecursively(src);
        Files.delete(img);
    }

    @Test
    void fullHashTreeLeavesSplitAndStayClean() throws IOException {
        Path src = Files.createDirectories(work.resolve("src-split/dir"));
        for (int i = 0; i < 400; i++) Files.write(src.resolve("initial-entry-" + i), new byte[0]);
        Path img = work.resolve("split.img");
        HostTools.mke2fs(img, "ext4", src.getParent(), "32M", "-b", "1024");
        HostTools.Run fsck = HostTools.run("e2fsck", "-fyD", img.toString());
        assertTrue(fsck.exit() <= 1, fsck.output());
        int leavesBefore;
        try (ImageSession s = ImageSession.open(img, true)) {
            Ext4Inode dir = (Ext4Inode) s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/dir", 0).value.inode();
            assertTrue((dir.flags & Features.INODE_INDEX_FL) != 0);
            leavesBefore = (int) (dir.size / 1024);
            Twin t = new Twin(s, src.getParent());
            int added = 0, r = 0;
            while (added < 4000 && (r = t.tryCreate("/dir/a-much-longer-name-added-by-lichen-number-" + added, new byte[] {1})) == 0) {
                added++;
            }
            assertTrue(added > 1000, "added " + added);
            assertTrue(added == 4000 || r == -Errno.ENOSPC, "a full index node is ENOSPC, got " + Errno.name(r));
            assertTrue(dir.size / 1024 > leavesBefore + 50, "leaves were split: " + dir.size / 1024 + " blocks");
            t.mkdir("/parent");
            t.rename("/dir", "/parent/dir");                         // ".." of a hash-tree root changes
        }
        assertClean(img);
        try (ImageSession s = ImageSession.open(img, false)) {
            new TreeComparison(s, false).compareDirectory(src.getParent(), "/");
            assertEquals(s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/parent", 0).value.ino,
                    s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/parent/dir/..", 0).value.ino);
        }
    }

    @Test
    void heavilyFragmentedFilesGrowDeeperExtentTreesAndShrinkBack() throws IOException {
        Path src = Files.createDirectories(work.resolve("src-deep"));
        Path img = work.resolve("deep.img");
        HostTools.mke2fs(img, "ext4", src, "32M", "-b", "1024");
        Random r = new Random(11);
        try (ImageSession s = ImageSession.open(img, true)) {
            Twin t = new Twin(s, src);
            for (int i = 0; i < 3000; i++) t.write("/frag", i * 2048L + r.nextInt(1024), data(r, 1 + r.nextInt(20)));
            Ext4Inode f = (Ext4Inode) s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/frag", 0).value.inode();
            assertEquals(2, ExtentWriter.depth(f.iblock), "3000 extents need two index levels with 1 KiB blocks");
            for (int i = 0; i < 200; i++) t.write("/frag", i * 2048L + 1024, data(r, 1024));   // fill holes: merges
            t.truncate("/frag", 2_000_001);
            t.write("/frag", 5_000_000, data(r, 3000));
        }
        assertClean(img);
        try (ImageSession s = ImageSession.open(img, false)) {
            new TreeComparison(s, false).compareDirectory(src, "/");
        }
        try (ImageSession s = ImageSession.open(img, true)) {
            Twin t = new Twin(s, src);
            t.truncate("/frag", 10_000);
            Ext4Inode f = (Ext4Inode) s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/frag", 0).value.inode();
            assertTrue(f.blocks512 < 200, "tree blocks freed: " + f.blocks512);
        }
        assertClean(img);
        Path out = work.resolve("frag-out");
        HostTools.debugfs(img, "dump /frag " + out);
        assertArrayEquals(Files.readAllBytes(src.resolve("frag")), Files.readAllBytes(out));
    }

    @Test
    void anUnlinkedOpenFileKeepsItsDataUntilClosed() throws IOException {
        Path img = work.resolve("orphan.img");
        HostTools.mke2fs(img, "ext4", null, "16M");
        long freeBefore;
        try (ImageSession s = ImageSession.open(img, true)) {
            freeBefore = s.fs.statfs()[1];
            Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, "/doomed", OpenFlags.O_RDWR | OpenFlags.O_CREAT, 0600);
            byte[] d = data(new Random(1), 200_000);
            assertEquals(d.length, f.value.write(d, 0, d.length));
            assertEquals(0, s.vfs.unlinkat(s.ctx, OpenFlags.AT_FDCWD, "/doomed", 0));
            assertEquals(-Errno.ENOENT, s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/doomed", 0).error);
            byte[] back = new byte[d.length];
            assertEquals(d.length, f.value.pread(back, 0, back.length, 0));
            assertArrayEquals(d, back);
            assertTrue(s.fs.statfs()[1] < freeBefore - 100);
            assertEquals(0, f.value.close());
            assertEquals(freeBefore, s.fs.statfs()[1], "closing frees the blocks");
        }
        assertClean(img);
    }

    @Test
    void fillingTheDiskEndsInEnospcAndLeavesACleanImage() throws IOException {
        Path img = work.resolve("full.img");
        HostTools.mke2fs(img, "ext4", null, "8M");
        try (ImageSession s = ImageSession.open(img, true)) {
            Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, "/fill", OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644);
            byte[] chunk = new byte[65536];
            int r;
            long total = 0;
            while ((r = f.value.write(chunk, 0, chunk.length)) > 0) total += r;
            assertEquals(-Errno.ENOSPC, r);
            assertTrue(total > 4 << 20, "wrote " + total);
            f.value.close();
        }
        assertClean(img);
        try (ImageSession s = ImageSession.open(img, true)) {
            assertEquals(0, s.vfs.unlinkat(s.ctx, OpenFlags.AT_FDCWD, "/fill", 0));
        }
        assertClean(img);
    }

    @Test
    void blocksAndInodesComeFromUninitialisedGroupsOnceTheFirstAreFull() throws IOException {
        Path img = work.resolve("groups.img");
        HostTools.mke2fs(img, "ext4", null, "24M", "-b", "1024", "-g", "1024", "-N", "512");
        String before = HostTools.debugfs(img, "stats");
        assertTrue(before.contains("Block not init"), before);
        byte[] d = data(new Random(5), 12 << 20);
        try (ImageSession s = ImageSession.open(img, true)) {
            Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, "/big", OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644);
            assertEquals(d.length, f.value.write(d, 0, d.length));
            f.value.close();
            for (int i = 0; i < 200; i++) {
                assertEquals(0, s.vfs.mkdirat(s.ctx, OpenFlags.AT_FDCWD, "/d" + i, 0755), "inodes from uninitialised groups");
            }
        }
        assertClean(img);
        Path out = work.resolve("big-out");
        HostTools.debugfs(img, "dump /big " + out);
        assertArrayEquals(d, Files.readAllBytes(out));
    }

    @Test
    void deviceNodesAndFifosAreStoredAsMknodMakesThem() throws IOException {
        Path img = work.resolve("nodes.img");
        HostTools.mke2fs(img, "ext4", null, "16M");
        try (ImageSession s = ImageSession.open(img, true)) {
            assertEquals(0, s.vfs.mknodat(s.ctx, OpenFlags.AT_FDCWD, "/null", lichen.fs.vfs.FileMode.S_IFCHR | 0666,
                    lichen.fs.vfs.FileMode.makedev(1, 3)));
            assertEquals(0, s.vfs.mknodat(s.ctx, OpenFlags.AT_FDCWD, "/big-minor", lichen.fs.vfs.FileMode.S_IFBLK | 0600,
                    (8 << 8) | 300 & 0xFF | ((300 & ~0xFF) << 12)));
            assertEquals(0, s.vfs.mknodat(s.ctx, OpenFlags.AT_FDCWD, "/fifo", lichen.fs.vfs.FileMode.S_IFIFO | 0644, 0));
        }
        assertClean(img);
        String st = HostTools.debugfs(img, "stat /null");
        assertTrue(st.contains("Type: character special") && st.contains("Device major/minor number: 01:03"), st);
        st = HostTools.debugfs(img, "stat /big-minor");
        assertTrue(st.contains("Device major/minor number: 08:300"), st);
        assertTrue(HostTools.debugfs(img, "stat /fifo").contains("Type: FIFO"));
        try (ImageSession s = ImageSession.open(img, false)) {
            var n = s.vfs.fstatat(s.ctx, OpenFlags.AT_FDCWD, "/null", 0).value;
            assertEquals(lichen.fs.vfs.FileMode.makedev(1, 3), n.rdev);
            assertEquals(lichen.fs.vfs.FileMode.S_IFCHR | 0666, n.mode);
        }
    }

    @Test
    void aReadOnlyMountRefusesWritesAndUnknownFeaturesRefuseReadWrite() throws IOException {
        Path img = work.resolve("ro.img");
        HostTools.mke2fs(img, "ext4", null, "16M", "-O", "inline_data");
        try (ImageSession s = ImageSession.open(img, false)) {
            assertEquals(-Errno.EROFS, s.vfs.mkdirat(s.ctx, OpenFlags.AT_FDCWD, "/x", 0755));
        }
        var dev = new lichen.fs.tool.FileBlockDevice(img, false);
        assertEquals(-Errno.EROFS, Ext4Fs.mount(dev, true, lichen.fs.vfs.Clock.EPOCH).error);
        dev.close();
    }
}
