package lichen.fs.images;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/**
 * Generated directory trees to build images from: a seeded mix of sizes
 * around block boundaries, nesting, names, modes, owners, links and holes.
 */
public final class SourceTree {
    private SourceTree() {}

    public static final long BIG_SPARSE_SIZE = 5L << 30;       // over 4 GiB
    public static final long BIG_SPARSE_DATA_AT = (9L << 30) / 2;

    static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** The tree for ext2/3/4: everything the drivers must read back. */
    public static Path ext(Path root, long seed, boolean withHuge) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(root);
        int[] sizes = {0, 1, 60, 1023, 1024, 1025, 4095, 4096, 4097, 12 * 1024 + 1, 70_000, 300_000, 1_100_000, 3_000_000};
        for (int s : sizes) Files.write(root.resolve("size-" + s), bytes(rnd, s));
        Path d = root;
        for (int i = 0; i < 12; i++) {
            d = d.resolve("level" + i);
            Files.createDirectories(d);
            Files.write(d.resolve("file.txt"), ("depth " + i + "\n").getBytes());
        }
        Path names = Files.createDirectories(root.resolve("names"));
        Files.write(names.resolve("ünïcødé-名前.txt"), "utf8\n".getBytes());
        Files.write(names.resolve("with space"), "space\n".getBytes());
        Files.write(names.resolve("x".repeat(255)), "long name\n".getBytes());
        Files.write(names.resolve(".hidden"), "dot\n".getBytes());
        Path modes = Files.createDirectories(root.resolve("modes"));
        String[] perms = {"rw-------", "rwxr-xr-x", "r--r--r--", "rwx------", "rw-rw-rw-"};
        for (int i = 0; i < perms.length; i++) {
            Path f = Files.write(modes.resolve("m" + i), bytes(rnd, 10 + i));
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms[i]));
            Files.setAttribute(f, "unix:uid", 1000 + i);
            Files.setAttribute(f, "unix:gid", 2000 + i);
        }
        Path setuid = Files.write(modes.resolve("setuid"), bytes(rnd, 5));
        Files.setAttribute(setuid, "unix:mode", 04755);
        Path links = Files.createDirectories(root.resolve("links"));
        Path target = Files.write(links.resolve("target"), bytes(rnd, 5000));
        Files.createLink(links.resolve("hard1"), target);
        Files.createLink(root.resolve("hard-elsewhere"), target);
        Files.createSymbolicLink(links.resolve("fast"), Path.of("target"));
        Files.createSymbolicLink(links.resolve("slow"), Path.of("../" + "names/" + "x".repeat(255)));
        Files.createSymbolicLink(links.resolve("dangling"), Path.of("no/such/file"));
        Files.createSymbolicLink(links.resolve("dir"), Path.of("../level0/level1"));
        Path big = Files.createDirectories(root.resolve("bigdir"));
        for (int i = 0; i < 1500; i++) Files.write(big.resolve(String.format("entry-%05d-with-a-longer-name", i)), new byte[] {(byte) i});
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("sparse").toFile(), "rw")) {
            f.setLength(10 << 20);
            f.seek(3 << 20);
            f.write(bytes(rnd, 5000));
        }
        if (withHuge) {
            try (RandomAccessFile f = new RandomAccessFile(root.resolve("huge").toFile(), "rw")) {
                f.setLength(BIG_SPARSE_SIZE);
                f.write(bytes(rnd, 4096));
                f.seek(BIG_SPARSE_DATA_AT - 100);
                f.write(bytes(rnd, 300_000));
            }
        }
        Files.createDirectories(root.resolve("empty"));
        return root;
    }

    /** The tree for FAT32: names long and short, mixed case, nested directories, sizes around cluster edges. */
    public static Path fat(Path root, long seed) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(root);
        int[] sizes = {0, 1, 511, 512, 513, 4096, 4097, 65_537, 1_000_000};
        for (int s : sizes) Files.write(root.resolve("Size Of " + s + " bytes.bin"), bytes(rnd, s));
        Files.write(root.resolve("SHORT.TXT"), "short upper\n".getBytes());
        Files.write(root.resolve("lower.txt"), "short lower\n".getBytes());
        Files.write(root.resolve("MixedCase.Txt"), "mixed\n".getBytes());
        Files.write(root.resolve("ünïcødé-名前.txt"), "utf-16 in long names\n".getBytes());
        Files.write(root.resolve("a very long file name that needs many lfn entries to hold it.data"), bytes(rnd, 100));
        Path d = root;
        for (int i = 0; i < 6; i++) {
            d = d.resolve("Directory Level " + i);
            Files.createDirectories(d);
            Files.write(d.resolve("inside-" + i + ".txt"), ("level " + i + "\n").getBytes());
        }
        Path many = Files.createDirectories(root.resolve("many"));
        for (int i = 0; i < 300; i++) Files.write(many.resolve("file number " + i + ".dat"), bytes(rnd, i));
        Files.createDirectories(root.resolve("empty dir"));
        return root;
    }

    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
