package lichen.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lichen.fs.Errno;
import lichen.fs.Result;
import lichen.fs.images.HostTools;
import lichen.fs.images.SourceTree;
import lichen.fs.tool.ImageSession;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order and the d_off values of getdents64 on ext4, against what Linux
 * gives: hash order for a directory with the index flag or of one block,
 * block order otherwise. The reference hashes come from e2fsprogs (debugfs
 * dx_hash), never from Lichen's own DirHash.
 */
class Ext4DirectoryOrderTest {
    /** The hash seed HostTools.mke2fs gives every image. */
    static final String SEED = "6c696368-656e-4673-8000-000000000002";
    static final String ZERO_SEED = "00000000-0000-0000-0000-000000000000";
    static final long END = 0x7FFFFFFFFFFFFFFFL;
    static Path work;

    record Entry(String name, long ino, int type, long off) {}

    @BeforeAll
    static void dir() throws IOException {
        work = Files.createTempDirectory("lichen-ext4-order");
    }

    @AfterAll
    static void clean() throws IOException {
        SourceTree.deleteRecursively(work);
    }

    static List<String> sampleNames() {
        List<String> names = new ArrayList<>(List.of(".", "..", "a", "hello", "ä名前-ü", "passwd", "os-release",
                "exactly-thirty-two-bytes-long-xx", "a-name-longer-than-thirty-two-bytes-for-two-md4-rounds",
                "ÿþý-high-bytes-that-differ-in-sign"));
        names.add("x".repeat(255));
        names.add("é".repeat(100));
        return names;
    }

    /** The positions (major >> 1) << 32 | minor of {@code names} under hash {@code version} and {@code seed}, from debugfs. */
    static List<Long> debugfsPositions(int version, String seed, List<String> names) throws IOException {
        Path cmds = work.resolve("dx_hash.cmds");
        StringBuilder sb = new StringBuilder();
        for (String n : names) sb.append("dx_hash -h ").append(version).append(" -s ").append(seed).append(' ').append(n).append('\n');
        Files.writeString(cmds, sb, StandardCharsets.UTF_8);
        String out = HostTools.ok("debugfs", "-f", cmds.toString());
        Matcher m = Pattern.compile("Hash of .* is 0x([0-9a-f]+) \\(minor 0x([0-9a-f]+)\\)").matcher(out);
        List<Long> pos = new ArrayList<>();
        while (m.find()) pos.add((Long.parseLong(m.group(1), 16) >>> 1) << 32 | Long.parseLong(m.group(2), 16));
        assertEquals(names.size(), pos.size(), out);
        return pos;
    }

    /** A UUID-form seed as s_hash_seed's four little-endian words. */
    static int[] seedWords(String uuid) {
        String hex = uuid.replace("-", "");
        int[] w = new int[4];
        for (int i = 0; i < 16; i++) w[i / 4] |= Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16) << (8 * (i % 4));
        return w;
    }

    @ParameterizedTest(name = "version {0}, seed {1}")
    @CsvSource({"0," + SEED, "1," + SEED, "2," + SEED, "3," + SEED, "4," + SEED, "5," + SEED,
                "1," + ZERO_SEED, "2," + ZERO_SEED, "4," + ZERO_SEED})
    void majorAndMinorHashesMatchE2fsprogs(int version, String seed) throws IOException {
        List<String> names = sampleNames();
        List<Long> expected = debugfsPositions(version, seed, names);
        for (int i = 0; i < names.size(); i++) {
            byte[] b = names.get(i).getBytes(StandardCharsets.UTF_8);
            long got = HashOrder.position(DirHash.hashes(b, b.length, version, seedWords(seed)));
            assertEquals(Long.toHexString(expected.get(i)), Long.toHexString(got), names.get(i));
        }
    }

    @Test
    void signedAndUnsignedVariantsFollowTheSuperblockFlags() {
        assertEquals(DirHash.HALF_MD4, DirHash.variant(DirHash.HALF_MD4, Superblock.FLAGS_SIGNED_HASH));
        assertEquals(DirHash.HALF_MD4_UNSIGNED, DirHash.variant(DirHash.HALF_MD4, Superblock.FLAGS_UNSIGNED_HASH));
        // Neither flag: Linux takes the machine's char, unsigned on arm64.
        assertEquals(DirHash.TEA_UNSIGNED, DirHash.variant(DirHash.TEA, 0));
        assertEquals(DirHash.LEGACY_UNSIGNED, DirHash.variant(DirHash.LEGACY, 3));
    }

    /** Every entry of {@code path} with its d_off, read {@code bufSize} bytes of getdents64 at a time. */
    static List<Entry> list(ImageSession s, String path, int bufSize) {
        Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        assertTrue(f.ok(), path + ": " + Errno.name(f.error));
        List<Entry> out = new ArrayList<>();
        while (true) {
            List<Entry> part = getdents(s, f.value, bufSize);
            if (part.isEmpty()) break;
            out.addAll(part);
        }
        f.value.close();
        return out;
    }

    static List<Entry> getdents(ImageSession s, OpenFile f, int bufSize) {
        byte[] buf = new byte[bufSize];
        int n = s.vfs.getdents64(s.ctx, f, buf, 0, buf.length);
        assertTrue(n >= 0, "getdents64 " + Errno.name(n));
        List<Entry> out = new ArrayList<>();
        for (int p = 0; p < n; ) {
            long ino = lichen.fs.LittleEndian.u64(buf, p);
            long off = lichen.fs.LittleEndian.u64(buf, p + 8);
            int rec = lichen.fs.LittleEndian.u16(buf, p + 16);
            int end = p + 19;
            while (buf[end] != 0) end++;
            out.add(new Entry(new String(buf, p + 19, end - p - 19, StandardCharsets.UTF_8), ino, buf[p + 18], off));
            p += rec;
        }
        return out;
    }

    /** The names in hash order, each with its position. */
    static List<Entry> hashOrder(List<String> names, int version) throws IOException {
        List<Long> pos = debugfsPositions(version, SEED, names);
        List<Entry> e = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) e.add(new Entry(names.get(i), 0, 0, pos.get(i)));
        e.sort(Comparator.comparingLong(Entry::off));
        return e;
    }

    /** The listing holds the expected names in order, each d_off the next one's position and the last END. */
    static void assertListing(List<Entry> expected, List<Entry> got) {
        assertEquals(expected.stream().map(Entry::name).toList(), got.stream().map(Entry::name).toList());
        for (int i = 0; i < got.size(); i++) {
            long next = i + 1 < expected.size() ? expected.get(i + 1).off() : END;
            assertEquals(Long.toHexString(next), Long.toHexString(got.get(i).off()), got.get(i).name());
        }
    }

    @ParameterizedTest(name = "{0} hash, s_flags {1}")
    @CsvSource({"half_md4,1", "half_md4,2", "half_md4,0", "tea,1", "tea,2", "legacy,1", "legacy,2"})
    void oneBlockDirectoriesListInTheDefaultHashOrder(String alg, int flags) throws IOException {
        Path src = Files.createDirectories(work.resolve("one-" + alg + flags + "/d"));
        List<String> names = new ArrayList<>(List.of(".", ".."));
        for (int i = 0; i < 40; i++) names.add("ä名前-" + i + (i % 3 == 0 ? "-ÿ" : ""));
        for (String n : names.subList(2, names.size())) Files.write(src.resolve(n), new byte[0]);
        Files.createDirectory(src.resolve("sub"));
        names.add("sub");
        Path img = work.resolve("one.img");
        HostTools.mke2fs(img, "ext4", src.getParent(), "16M");
        HostTools.ok("tune2fs", "-E", "hash_alg=" + alg, img.toString());
        HostTools.debugfsWrite(img, "ssv flags " + flags);
        int version = switch (alg) { case "legacy" -> 0; case "half_md4" -> 1; default -> 2; } + (flags == 1 ? 0 : 3);
        try (ImageSession s = ImageSession.open(img, false)) {
            Ext4Inode d = (Ext4Inode) s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/d", 0).value.inode();
            assertEquals(0, d.flags & Features.INODE_INDEX_FL);
            assertEquals(d.efs.bs, d.size, "one block");
            List<Entry> got = list(s, "/d", 4096);
            assertListing(hashOrder(names, version), got);
            for (Entry e : got) assertEquals(e.name().equals("sub") || e.name().startsWith(".") ? FileMode.DT_DIR : FileMode.DT_REG, e.type(), e.name());
            assertEquals(d.ino, got.stream().filter(e -> e.name().equals(".")).findFirst().orElseThrow().ino());
            assertEquals(2, got.stream().filter(e -> e.name().equals("..")).findFirst().orElseThrow().ino());
        } finally {
            Files.deleteIfExists(img);
        }
    }

    static List<String> bigNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 700; i++) names.add(String.format("entry-%05d-with-a-longer-name", i));
        return names;
    }

    static Path bigTree(String name) throws IOException {
        Path src = Files.createDirectories(work.resolve(name + "/big"));
        for (String n : bigNames()) Files.write(src.resolve(n), new byte[0]);
        return src.getParent();
    }

    /** e2fsck -D gives every directory of more than one block a hash-tree index. */
    static void indexDirectories(Path img) {
        HostTools.Run fsck = HostTools.run("e2fsck", "-fyD", img.toString());
        assertTrue(fsck.exit() <= 1, fsck.output());
    }

    @Test
    void indexedDirectoriesListDotsThenEveryLeafInHashOrder() throws IOException {
        Path img = work.resolve("indexed.img");
        HostTools.mke2fs(img, "ext4", bigTree("indexed"), "16M", "-b", "1024");
        indexDirectories(img);
        try (ImageSession s = ImageSession.open(img, false)) {
            Ext4Inode d = (Ext4Inode) s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/big", 0).value.inode();
            assertNotEquals(0, d.flags & Features.INODE_INDEX_FL);
            List<Entry> expected = new ArrayList<>(List.of(new Entry(".", 0, 0, 0), new Entry("..", 0, 0, 1L << 32)));
            expected.addAll(hashOrder(bigNames(), DirHash.HALF_MD4));
            assertListing(expected, list(s, "/big", 4096));
            assertListing(expected, list(s, "/big", 200));
        } finally {
            Files.deleteIfExists(img);
        }
    }

    /** The names of {@code path} in the order debugfs reads them: block order. */
    static List<String> debugfsBlockOrder(Path img, String path) {
        List<String> names = new ArrayList<>();
        for (String line : HostTools.debugfs(img, "ls -p " + path).split("\n")) {
            String[] f = line.split("/", -1);
            if (f.length >= 7 && !f[5].isEmpty()) names.add(f[5]);
        }
        return names;
    }

    @Test
    void linearDirectoriesOfSeveralBlocksListInBlockOrderAtByteOffsets() throws IOException {
        Path img = work.resolve("linear.img");
        HostTools.mke2fs(img, "ext4", bigTree("linear"), "16M", "-b", "1024");
        try (ImageSession s = ImageSession.open(img, false)) {
            Ext4Inode d = (Ext4Inode) s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/big", 0).value.inode();
            assertEquals(0, d.flags & Features.INODE_INDEX_FL);
            assertTrue(d.size > 2 * d.efs.bs);
            List<Entry> got = list(s, "/big", 512);
            assertEquals(debugfsBlockOrder(img, "/big"), got.stream().map(Entry::name).toList());
            assertEquals(List.of(12L, 24L), List.of(got.get(0).off(), got.get(1).off()), "d_off of . and .. are the byte offsets after them");
            for (int i = 1; i < got.size(); i++) assertTrue(got.get(i).off() > got.get(i - 1).off());
            assertEquals(d.size, got.get(got.size() - 1).off());
        } finally {
            Files.deleteIfExists(img);
        }
    }

    /** Seeking to each d_off and reading again starts at the entry after the one it came with. */
    static void assertSeeksResume(ImageSession s, String path) {
        List<Entry> all = list(s, path, 4096);
        Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        for (int i = 0; i < all.size(); i += Math.max(1, all.size() / 60)) {
            assertEquals(all.get(i).off(), f.value.lseek(all.get(i).off(), OpenFlags.SEEK_SET));
            List<Entry> next = getdents(s, f.value, 256);
            if (i + 1 == all.size()) assertEquals(List.of(), next);
            else assertEquals(all.get(i + 1).name(), next.get(0).name(), path + " after " + all.get(i).name());
        }
        assertEquals(0, f.value.lseek(0, OpenFlags.SEEK_SET));
        assertEquals(all.get(0).name(), getdents(s, f.value, 256).get(0).name());
        f.value.close();
    }

    @Test
    void aSeekToAnyDOffResumesAtTheNextEntry() throws IOException {
        Path img = work.resolve("seek.img");
        Path src = bigTree("seek");
        Files.createDirectories(src.resolve("small"));
        for (int i = 0; i < 30; i++) Files.write(src.resolve("small/f" + i), new byte[0]);
        HostTools.mke2fs(img, "ext4", src, "16M", "-b", "1024");
        try (ImageSession s = ImageSession.open(img, false)) {
            assertSeeksResume(s, "/small");
            assertSeeksResume(s, "/big");
        }
        indexDirectories(img);
        try (ImageSession s = ImageSession.open(img, false)) {
            assertSeeksResume(s, "/big");
        } finally {
            Files.deleteIfExists(img);
        }
    }

    @Test
    void directoriesLichenWritesListAsLinuxWouldReadThem() throws IOException {
        Path img = work.resolve("written.img");
        HostTools.mke2fs(img, "ext4", bigTree("written"), "16M", "-b", "1024");
        indexDirectories(img);
        List<String> small = new ArrayList<>(List.of(".", ".."));
        List<String> grown = new ArrayList<>();
        List<String> indexed = new ArrayList<>(bigNames());
        try (ImageSession s = ImageSession.open(img, true)) {
            assertEquals(0, s.vfs.mkdirat(s.ctx, OpenFlags.AT_FDCWD, "/small", 0755));
            assertEquals(0, s.vfs.mkdirat(s.ctx, OpenFlags.AT_FDCWD, "/grown", 0755));
            for (int i = 0; i < 20; i++) small.add("new-" + i);
            for (int i = 0; i < 60; i++) grown.add("grown-entry-with-a-long-name-" + i);
            for (int i = 0; i < 400; i++) indexed.add("added-to-the-index-" + i);
            for (String n : small.subList(2, small.size())) create(s, "/small/" + n);
            for (String n : grown) create(s, "/grown/" + n);
            for (String n : indexed.subList(700, indexed.size())) create(s, "/big/" + n);
        }
        try (ImageSession s = ImageSession.open(img, false)) {
            assertListing(hashOrder(small, DirHash.HALF_MD4), list(s, "/small", 4096));
            // Grown past one block without an index: Linux lists it in block order too.
            Ext4Inode g = (Ext4Inode) s.vfs.resolve(s.ctx, OpenFlags.AT_FDCWD, "/grown", 0).value.inode();
            assertTrue(g.size > g.efs.bs && (g.flags & Features.INODE_INDEX_FL) == 0);
            assertEquals(debugfsBlockOrder(img, "/grown"), list(s, "/grown", 4096).stream().map(Entry::name).toList());
            List<Entry> expected = new ArrayList<>(List.of(new Entry(".", 0, 0, 0), new Entry("..", 0, 0, 1L << 32)));
            expected.addAll(hashOrder(indexed, DirHash.HALF_MD4));
            assertListing(expected, list(s, "/big", 4096));
        } finally {
            assertEquals(0, HostTools.e2fsck(img).exit());
            Files.deleteIfExists(img);
        }
    }

    static void create(ImageSession s, String path) {
        Result<OpenFile> f = s.vfs.open(s.ctx, OpenFlags.AT_FDCWD, ImageSession.bytes(path), OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        assertTrue(f.ok(), path + ": " + Errno.name(f.error));
        f.value.close();
    }
}
