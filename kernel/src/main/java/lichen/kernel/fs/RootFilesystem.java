package lichen.kernel.fs;

import lichen.api.Async;
import lichen.arch.aarch64.Timer;
import lichen.fs.Errno;
import lichen.fs.FsProbe;
import lichen.fs.Result;
import lichen.fs.block.BlockDevice;
import lichen.fs.block.PageCache;
import lichen.kernel.dev.virtio.VirtioBlock;
import lichen.kernel.dev.virtio.VirtioDevices;
import lichen.libkernel.boot.CommandLine;
import lichen.fs.devfs.DevFs;
import lichen.kernel.tty.Console;
import lichen.kernel.tty.ControllingTerminalDevice;
import lichen.kernel.tty.PtyMultiplexer;
import lichen.fs.ext4.Ext4Fs;
import lichen.fs.tmpfs.TmpFs;
import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.FileCache;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Vfs;
import lichen.kernel.pipe.Fifos;
import lichen.kernel.mm.CacheFrames;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;
import lichen.libkernel.fdt.MachineDescription;

/**
 * The kernel's namespace: an ext4 filesystem mounted read-write as "/" from
 * the root disk, devfs on /dev, procfs on /proc, tmpfs on /tmp and
 * /dev/shm (POSIX shared memory's directory), and the
 * descriptors every process starts from (0, 1 and 2 on /dev/console, as
 * Linux's init/main.c console_on_rootfs opens them).
 *
 * <p>The root disk is the virtio block device when the command line says
 * {@code root=/dev/vda} (as Linux names the first one) or when there is no
 * initrd; otherwise the initial ramdisk. A virtio disk keeps what is written
 * across boots (the power-off sync flushes it); the ramdisk loses it.
 *
 * <p>Without a root disk, or when it holds no ext4 filesystem, boot says why
 * in one line and goes on with an empty tmpfs as "/" (with the same mounts
 * under it), so the console and /tmp still work and nothing panics.
 */
public final class RootFilesystem {
    /** Dentries kept before the cache is emptied (DentryCache). */
    private static final int DENTRY_LIMIT = 16384;
    /** The page cache in front of the root disk: 8 MiB of the most recently used 4 KiB pages. */
    private static final int CACHE_PAGES = 2048;
    /** The page cache of files (mmap(2) maps its frames): 16384 pages, 64 MiB, beyond the mapped and dirty ones. */
    private static final int FILE_CACHE_PAGES = 16384;
    /** The command line's name for the first virtio block device as the root (Linux's). */
    private static final String VIRTIO_ROOT = "/dev/vda";
    /** /tmp's capacity, and the stand-in root's. */
    private static final long TMP_BYTES = 64L << 20;

    private static Vfs vfs;
    private static FsContext init;
    private static String described = "not mounted";
    /** The root disk's block cache, or null without one. */
    private static PageCache blockCache;

    private RootFilesystem() {}

    /** The namespace, or null before {@link #mountAtBoot}. */
    public static Vfs vfs() { return vfs; }

    /** What "/" is, for the boot log and the tests. */
    public static String described() { return described; }

    /** Pages in the root disk's block cache (Linux's buffer cache: /proc/meminfo's Buffers), 0 without one. */
    public static long blockCachePages() { return blockCache == null ? 0 : blockCache.cachedPages(); }

    /** Pages in the page cache of files (/proc/meminfo's Cached). */
    public static long fileCachePages() { return vfs == null || vfs.fileCache == null ? 0 : vfs.fileCache.pages(); }

    /**
     * A new process's filesystem context when it has no parent (init): a copy
     * of the boot context, so fds 0, 1 and 2 share the console's open file.
     * Null before {@link #mountAtBoot}.
     */
    public static FsContext newInitContext() { return init == null ? null : init.fork(); }

    /** Builds the namespace on a kernel task of its own (mounting reads the disk, so it is {@code @Async}). */
    public static void mountAtBoot(MachineDescription machine) {
        long started = Timer.nanos();
        Executor ex = KernelExecutor.create();
        ex.spawn("mount-root", () -> mount(machine));
        ex.runUntilIdle();
        System.out.println("fs: / is " + described + "; /dev, /proc, /tmp, /dev/shm mounted in " + (Timer.nanos() - started) / 1000 + " us");
    }

    /**
     * Before the machine powers off (init ended): every dirty page of the page cache goes to its
     * filesystem and the filesystems write back their own caches, on a kernel task of its own
     * (writing may sleep), as Linux's kernel_power_off runs after userspace's sync.
     */
    public static void syncAtPowerOff() {
        if (vfs == null) return;
        Executor ex = KernelExecutor.create();
        ex.spawn("sync", () -> vfs.sync());
        ex.runUntilIdle();
        VirtioDevices.reportAtPowerOff();
    }

    @Async
    private static void mount(MachineDescription machine) {
        FileClock clock = new FileClock();
        Vfs v = new Vfs(DENTRY_LIMIT);
        v.fifos = new Fifos();
        v.fileCache = new FileCache(new CacheFrames(), FILE_CACHE_PAGES);
        FileSystem root = fromRootDisk(machine, clock);
        if (root == null) root = new TmpFs(clock, TMP_BYTES);
        v.mountRoot(root);
        FsContext ctx = v.newContext(Credentials.ROOT);
        Result<TmpFs> dev = DevFs.create(clock, v.devices, Console.terminal(), new ControllingTerminalDevice(), new PtyMultiplexer(),
                Timer.nanos() ^ 0x9E37_79B9_7F4A_7C15L);
        if (dev.ok()) mountOn(v, ctx, "/dev", dev.value);
        else System.out.println("fs: devfs: error " + dev.error);
        mountOn(v, ctx, "/proc", ProcFiles.create(v));
        mountOn(v, ctx, "/tmp", new TmpFs(clock, TMP_BYTES));
        mountOn(v, ctx, "/dev/shm", new TmpFs(clock, TMP_BYTES));
        int fd = v.openat(ctx, OpenFlags.AT_FDCWD, "/dev/console", OpenFlags.O_RDWR, 0);
        if (fd == 0) {
            ctx.fds.dup(0);
            ctx.fds.dup(0);
        } else {
            System.out.println("fs: /dev/console: error " + fd + "; processes start without descriptors");
        }
        vfs = v;
        init = ctx;
    }

    /** The root disk's ext4 filesystem, or null with the reason in {@link #described}. */
    @Async
    private static FileSystem fromRootDisk(MachineDescription machine, FileClock clock) {
        boolean initrd = machine != null && machine.hasInitrd() && machine.initrdEnd() > machine.initrdStart();
        String root = machine == null ? null : CommandLine.parse(machine.bootargs()).root();
        VirtioBlock virtio = VirtioDevices.block();
        BlockDevice disk;
        String where;
        if (virtio != null && (VIRTIO_ROOT.equals(root) || !initrd)) {
            disk = virtio;
            where = (disk.size() >> 20) + " MiB virtio disk at 0x" + Long.toHexString(virtio.transport().physicalBase());
        } else if (initrd) {
            if (VIRTIO_ROOT.equals(root)) System.out.println("fs: root=" + root + " names no virtio block device; the initrd is the root");
            InitrdDisk ram = new InitrdDisk(machine.initrdStart(), machine.initrdEnd());
            disk = ram;
            where = (disk.size() >> 20) + " MiB initrd at 0x" + Long.toHexString(ram.physicalStart());
        } else {
            described = "an empty tmpfs (no initrd in the device tree and no virtio block device)";
            return null;
        }
        if (FsProbe.probe(disk) != FsProbe.EXT) {
            described = "an empty tmpfs (the " + where + " holds no ext2/3/4 filesystem)";
            return null;
        }
        PageCache cache = new PageCache(disk, CACHE_PAGES);
        blockCache = cache;
        Result<Ext4Fs> r = Ext4Fs.mount(cache, true, clock);
        if (!r.ok() && r.error == -Errno.EROFS) {
            // A feature this driver does not write: the files can still be read, so boot read-only,
            // as Linux mounts a filesystem it cannot write. (A journal that needs recovery, left by a
            // machine stopped while Linux had the disk mounted, is replayed by the mount itself.)
            Result<Ext4Fs> ro = Ext4Fs.mount(cache, false, clock);
            if (ro.ok()) {
                described = "ext4, read-only (a read-write mount was refused: error " + r.error + "), from the " + where;
                return ro.value;
            }
        }
        if (!r.ok()) {
            described = "an empty tmpfs (the ext4 filesystem of the " + where + " did not mount: error " + r.error + ")";
            return null;
        }
        String replayed = Ext4Fs.lastReplay();
        described = "ext4, read-write, from the " + where + (replayed.isEmpty() ? "" : " (journal recovered: " + replayed + ")");
        return r.value;
    }

    /** Mounts {@code fs} on {@code path}, making the directory first when the root lacks it. */
    @Async
    private static void mountOn(Vfs v, FsContext ctx, String path, FileSystem fs) {
        int r = v.mount(ctx, path, fs);
        if (r == -lichen.fs.Errno.ENOENT && v.mkdirat(ctx, OpenFlags.AT_FDCWD, path, 0755) == 0) r = v.mount(ctx, path, fs);
        if (r < 0) System.out.println("fs: mounting " + fs.type() + " on " + path + ": error " + r);
    }
}
