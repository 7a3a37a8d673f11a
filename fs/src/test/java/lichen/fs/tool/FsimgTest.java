package lichen.fs.tool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lichen.fs.images.HostTools;
import lichen.fs.images.SourceTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fsimg commands on a real image, and the scripts/fsimg wrapper. */
class FsimgTest {
    static Path work, img, fat;

    @BeforeAll
    static void build() throws IOException {
        work = Files.createTempDirectory("lichen-fsimg");
        Path src = Files.createDirectories(work.resolve("src/dir/sub"));
        Files.writeString(work.resolve("src/hello.txt"), "hello world\n");
        Files.writeString(src.resolve("deep.txt"), "deep\n");
        Files.createSymbolicLink(work.resolve("src/link"), Path.of("hello.txt"));
        img = work.resolve("e.img");
        HostTools.mke2fs(img, "ext4", work.resolve("src"), "16M");
        fat = work.resolve("f.img");
        HostTools.fat32(fat, 33, work.resolve("src/dir"));
    }

    @AfterAll
    static void clean() throws IOException {
        SourceTree.deleteRecursively(work);
    }

    record Out(int exit, String out, String err) {}

    static Out run(byte[] stdin, String... args) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int exit = Fsimg.run(args, stdin, new PrintStream(o, true), new PrintStream(e, true));
        return new Out(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void lookingIntoAnImage() throws IOException {
        Out ls = run(new byte[0], img.toString(), "ls", "/");
        assertEquals(0, ls.exit);
        assertTrue(ls.out.contains("hello.txt") && ls.out.contains("link -> hello.txt") && ls.out.contains("lost+found"), ls.out);
        assertEquals("hello world\n", run(new byte[0], img.toString(), "cat", "/link").out);
        Out tree = run(new byte[0], img.toString(), "tree", "/");
        assertTrue(tree.out.contains("  dir/\n    sub/\n      deep.txt\n"), tree.out);
        Out stat = run(new byte[0], img.toString(), "stat", "/hello.txt");
        assertTrue(stat.out.contains("Size: 12") && stat.out.contains("Links: 1"), stat.out);
        Out missing = run(new byte[0], img.toString(), "cat", "/nope");
        assertEquals(1, missing.exit);
        assertTrue(missing.err.contains("ENOENT"), missing.err);
        assertEquals("deep\n", run(new byte[0], fat.toString(), "cat", "/sub/deep.txt").out);
        assertEquals(2, run(new byte[0], img.toString(), "ls").exit);
    }

    @Test
    void changingAnImageLeavesItClean() throws IOException {
        Path copy = work.resolve("copy.img");
        Files.copy(img, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] data = new byte[300_000];
        new java.util.Random(4).nextBytes(data);
        assertEquals(0, run(new byte[0], copy.toString(), "mkdir", "/made").exit);
        assertEquals(0, run(data, copy.toString(), "write", "/made/data.bin").exit);
        assertEquals(0, run(new byte[0], copy.toString(), "rm", "/dir/sub/deep.txt").exit);
        assertEquals(0, run(new byte[0], copy.toString(), "rm", "/dir/sub").exit);
        assertEquals(1, run(new byte[0], copy.toString(), "rm", "/dir/missing").exit);
        assertEquals(0, HostTools.e2fsck(copy).exit());
        Path out = work.resolve("dumped");
        HostTools.debugfs(copy, "dump /made/data.bin " + out);
        assertArrayEquals(data, Files.readAllBytes(out));
        assertEquals(1, run(data, fat.toString(), "write", "/x").exit, "FAT32 is read only");
    }

    @Test
    void theScriptRunsTheTool() throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/fsimg");
        assertTrue(Files.isExecutable(script), script.toString());
        Process p = new ProcessBuilder(script.toString(), img.toString(), "cat", "/hello.txt").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("hello world\n", out);
    }
}
