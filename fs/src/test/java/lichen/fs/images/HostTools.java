package lichen.fs.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real tools the tests build and check images with: e2fsprogs, dosfstools, mtools. */
public final class HostTools {
    private HostTools() {}

    public record Run(int exit, String output) {}

    public static String find(String name) {
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new IllegalStateException(name + " not found: scripts/setup.sh installs e2fsprogs, dosfstools and mtools");
    }

    public static Run run(Map<String, String> env, String... cmd) {
        try {
            List<String> c = new ArrayList<>(List.of(cmd));
            c.set(0, find(c.get(0)));
            ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + c);
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Run run(String... cmd) {
        return run(Map.of(), cmd);
    }

    public static String ok(String... cmd) {
        Run r = run(cmd);
        if (r.exit != 0) throw new IllegalStateException(String.join(" ", cmd) + " exited " + r.exit + ":\n" + r.output);
        return r.output;
    }

    /** mke2fs -t TYPE -d SRC IMAGE SIZE with extra options (e.g. "-b", "4096"). Fixed hash seed and UUID keep runs reproducible. */
    public static void mke2fs(Path image, String type, Path src, String size, String... extra) {
        List<String> c = new ArrayList<>(List.of("mke2fs", "-q", "-F", "-t", type,
                "-U", "6c696368-656e-4673-8000-000000000001", "-E", "hash_seed=6c696368-656e-4673-8000-000000000002"));
        c.addAll(List.of(extra));
        if (src != null) c.addAll(List.of("-d", src.toString()));
        c.add(image.toString());
        c.add(size);
        ok(c.toArray(new String[0]));
    }

    /** e2fsck -fn: exit 0 means the filesystem is clean. */
    public static Run e2fsck(Path image) {
        return run("e2fsck", "-fn", image.toString());
    }

    public static String debugfs(Path image, String request) {
        return ok("debugfs", "-R", request, image.toString());
    }

    public static void debugfsWrite(Path image, String request) {
        ok("debugfs", "-w", "-R", request, image.toString());
    }

    /** A FAT32 image of {@code mib} MiB holding a copy of {@code src} (mkfs.vfat -F 32, then mcopy -s). */
    public static void fat32(Path image, int mib, Path src) throws IOException {
        Files.deleteIfExists(image);
        ok("mkfs.vfat", "-F", "32", "-n", "LICHEN", "-C", image.toString(), Integer.toString(mib * 1024));
        Map<String, String> env = Map.of("MTOOLS_SKIP_CHECK", "1", "LC_ALL", "C.UTF-8", "MTOOLS_NO_VFAT", "");
        List<String> c = new ArrayList<>(List.of("mcopy", "-s", "-i", image.toString()));
        try (var s = Files.list(src)) {
            for (Path p : s.toList()) c.add(p.toString());
        }
        c.add("::/");
        Run r = run(env, c.toArray(new String[0]));
        if (r.exit != 0) throw new IllegalStateException("mcopy: " + r.output);
    }
}
