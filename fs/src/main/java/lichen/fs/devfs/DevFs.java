package lichen.fs.devfs;

import lichen.api.Async;
import lichen.fs.Errno;
import lichen.fs.Result;
import lichen.fs.tmpfs.TmpFs;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.Clock;
import lichen.fs.vfs.DeviceRegistry;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.Inode;

/**
 * /dev as an in-memory tree (a tmpfs of type "devtmpfs") holding the device
 * nodes of the drivers here, with their Linux numbers
 * (Documentation/admin-guide/devices.txt): mem 1:3 null, 1:5 zero, 1:7 full,
 * 1:8 random, 1:9 urandom; tty 5:0 tty, 5:1 console, 5:2 ptmx; 204:64
 * ttyAMA0, the PL011 the console is (the same driver as 5:1). The kernel
 * gives the terminal drivers (the console, /dev/tty's controlling-terminal
 * lookup, the pseudo-terminal multiplexer). The drivers are
 * registered with the VFS's device registry, so a node with the same number
 * on any filesystem opens the same driver.
 */
public final class DevFs {
    private DevFs() {}

    public static final int NULL = FileMode.makedev(1, 3);
    public static final int ZERO = FileMode.makedev(1, 5);
    public static final int FULL = FileMode.makedev(1, 7);
    public static final int RANDOM = FileMode.makedev(1, 8);
    public static final int URANDOM = FileMode.makedev(1, 9);
    public static final int TTY = FileMode.makedev(5, 0);
    public static final int CONSOLE = FileMode.makedev(5, 1);
    public static final int PTMX = FileMode.makedev(5, 2);
    public static final int TTY_AMA0 = FileMode.makedev(204, 64);

    /** Registers the drivers and builds the tree; returns the filesystem to mount on /dev. */
    @Async
    public static Result<TmpFs> create(Clock clock, DeviceRegistry registry, CharDevice console, CharDevice tty, CharDevice ptmx,
                                       long randomSeed) {
        RandomDevice random = new RandomDevice(randomSeed);
        registry.register(NULL, new NullDevice());
        registry.register(ZERO, new ZeroDevice(false));
        registry.register(FULL, new ZeroDevice(true));
        registry.register(RANDOM, random);
        registry.register(URANDOM, random);
        registry.register(TTY, tty);
        registry.register(CONSOLE, console);
        registry.register(TTY_AMA0, console);
        registry.register(PTMX, ptmx);
        TmpFs fs = new TmpFs(clock, 1L << 20, "devtmpfs");
        Inode root = fs.root();
        root.mode = FileMode.S_IFDIR | 0755;
        int r = node(root, "null", NULL, 0666);
        if (r == 0) r = node(root, "zero", ZERO, 0666);
        if (r == 0) r = node(root, "full", FULL, 0666);
        if (r == 0) r = node(root, "random", RANDOM, 0666);
        if (r == 0) r = node(root, "urandom", URANDOM, 0666);
        if (r == 0) r = node(root, "tty", TTY, 0666);
        if (r == 0) r = node(root, "console", CONSOLE, 0600);
        if (r == 0) r = node(root, "ptmx", PTMX, 0666);
        if (r == 0) r = node(root, "ttyAMA0", TTY_AMA0, 0600);
        if (r == 0) r = dir(root, "pts", 0755);
        if (r == 0) r = dir(root, "shm", 01777);
        if (r == 0) r = link(root, "fd", "/proc/self/fd");
        if (r == 0) r = link(root, "stdin", "/proc/self/fd/0");
        if (r == 0) r = link(root, "stdout", "/proc/self/fd/1");
        if (r == 0) r = link(root, "stderr", "/proc/self/fd/2");
        return r == 0 ? Result.ok(fs) : Result.err(r);
    }

    @Async
    private static int node(Inode root, String name, int rdev, int perm) {
        Result<Inode> r = root.create(name, FileMode.S_IFCHR | perm, 0, 0, rdev);
        return r.ok() ? 0 : r.error;
    }

    @Async
    private static int dir(Inode root, String name, int perm) {
        Result<Inode> r = root.create(name, FileMode.S_IFDIR | perm, 0, 0, 0);
        return r.ok() ? 0 : r.error;
    }

    @Async
    private static int link(Inode root, String name, String target) {
        Result<Inode> r = root.symlink(name, target, 0, 0);
        return r.ok() ? 0 : (r.error == 0 ? -Errno.EIO : r.error);
    }
}
