package lichen.fs.tool;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import lichen.api.HostOnly;
import lichen.fs.Result;
import lichen.fs.block.BlockDevice;
import lichen.fs.block.RamDisk;
import lichen.fs.ext4.Ext4Fs;
import lichen.fs.vfs.Clock;
import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Vfs;

/**
 * fs figures on the JVM (just bench-fs): read and write throughput of a large
 * file and path-lookup rates on a deep tree, through Lichen's ext4 driver and VFS on an
 * image that mke2fs -d built. Figures, not assertions.
 */
@HostOnly
public final class FsBench {
    private FsBench() {}

    static final int FILE_MIB = 256;
    static final int DEPTH = 64;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("lichen-fs-bench");
        try {
            Path src = Files.createDirectories(work.resolve("src"));
            byte[] chunk = new byte[1 << 20];
            new Random(1).nextBytes(chunk);
            try (OutputStream o = Files.newOutputStream(src.resolve("large"))) {
                for (int i = 0; i < FILE_MIB; i++) {
                    chunk[0] = (byte) i;
                    o.write(chunk);
                }
            }
            Path d = src;
            StringBuilder deep = new StringBuilder();
            for (int i = 0; i < DEPTH; i++) {
                for (int s = 0; s < 8; s++) Files.createDirectories(d.resolve("sibling-" + s));
                d = d.resolve("level-" + i);
                Files.createDirectories(d);
                deep.append("/level-").append(i);
            }
            Files.writeString(d.resolve("leaf"), "leaf\n");
            deep.append("/leaf");
            Path img = work.resolve("bench.img");
            run("mke2fs", "-q", "-F", "-t", "ext4", "-d", src.toString(), img.toString(), (FILE_MIB + 224) + "M");
            byte[] image = Files.readAllBytes(img);
            System.out.printf("fs bench: ext4 image %d MiB from mke2fs -d, %s%n", image.length >> 20, System.getProperty("java.vm.name"));
            for (int round = 0; round < 2; round++) {
                String label = round == 0 ? "file image " : "ramdisk    ";
                BlockDevice dev = round == 0 ? new FileBlockDevice(img, true) : RamDisk.of(image, true);
                Result<Ext4Fs> m = Ext4Fs.mount(dev, false, Clock.EPOCH);
                Vfs vfs = new Vfs(65536);
                vfs.mountRoot(m.value);
                FsContext ctx = vfs.newContext(Credentials.ROOT);
                readThroughput(label, vfs, ctx);
                if (round == 1) lookups(vfs, ctx, deep.toString());
            }
            writeThroughput(image);
        } finally {
            try (var s = Files.walk(work)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    static void readThroughput(String label, Vfs vfs, FsContext ctx) {
        byte[] buf = new byte[1 << 20];
        for (int pass = 0; pass < 3; pass++) {
            OpenFile f = vfs.open(ctx, OpenFlags.AT_FDCWD, "/large", OpenFlags.O_RDONLY, 0).value;
            long t0 = System.nanoTime(), total = 0;
            int n;
            while ((n = f.read(buf, 0, buf.length)) > 0) total += n;
            long ns = System.nanoTime() - t0;
            f.close();
            if (total != (long) FILE_MIB << 20) throw new IllegalStateException("read " + total);
            System.out.printf("  %s read %d MiB in 1 MiB reads, pass %d: %7.1f MiB/s%n", label, FILE_MIB, pass + 1,
                    total / 1048576.0 / (ns / 1e9));
        }
    }

    /** Writing a new 128 MiB file and deleting it again, on a read-write mount of the image in a ramdisk. */
    static void writeThroughput(byte[] image) {
        RamDisk disk = RamDisk.of(image, false);
        Result<Ext4Fs> m = Ext4Fs.mount(disk, true, Clock.EPOCH);
        Vfs vfs = new Vfs(1024);
        vfs.mountRoot(m.value);
        FsContext ctx = vfs.newContext(Credentials.ROOT);
        byte[] buf = new byte[1 << 20];
        new Random(2).nextBytes(buf);
        for (int pass = 0; pass < 3; pass++) {
            long t0 = System.nanoTime();
            OpenFile f = vfs.open(ctx, OpenFlags.AT_FDCWD, "/written", OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644).value;
            for (int i = 0; i < 128; i++) {
                if (f.write(buf, 0, buf.length) != buf.length) throw new IllegalStateException("write");
            }
            f.close();
            if (vfs.sync() < 0) throw new IllegalStateException("sync");
            long ns = System.nanoTime() - t0;
            System.out.printf("  ramdisk     write 128 MiB in 1 MiB writes + sync, pass %d: %7.1f MiB/s%n", pass + 1, 128 / (ns / 1e9));
            long u0 = System.nanoTime();
            if (vfs.unlinkat(ctx, OpenFlags.AT_FDCWD, "/written", 0) < 0) throw new IllegalStateException("unlink");
            System.out.printf("  ramdisk     unlink of the 128 MiB file: %.1f ms%n", (System.nanoTime() - u0) / 1e6);
        }
    }

    static void lookups(Vfs vfs, FsContext ctx, String deep) {
        int components = DEPTH + 1;
        for (int pass = 0; pass < 2; pass++) {
            int n = 20_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (!vfs.fstatat(ctx, OpenFlags.AT_FDCWD, deep, 0).ok()) throw new IllegalStateException("lookup");
            }
            long ns = System.nanoTime() - t0;
            System.out.printf("  path lookup, %d components, dentry cache warm: %9.0f paths/s, %10.0f components/s%n",
                    components, n / (ns / 1e9), (double) n * components / (ns / 1e9));
        }
        int n = 2_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            vfs.dcache.clear();
            if (!vfs.fstatat(ctx, OpenFlags.AT_FDCWD, deep, 0).ok()) throw new IllegalStateException("lookup");
        }
        long ns = System.nanoTime() - t0;
        System.out.printf("  path lookup, %d components, dentry cache emptied each time (ext4 directory reads): %7.0f paths/s, %9.0f components/s%n",
                components, n / (ns / 1e9), (double) n * components / (ns / 1e9));
    }

    static void run(String... cmd) throws IOException, InterruptedException {
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
            if (Files.isExecutable(Path.of(dir, cmd[0]))) {
                cmd[0] = dir + "/" + cmd[0];
                break;
            }
        }
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
}
