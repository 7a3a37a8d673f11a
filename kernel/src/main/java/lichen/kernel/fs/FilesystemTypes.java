package lichen.kernel.fs;

import lichen.api.Async;
import lichen.arch.aarch64.Timer;
import lichen.fs.Result;
import lichen.fs.devfs.DevFs;
import lichen.fs.tmpfs.TmpFs;
import lichen.fs.vfs.FileSystem;
import lichen.fs.vfs.Vfs;
import lichen.kernel.tty.Console;
import lichen.kernel.tty.ControllingTerminalDevice;
import lichen.kernel.tty.Devpts;
import lichen.kernel.tty.PtyMultiplexer;
import lichen.libkernel.Errno;

/**
 * The filesystem types mount(2) can make (the names /proc/filesystems would
 * list): proc, sysfs, devtmpfs, devpts and tmpfs; every other name is
 * ENODEV, "filesystemtype not configured in the kernel". sysfs is
 * {@link SysFiles}' tree (the CPUs and the console so far); devpts is the pseudo-terminals'
 * tree ({@link Devpts}, options mode= and gid=).
 */
public final class FilesystemTypes {
    /** tmpfs's default size: half of RAM on Linux; 64 MiB here, as /tmp has. */
    static final long TMPFS_BYTES = 64L << 20;

    private FilesystemTypes() {}

    /** A new instance of {@code type} with mount options {@code data} ("size=", "mode="), or the errno. */
    @Async
    public static Result<FileSystem> make(String type, String data) {
        Vfs v = RootFilesystem.vfs();
        FileClock clock = new FileClock();
        switch (type) {
            case "proc" -> {
                return Result.ok(ProcFiles.create(v));
            }
            case "devpts" -> {
                return Devpts.mount(modeOption(data), numberOption(data, "gid"));
            }
            case "sysfs" -> {
                return Result.ok(SysFiles.create());
            }
            case "tmpfs" -> {
                TmpFs fs = new TmpFs(clock, sizeOption(data), type);
                int mode = modeOption(data);
                if (mode >= 0) fs.root().mode = (fs.root().mode & ~07777) | mode;
                return Result.ok(fs);
            }
            case "devtmpfs" -> {
                Result<TmpFs> dev = DevFs.create(clock, v.devices, Console.terminal(), new ControllingTerminalDevice(),
                        new PtyMultiplexer(), Timer.nanos());
                return dev.ok() ? Result.ok(dev.value) : Result.err(dev.error);
            }
            default -> {
                return Result.err(-Errno.ENODEV);
            }
        }
    }

    /** tmpfs's size=N[k|m|g] option (man 5 tmpfs), else the default. */
    static long sizeOption(String data) {
        String v = option(data, "size");
        if (v == null || v.isEmpty()) return TMPFS_BYTES;
        long scale = 1;
        char last = Character.toLowerCase(v.charAt(v.length() - 1));
        if (last == 'k' || last == 'm' || last == 'g') {
            scale = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return TMPFS_BYTES;
            n = n * 10 + (c - '0');
        }
        return n * scale;
    }

    /** The mode=OCTAL option, or -1. */
    static int modeOption(String data) {
        String v = option(data, "mode");
        if (v == null || v.isEmpty()) return -1;
        int m = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '7') return -1;
            m = m * 8 + (c - '0');
        }
        return m & 07777;
    }

    /** A decimal {@code name=N} option (devpts's gid=), or -1. */
    static int numberOption(String data, String name) {
        String v = option(data, name);
        if (v == null || v.isEmpty()) return -1;
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The value of {@code name=value} in a comma-separated option string, or null. */
    static String option(String data, String name) {
        if (data == null) return null;
        int i = 0;
        while (i <= data.length()) {
            int end = data.indexOf(',', i);
            if (end < 0) end = data.length();
            String o = data.substring(i, end);
            if (o.startsWith(name + "=")) return o.substring(name.length() + 1);
            i = end + 1;
        }
        return null;
    }
}
