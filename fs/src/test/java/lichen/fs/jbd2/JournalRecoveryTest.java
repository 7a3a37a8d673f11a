package lichen.fs.jbd2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import lichen.fs.Errno;
import lichen.fs.Result;
import lichen.fs.ext4.Ext4Fs;
import lichen.fs.images.HostTools;
import lichen.fs.images.SourceTree;
import lichen.fs.tool.FileBlockDevice;
import lichen.fs.tool.HostClock;
import lichen.fs.tool.ImageSession;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Images that need recovery, made by e2fsprogs' own journal writer (debugfs's
 * journal_open / journal_write / journal_close leave needs_recovery set), are
 * replayed at mount: the blocks hold what committed transactions logged,
 * exactly as e2fsck's replay (-E journal_only) leaves them, and e2fsck -fn
 * finds the image clean afterwards.
 */
class JournalRecoveryTest {
    static Path work;
    static final int FILE_BLOCKS = 8;

    @BeforeAll
    static void setUp() throws IOException {
        work = Files.createTempDirectory("lichen-jbd2");
    }

    @AfterAll
    static void clean() throws IOException {
        SourceTree.deleteRecursively(work);
    }

    /** An ext4 image holding /f, FILE_BLOCKS blocks of random bytes. */
    static Path image(String name, int blockSize, String... features) throws IOException {
        Path src = work.resolve(name + ".src");
        Files.createDirectories(src);
        byte[] f = new byte[FILE_BLOCKS * blockSize];
        new Random(name.hashCode()).nextBytes(f);
        Files.write(src.resolve("f"), f);
        Path img = work.resolve(name + ".img");
        List<String> extra = new ArrayList<>(List.of("-b", Integer.toString(blockSize)));
        extra.addAll(List.of(features));
        HostTools.mke2fs(img, "ext4", src, "32M", extra.toArray(new String[0]));
        return img;
    }

    /** The physical block of /f's block {@code i} (debugfs bmap). */
    static long fileBlock(Path img, int i) {
        return bmap(img, "/f", i);
    }

    /** debugfs bmap: the physical block of a file's block (the last line; debugfs prints its banner first). */
    static long bmap(Path img, String file, long i) {
        String[] lines = HostTools.debugfs(img, "bmap " + file + " " + i).trim().split("\n");
        return Long.parseLong(lines[lines.length - 1].trim());
    }

    /** Runs debugfs -w over a script of requests (journal_open, journal_write, journal_close). */
    static String debugfsScript(Path img, String... requests) throws IOException {
        Path cmds = Files.createTempFile(work, "cmds", ".txt");
        Files.writeString(cmds, String.join("\n", requests) + "\n");
        String out = HostTools.ok("debugfs", "-w", "-f", cmds.toString(), img.toString());
        assertFalse(out.contains("rror") || out.contains("not open"), out);
        return out;
    }

    /** A file of {@code n} blocks of fresh random bytes, for journal_write. */
    static Path blocks(String name, int n, int blockSize, long seed) throws IOException {
        byte[] b = new byte[n * blockSize];
        new Random(seed).nextBytes(b);
        Path p = work.resolve(name);
        Files.write(p, b);
        return p;
    }

    static byte[] readBlock(Path img, long blk, int bs) throws IOException {
        byte[] all = Files.readAllBytes(img);
        return Arrays.copyOfRange(all, (int) (blk * bs), (int) ((blk + 1) * bs));
    }

    static byte[] slice(Path p, int i, int bs) throws IOException {
        return Arrays.copyOfRange(Files.readAllBytes(p), i * bs, (i + 1) * bs);
    }

    static boolean needsRecovery(Path img) {
        return HostTools.ok("dumpe2fs", "-h", img.toString()).contains("needs_recovery");
    }

    /** Mounts read-write through Lichen (which replays), syncs and unmounts. */
    static void mountWithLichen(Path img) {
        try (ImageSession s = ImageSession.open(img, true)) {
            assertTrue(s.fs.root() != null);
        }
    }

    /** The same image replayed by e2fsck alone. */
    static Path replayedByE2fsck(Path img) throws IOException {
        Path copy = work.resolve(img.getFileName() + ".e2fsck");
        Files.copy(img, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        HostTools.ok("e2fsck", "-p", "-E", "journal_only", copy.toString());
        return copy;
    }

    /** Every byte but the ext4 superblock's (whose mount bookkeeping e2fsck and Lichen write differently) is equal. */
    static void assertSameButSuperblock(Path expected, Path actual) throws IOException {
        byte[] e = Files.readAllBytes(expected), a = Files.readAllBytes(actual);
        assertEquals(e.length, a.length);
        Arrays.fill(e, 1024, 2048, (byte) 0);
        Arrays.fill(a, 1024, 2048, (byte) 0);
        for (int i = 0; i < e.length; i++) {
            if (e[i] != a[i]) throw new AssertionError("images differ first at byte " + i + " (block " + i / 4096 + " of 4 KiB)");
        }
    }

    /** Lichen replays {@code img} at mount; the result must equal e2fsck's replay of a copy and be clean. */
    static void replayAndCompareWithE2fsck(Path img) throws IOException {
        Path oracle = replayedByE2fsck(img);
        mountWithLichen(img);
        assertFalse(needsRecovery(img));
        assertSameButSuperblock(oracle, img);
        assertClean(img);
    }

    static void assertClean(Path img) {
        HostTools.Run fsck = HostTools.e2fsck(img);
        assertEquals(0, fsck.exit(), "e2fsck -fn:\n" + fsck.output());
    }

    @ParameterizedTest(name = "{0}-byte blocks, mke2fs {1}, journal_open {2}")
    @CsvSource({
        "4096, '', ''",                  // 64-bit tags, no checksums
        "4096, '', '-c'",                // checksum v3 (journal_block_tag3_t)
        "4096, '', '-c -v 2'",           // checksum v2 (16-bit tag checksums)
        "1024, '-O ^64bit', ''",         // 32-bit tags, 1 KiB blocks
        "1024, '-O ^64bit', '-c'",
    })
    void committedTransactionsAreReplayedAsE2fsckReplaysThem(int bs, String features, String open) throws IOException {
        String name = "commit-" + bs + features.replace(' ', '_') + open.replace(' ', '_');
        Path img = features.isEmpty() ? image(name, bs) : image(name, bs, features.split(" "));
        long b0 = fileBlock(img, 0), b3 = fileBlock(img, 3), b5 = fileBlock(img, 5);
        Path one = blocks(name + ".one", 3, bs, 1), two = blocks(name + ".two", 2, bs, 2);
        debugfsScript(img, ("jo " + open).trim(),
                "jw -b " + b0 + "," + (b0 + 1) + "," + (b0 + 2) + " " + one,
                "jw -b " + b3 + "," + b5 + " " + two,
                "jc");
        assertTrue(needsRecovery(img));
        Path oracle = replayedByE2fsck(img);
        mountWithLichen(img);
        assertFalse(needsRecovery(img));
        assertClean(img);
        assertArrayEquals(slice(one, 0, bs), readBlock(img, b0, bs));
        assertArrayEquals(slice(one, 2, bs), readBlock(img, b0 + 2, bs));
        assertArrayEquals(slice(two, 1, bs), readBlock(img, b5, bs));
        assertSameButSuperblock(oracle, img);
        // The files read back through Lichen hold the replayed bytes.
        try (ImageSession s = ImageSession.open(img, false)) {
            OpenFile f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, "/f", OpenFlags.O_RDONLY, 0).value;
            byte[] got = new byte[bs];
            assertEquals(bs, f.pread(got, 0, bs, 3L * bs));
            assertArrayEquals(slice(two, 0, bs), got);
        }
    }

    @Test
    void aRevokedBlockIsNotReplayedButALaterWriteOfItIs() throws IOException {
        Path img = image("revoke", 4096);
        long a = fileBlock(img, 0), b = fileBlock(img, 1);
        byte[] before = readBlock(img, a, 4096);
        Path first = blocks("revoke.1", 2, 4096, 3), later = blocks("revoke.2", 1, 4096, 4);
        debugfsScript(img, "jo -c", "jw -b " + a + "," + b + " " + first, "jw -r " + a + "," + b, "jw -b " + b + " " + later, "jc");
        replayAndCompareWithE2fsck(img);
        assertArrayEquals(before, readBlock(img, a, 4096), "revoked in a later transaction: not replayed");
        assertArrayEquals(slice(later, 0, 4096), readBlock(img, b, 4096), "written again after the revoke: replayed");
    }

    @Test
    void anUncommittedTransactionIsNotReplayed() throws IOException {
        Path img = image("uncommitted", 4096);
        long a = fileBlock(img, 0), b = fileBlock(img, 1);
        byte[] before = readBlock(img, b, 4096);
        Path one = blocks("uncommitted.1", 1, 4096, 5), two = blocks("uncommitted.2", 1, 4096, 6);
        debugfsScript(img, "jo -c", "jw -b " + a + " " + one, "jw -c -b " + b + " " + two, "jc");
        replayAndCompareWithE2fsck(img);
        assertArrayEquals(slice(one, 0, 4096), readBlock(img, a, 4096));
        assertArrayEquals(before, readBlock(img, b, 4096));
    }

    @Test
    void aBadCommitChecksumEndsTheLogBeforeThatTransaction() throws IOException {
        Path img = image("badcommit", 4096);
        long a = fileBlock(img, 0), b = fileBlock(img, 1);
        byte[] before = readBlock(img, b, 4096);
        Path one = blocks("badcommit.1", 1, 4096, 7), two = blocks("badcommit.2", 1, 4096, 8);
        debugfsScript(img, "jo -c", "jw -b " + a + " " + one, "jw -b " + b + " " + two, "jc");
        // The second transaction's commit block, from logdump's walk of the log, mapped through the journal inode.
        String log = HostTools.debugfs(img, "logdump");
        var m = java.util.regex.Pattern.compile("sequence 2, type 2 \\(commit block\\) at block (\\d+)").matcher(log);
        assertTrue(m.find(), log);
        long commit = bmap(img, "<8>", Long.parseLong(m.group(1)));
        byte[] all = Files.readAllBytes(img);
        all[(int) (commit * 4096 + 0x100)] ^= 0x5A;   // past the commit header: only the checksum can tell
        Files.write(img, all);
        replayAndCompareWithE2fsck(img);
        assertArrayEquals(slice(one, 0, 4096), readBlock(img, a, 4096));
        assertArrayEquals(before, readBlock(img, b, 4096));
    }

    @Test
    void aBlockBeginningWithTheJournalMagicIsEscapedAndRestored() throws IOException {
        Path img = image("escape", 4096);
        long a = fileBlock(img, 2);
        Path magic = blocks("escape.1", 1, 4096, 9);
        byte[] m = Files.readAllBytes(magic);
        m[0] = (byte) 0xC0; m[1] = 0x3B; m[2] = 0x39; m[3] = (byte) 0x98;
        Files.write(magic, m);
        debugfsScript(img, "jo -c", "jw -b " + a + " " + magic, "jc");
        replayAndCompareWithE2fsck(img);
        assertArrayEquals(m, readBlock(img, a, 4096));
    }

    /** The figure for docs/fs.md: replaying a journal filled by one transaction of 1000 blocks (4 MiB journal, csum v3). */
    @Test
    void aFullJournalReplaysAndTheTimeIsReported() throws IOException {
        Path img = image("full", 4096);
        Path many = blocks("full.1", 1000, 4096, 11);
        debugfsScript(img, "jo -c", "jw -b 7000-7999 " + many, "jc");
        Path oracle = replayedByE2fsck(img);
        long t0 = System.nanoTime();
        try (FileBlockDevice dev = new FileBlockDevice(img, false)) {
            assertTrue(Ext4Fs.mount(dev, true, new HostClock()).ok());
        }
        long micros = (System.nanoTime() - t0) / 1000;
        System.out.println("journal replay: " + Ext4Fs.lastReplay() + " in " + micros + " us (mount included)");
        assertTrue(Ext4Fs.lastReplay().contains("1000 blocks replayed"), Ext4Fs.lastReplay());
        assertArrayEquals(slice(many, 999, 4096), readBlock(img, 7999, 4096));
        assertSameButSuperblock(oracle, img);
        assertClean(img);
    }

    @Test
    void aReadOnlyDeviceNeedingRecoveryIsRefusedNotMountedStale() throws IOException {
        Path img = image("rodev", 4096);
        debugfsScript(img, "jo", "jw -b " + fileBlock(img, 0) + " " + blocks("rodev.1", 1, 4096, 10), "jc");
        try (FileBlockDevice dev = new FileBlockDevice(img, true)) {
            assertEquals(-Errno.EROFS, Ext4Fs.mount(dev, false, new HostClock()).error);
        }
        assertTrue(needsRecovery(img));
    }

    /**
     * Damage anywhere in the journal of an image needing recovery (random bytes in its first
     * blocks, without checksums so the parsers see it) ends in a mount or an errno, never an exception.
     */
    @Test
    void aCorruptJournalIsAnErrorNotAnException() throws IOException {
        Path img = image("fuzz", 1024, "-O", "^64bit");
        List<String> script = new ArrayList<>(List.of("jo"));
        for (int t = 0; t < 6; t++) script.add("jw -b " + fileBlock(img, t) + " " + blocks("fuzz." + t, 1, 1024, 20 + t));
        script.add("jw -r " + fileBlock(img, 1));
        script.add("jc");
        debugfsScript(img, script.toArray(new String[0]));
        long journalStart = bmap(img, "<8>", 0);
        byte[] pristine = Files.readAllBytes(img);
        Random r = new Random(15);
        int mounted = 0, refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] b = pristine.clone();
            int hits = 1 + r.nextInt(4);
            for (int h = 0; h < hits; h++) {
                // journal blocks 0..15 are contiguous after mke2fs; aim at their headers and tags
                int at = (int) (journalStart * 1024) + r.nextInt(16) * 1024 + (r.nextBoolean() ? r.nextInt(64) : r.nextInt(1024));
                b[at] = (byte) r.nextInt(256);
            }
            Path damaged = work.resolve("fuzz-damaged.img");
            Files.write(damaged, b);
            try (FileBlockDevice dev = new FileBlockDevice(damaged, false)) {
                Result<Ext4Fs> fs = Ext4Fs.mount(dev, true, new HostClock());
                if (fs.ok()) mounted++;
                else refused++;
            }
        }
        assertTrue(mounted > 0 && refused > 0, "mounted " + mounted + ", refused " + refused);
    }
}
