package lichen.kernel.selftest;

import lichen.api.Async;
import lichen.api.Region;
import lichen.fs.Result;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Stat;
import lichen.fs.vfs.Vfs;
import lichen.kernel.boot.MemorySetup;
import lichen.kernel.tty.Console;
import lichen.kernel.fs.RootFilesystem;
import lichen.libkernel.tty.Termios;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;

/**
 * The kernel's namespace on the machine: the initrd's ext4 image as "/"
 * (scripts/create-image.sh builds it from Debian bookworm), read, listed,
 * written; /tmp; the devfs nodes; the descriptors a process starts with; and
 * repeated opens that must not keep memory.
 */
final class FileSystemTests {
    /** The first line of bookworm's /usr/lib/os-release, which /etc/os-release links to. */
    private static final String OS_RELEASE_FIRST_LINE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"";
    private static final int LEAK_ROUNDS = 100_000, LEAK_BATCH = 1000;
    private static final int O_RDONLY = OpenFlags.O_RDONLY, O_RDWR = OpenFlags.O_RDWR, AT_FDCWD = OpenFlags.AT_FDCWD;

    /** A test that runs on a kernel task, since the VFS may sleep. */
    private interface TaskTest {
        @Async
        String run(Vfs vfs, FsContext ctx);
    }

    private FileSystemTests() {}

    static void runAll() {
        SelfTest.check("the root filesystem is the initrd's ext4 image, mounted read-write", FileSystemTests::rootIsTheInitrd);
        onTask("/etc/os-release (a link into /usr/lib) reads Debian bookworm's first line", FileSystemTests::osRelease);
        onTask("stat of /etc/os-release: a regular file whose size is the bytes read", FileSystemTests::statMatchesRead);
        onTask("getdents64 of /etc lists ., .., os-release and passwd", FileSystemTests::listEtc);
        onTask("a file in /tmp (tmpfs) is created, written, read back, and unlinked", (v, c) -> createWriteReadUnlink(v, c, "/tmp"));
        onTask("a file in / (ext4 on the ramdisk) is created, written, read back, and unlinked", (v, c) -> createWriteReadUnlink(v, c, ""));
        onTask("/dev/null reads end-of-file and takes writes; /dev/zero reads zeros; /dev/full is ENOSPC", FileSystemTests::devices);
        onTask("/proc/mounts names /, /dev, /proc, /tmp and /dev/shm", FileSystemTests::procMounts);
        onTask("a new process starts with fds 0, 1 and 2 on /dev/console, and writes through them reach the console",
                FileSystemTests::initDescriptors);
        onTask("opening, reading and closing a file " + LEAK_ROUNDS + " times keeps no memory", FileSystemTests::noLeak);
    }

    private static String rootIsTheInitrd() {
        String d = RootFilesystem.described();
        return d.startsWith("ext4, read-write") ? null : "/ is " + d;
    }

    /** Runs {@code test} on a kernel task with a context of its own (root credentials, at "/"). */
    private static void onTask(String name, TaskTest test) {
        SelfTest.check(name, () -> {
            Vfs vfs = RootFilesystem.vfs();
            if (vfs == null) return "no namespace: " + RootFilesystem.described();
            String[] outcome = {"the test's task did not finish"};
            Executor ex = KernelExecutor.create();
            ex.spawn("fs-test", () -> outcome[0] = test.run(vfs, vfs.newContext(lichen.fs.vfs.Credentials.ROOT)));
            ex.runUntilIdle();
            return outcome[0];
        });
    }

    @Async
    private static String osRelease(Vfs vfs, FsContext ctx) {
        Result<String> text = readAll(vfs, ctx, "/etc/os-release");
        if (!text.ok()) return "reading /etc/os-release: error " + text.error;
        int nl = text.value.indexOf('\n');
        String first = nl < 0 ? text.value : text.value.substring(0, nl);
        return first.equals(OS_RELEASE_FIRST_LINE) ? null : "first line \"" + first + "\"";
    }

    @Async
    private static String statMatchesRead(Vfs vfs, FsContext ctx) {
        Result<Stat> link = vfs.fstatat(ctx, AT_FDCWD, "/etc/os-release", OpenFlags.AT_SYMLINK_NOFOLLOW);
        if (!link.ok()) return "lstat: error " + link.error;
        if (!FileMode.isSymlink(link.value.mode)) return "/etc/os-release is not a link: mode 0" + Integer.toOctalString(link.value.mode);
        Result<Stat> s = vfs.fstatat(ctx, AT_FDCWD, "/etc/os-release", 0);
        if (!s.ok()) return "stat: error " + s.error;
        if (!FileMode.isRegular(s.value.mode)) return "not a regular file: mode 0" + Integer.toOctalString(s.value.mode);
        Result<String> text = readAll(vfs, ctx, "/etc/os-release");
        if (!text.ok()) return "read: error " + text.error;
        if (s.value.size != text.value.length()) return "st_size " + s.value.size + ", read " + text.value.length() + " bytes";
        if (s.value.nlink < 1 || s.value.ino == 0 || s.value.blksize != 4096) return "nlink " + s.value.nlink + ", ino " + s.value.ino;
        byte[] raw = new byte[Stat.STAT_SIZE];
        s.value.encodeStat(raw, 0);
        return lichen.fs.LittleEndian.u64(raw, 48) == s.value.size ? null : "struct stat's st_size is not at offset 48";
    }

    @Async
    private static String listEtc(Vfs vfs, FsContext ctx) {
        Result<OpenFile> dir = vfs.open(ctx, AT_FDCWD, "/etc", O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        if (!dir.ok()) return "open /etc: error " + dir.error;
        boolean dot = false, dotdot = false, osRelease = false, passwd = false;
        byte[] buf = new byte[512];
        int entries = 0;
        while (true) {
            int n = vfs.getdents64(ctx, dir.value, buf, 0, buf.length);
            if (n < 0) return "getdents64: error " + n;
            if (n == 0) break;
            for (int at = 0; at < n; ) {
                int reclen = lichen.fs.LittleEndian.u16(buf, at + 16);
                int end = at + 19;
                while (end < at + reclen && buf[end] != 0) end++;
                String name = new String(bytesToChars(buf, at + 19, end - at - 19));
                dot |= name.equals(".");
                dotdot |= name.equals("..");
                osRelease |= name.equals("os-release");
                passwd |= name.equals("passwd");
                entries++;
                if (reclen <= 0) return "a record of length 0";
                at += reclen;
            }
        }
        dir.value.close();
        if (!dot || !dotdot) return "no . or ..";
        return osRelease && passwd ? null : entries + " entries, os-release " + osRelease + ", passwd " + passwd;
    }

    @Async
    private static String createWriteReadUnlink(Vfs vfs, FsContext ctx, String dir) {
        String path = dir + "/lichen-selftest.txt";
        int fd = vfs.openat(ctx, AT_FDCWD, path, O_RDWR | OpenFlags.O_CREAT | OpenFlags.O_EXCL, 0644);
        if (fd < 0) return "create " + path + ": error " + fd;
        OpenFile f = ctx.fds.get(fd);
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 + 7);
        int w = f.write(data, 0, data.length);
        if (w != data.length) return "write: " + w;
        byte[] back = new byte[data.length];
        int r = f.pread(back, 0, back.length, 0);
        if (r != back.length) return "pread: " + r;
        for (int i = 0; i < data.length; i++) if (back[i] != data[i]) return "byte " + i + " differs";
        if (ctx.fds.close(fd) != 0) return "close failed";
        Result<Stat> s = vfs.fstatat(ctx, AT_FDCWD, path, 0);
        if (!s.ok() || s.value.size != data.length) return "stat after close: " + (s.ok() ? "size " + s.value.size : "error " + s.error);
        Result<String> again = readAll(vfs, ctx, path);
        if (!again.ok() || again.value.length() != data.length) return "reopened read: " + (again.ok() ? again.value.length() + " bytes" : "error " + again.error);
        int u = vfs.unlinkat(ctx, AT_FDCWD, path, 0);
        if (u != 0) return "unlink: error " + u;
        Result<Stat> gone = vfs.fstatat(ctx, AT_FDCWD, path, 0);
        return gone.error == -lichen.fs.Errno.ENOENT ? null : "still there after unlink: error " + gone.error;
    }

    @Async
    private static String devices(Vfs vfs, FsContext ctx) {
        Result<OpenFile> nul = vfs.open(ctx, AT_FDCWD, "/dev/null", O_RDWR, 0);
        if (!nul.ok()) return "open /dev/null: error " + nul.error;
        byte[] buf = new byte[64];
        for (int i = 0; i < buf.length; i++) buf[i] = 1;
        if (nul.value.read(buf, 0, buf.length) != 0) return "/dev/null read something";
        if (nul.value.write(buf, 0, buf.length) != buf.length) return "/dev/null refused a write";
        nul.value.close();
        Result<OpenFile> zero = vfs.open(ctx, AT_FDCWD, "/dev/zero", O_RDONLY, 0);
        if (!zero.ok()) return "open /dev/zero: error " + zero.error;
        if (zero.value.read(buf, 0, buf.length) != buf.length) return "/dev/zero read short";
        for (byte b : buf) if (b != 0) return "/dev/zero read a non-zero byte";
        zero.value.close();
        Result<OpenFile> full = vfs.open(ctx, AT_FDCWD, "/dev/full", OpenFlags.O_WRONLY, 0);
        if (!full.ok()) return "open /dev/full: error " + full.error;
        int w = full.value.write(buf, 0, 1);
        full.value.close();
        if (w != -lichen.fs.Errno.ENOSPC) return "/dev/full write gave " + w;
        Result<Stat> console = vfs.fstatat(ctx, AT_FDCWD, "/dev/console", 0);
        if (!console.ok()) return "stat /dev/console: error " + console.error;
        return FileMode.isCharDevice(console.value.mode) && console.value.rdev == FileMode.makedev(5, 1) ? null
                : "/dev/console mode 0" + Integer.toOctalString(console.value.mode) + " rdev " + console.value.rdev;
    }

    @Async
    private static String procMounts(Vfs vfs, FsContext ctx) {
        Result<String> text = readAll(vfs, ctx, "/proc/mounts");
        if (!text.ok()) return "read /proc/mounts: error " + text.error;
        String t = text.value;
        String[] want = {" / ext4 ", " /dev devtmpfs ", " /proc proc ", " /tmp tmpfs ", " /dev/shm tmpfs "};
        for (String w : want) if (t.indexOf(w) < 0) return "no \"" + w.trim() + "\" in: " + t;
        return null;
    }

    @Async
    private static String initDescriptors(Vfs vfs, FsContext ignored) {
        FsContext init = RootFilesystem.newInitContext();
        if (init == null) return "no init context";
        for (int fd = 0; fd < 3; fd++) {
            OpenFile f = init.fds.get(fd);
            if (f == null) return "fd " + fd + " is not open";
            if (f.inode.rdev != FileMode.makedev(5, 1)) return "fd " + fd + " is not /dev/console";
        }
        if (init.fds.get(3) != null) return "fd 3 is open";
        String line = "console: written through fd 1\n";
        byte[] b = new byte[line.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) line.charAt(i);
        int w = init.fds.get(1).write(b, 0, b.length);
        // Nothing is typed during the self-test: a non-canonical read with VMIN and VTIME 0 returns 0 at once.
        Termios t = Console.terminal().termios();
        int lflag = t.lflag(), vmin = t.cc(Termios.VMIN);
        t.setLflag(lflag & ~Termios.ICANON);
        t.setCc(Termios.VMIN, 0);
        int r = init.fds.get(0).read(b, 0, 1);
        t.setLflag(lflag);
        t.setCc(Termios.VMIN, vmin);
        init.fds.closeAll();
        if (w != b.length) return "write to fd 1: " + w;
        return r == 0 ? null : "a console read with VMIN 0 and nothing typed gave " + r;
    }

    /**
     * Each round opens, reads and closes /etc/os-release inside a region that
     * is freed after its batch of rounds, as a system call's region will be
     * after the call: what is made for the call goes with it, so the buddy
     * allocator's free pages must come back to where they were. The regions
     * are made before the count is taken (a region's own handle lives in the
     * root region). Afterwards the name cache holds as many entries as before
     * and the file still reads the same: fs kept nothing made in a round (a
     * dentry, an inode or a cache page in a freed region would be unmapped memory).
     * A first round outside the loop warms the caches.
     */
    @Async
    private static String noLeak(Vfs vfs, FsContext ctx) {
        byte[] buf = new byte[256];
        String warm = openReadClose(vfs, ctx, buf);
        if (warm != null) return warm;
        Result<String> text = readAll(vfs, ctx, "/etc/os-release");
        if (!text.ok()) return "read: error " + text.error;
        Region[] regions = new Region[LEAK_ROUNDS / LEAK_BATCH];
        for (int i = 0; i < regions.length; i++) regions[i] = Region.create("open-read-close");
        int dentries = vfs.dcache.size();
        lichen.libkernel.mm.BuddyAllocator frames = MemorySetup.frames();
        long before = frames.freePageCount();
        long started = lichen.arch.aarch64.Timer.nanos();
        for (int b = 0; b < regions.length; b++) {
            String why = null;
            try (Region.Scope s = Region.use(regions[b])) {
                for (int i = 0; i < LEAK_BATCH && why == null; i++) why = openReadClose(vfs, ctx, buf);
            }
            regions[b].free();
            if (why != null) return "batch " + b + ": " + why;
        }
        long micros = (lichen.arch.aarch64.Timer.nanos() - started) / 1000;
        long after = frames.freePageCount();
        System.out.println("fs: " + LEAK_ROUNDS + " open/read/close rounds in " + micros / 1000 + " ms ("
                + (micros * 1000 / LEAK_ROUNDS) + " ns each); free pages " + before + " before, " + after + " after");
        if (after != before) return (before - after) + " pages kept";
        if (vfs.dcache.size() != dentries) return "the name cache went from " + dentries + " to " + vfs.dcache.size() + " entries";
        Result<String> again = readAll(vfs, ctx, "/etc/os-release");
        return again.ok() && again.value.equals(text.value) ? null : "the file reads differently afterwards";
    }

    @Async
    private static String openReadClose(Vfs vfs, FsContext ctx, byte[] buf) {
        int fd = vfs.openat(ctx, AT_FDCWD, "/etc/os-release", O_RDONLY, 0);
        if (fd != 0) return "open gave " + fd + " (descriptor 0 expected: an earlier close was lost)";
        int n = ctx.fds.get(fd).read(buf, 0, buf.length);
        if (n <= 0) return "read gave " + n;
        int c = ctx.fds.close(fd);
        return c == 0 ? null : "close gave " + c;
    }

    /** The whole file at {@code path} as a byte string. */
    @Async
    private static Result<String> readAll(Vfs vfs, FsContext ctx, String path) {
        Result<OpenFile> f = vfs.open(ctx, AT_FDCWD, path, O_RDONLY, 0);
        if (!f.ok()) return f.cast();
        StringBuilder out = new StringBuilder();
        byte[] buf = new byte[4096];
        while (true) {
            int n = f.value.read(buf, 0, buf.length);
            if (n < 0) {
                f.value.close();
                return Result.err(n);
            }
            if (n == 0) break;
            for (int i = 0; i < n; i++) out.append((char) (buf[i] & 0xff));
        }
        f.value.close();
        return Result.ok(out.toString());
    }

    private static char[] bytesToChars(byte[] b, int off, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) c[i] = (char) (b[off + i] & 0xff);
        return c;
    }
}
