package lichen.fs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lichen.fs.Errno;
import lichen.fs.LittleEndian;
import lichen.fs.Result;
import lichen.fs.tmpfs.TmpFs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VFS's system calls over tmpfs, against the behaviour their Linux man pages give. */
class VfsOnTmpfsTest {
    static final int CWD = OpenFlags.AT_FDCWD;
    Vfs vfs;
    FsContext ctx;
    long now = 1_700_000_000_000_000_000L;

    @BeforeEach
    void setUp() {
        vfs = new Vfs(1024);
        vfs.mountRoot(new TmpFs(() -> now, 64 << 20));
        ctx = vfs.newContext(Credentials.ROOT);
        ctx.umask = 022;
    }

    int open(String path, int flags) {
        return vfs.openat(ctx, CWD, path, flags, 0644);
    }

    int write(String path, String text) {
        int fd = open(path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC);
        if (fd < 0) return fd;
        byte[] b = text.getBytes();
        int n = ctx.fds.get(fd).write(b, 0, b.length);
        ctx.fds.close(fd);
        return n;
    }

    String read(String path) {
        int fd = open(path, OpenFlags.O_RDONLY);
        assertTrue(fd >= 0, path + ": " + Errno.name(fd));
        byte[] b = new byte[4096];
        int n = ctx.fds.get(fd).read(b, 0, b.length);
        ctx.fds.close(fd);
        return new String(b, 0, n);
    }

    Stat stat(String path) {
        Result<Stat> r = vfs.fstatat(ctx, CWD, path, OpenFlags.AT_SYMLINK_NOFOLLOW);
        assertTrue(r.ok(), path + ": " + Errno.name(r.error));
        return r.value;
    }

    int err(String path) {
        return vfs.fstatat(ctx, CWD, path, 0).error;
    }

    List<String> list(OpenFile dir, int bufSize) {
        List<String> names = new ArrayList<>();
        byte[] buf = new byte[bufSize];
        while (true) {
            int n = vfs.getdents64(ctx, dir, buf, 0, buf.length);
            assertTrue(n >= 0, Errno.name(n));
            if (n == 0) return names;
            for (int p = 0; p < n; ) {
                int rec = LittleEndian.u16(buf, p + 16);
                assertEquals(0, rec % 8, "records are 8-byte aligned");
                int end = p + 19;
                while (buf[end] != 0) end++;
                names.add(new String(buf, p + 19, end - p - 19) + ":" + buf[p + 18]);
                p += rec;
            }
        }
    }

    @Test
    void chrootStopsSlashAndDotDotAndLeavesTheCwdUnreachable() {
        assertEquals(0, vfs.mkdirat(ctx, CWD, "/jail", 0755));
        assertEquals(3, write("/jail/in", "in!"));
        assertEquals(0, vfs.chdir(ctx, "/jail"));
        assertEquals(0, vfs.mkdirat(ctx, CWD, "/jail/sub", 0755));
        assertEquals(0, vfs.chdir(ctx, "/"));
        assertEquals(0, vfs.chroot(ctx, "/jail"));
        assertEquals("(unreachable)/", vfs.getcwd(ctx), "the old root is outside the new one");
        assertEquals("in!", read("/../in"), "'..' of the new root is itself");
        assertEquals(0, vfs.chdir(ctx, "/sub"));
        assertEquals("/sub", vfs.getcwd(ctx));
        assertEquals(-Errno.ENOTDIR, vfs.chroot(ctx, "/in"));
        FsContext user = new FsContext(ctx.root, new Credentials(1000, 1000, new int[0]), new FdTable(16));
        assertEquals(-Errno.EPERM, vfs.chroot(user, "/sub"), "chroot needs root's privilege");
    }

    @Test
    void createReadAndStatAFileWithUmaskApplied() {
        assertEquals(5, write("/a", "hello"));
        assertEquals("hello", read("/a"));
        Stat s = stat("/a");
        assertEquals(FileMode.S_IFREG | 0644, s.mode);
        assertEquals(5, s.size);
        assertEquals(1, s.nlink);
        assertEquals(0, vfs.mkdirat(ctx, CWD, "/d", 0777));
        assertEquals(FileMode.S_IFDIR | 0755, stat("/d").mode);
        assertEquals(1_700_000_000L, s.mtimeSec);
    }

    @Test
    void openFlagsBehaveAsOpen2Says() {
        write("/f", "x");
        assertEquals(-Errno.EEXIST, vfs.openat(ctx, CWD, "/f", OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY, 0644));
        assertEquals(-Errno.ENOTDIR, open("/f", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY));
        vfs.mkdirat(ctx, CWD, "/d", 0755);
        assertEquals(-Errno.EISDIR, open("/d", OpenFlags.O_WRONLY));
        assertEquals(-Errno.ENOENT, open("/missing/x", OpenFlags.O_CREAT | OpenFlags.O_WRONLY));
        assertEquals(-Errno.ENOTDIR, open("/f/x", OpenFlags.O_RDONLY));
        assertEquals(-Errno.EISDIR, open("/d/", OpenFlags.O_CREAT | OpenFlags.O_WRONLY));
        int fd = open("/f", OpenFlags.O_RDONLY);
        byte[] b = new byte[1];
        assertEquals(-Errno.EBADF, ctx.fds.get(fd).write(b, 0, 1));
        ctx.fds.close(fd);
        assertEquals(-Errno.EBADF, ctx.fds.close(fd));
        fd = open("/f", OpenFlags.O_WRONLY | OpenFlags.O_APPEND);
        ctx.fds.get(fd).write("yz".getBytes(), 0, 2);
        ctx.fds.close(fd);
        assertEquals("xyz", read("/f"));
        fd = open("/f", OpenFlags.O_WRONLY | OpenFlags.O_TRUNC);
        ctx.fds.close(fd);
        assertEquals(0, stat("/f").size);
    }

    @Test
    void symlinksAreFollowedExceptWithNofollowAndLoopsEndInEloop() {
        write("/target", "t");
        assertEquals(0, vfs.symlinkat(ctx, "target", CWD, "/link"));
        assertEquals("t", read("/link"));
        assertEquals(-Errno.ELOOP, open("/link", OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW));
        assertTrue(open("/link", OpenFlags.O_PATH | OpenFlags.O_NOFOLLOW) >= 0);
        assertEquals("target", vfs.readlinkat(ctx, CWD, "/link").value);
        assertEquals(-Errno.EINVAL, vfs.readlinkat(ctx, CWD, "/target").error);
        vfs.symlinkat(ctx, "loop2", CWD, "/loop1");
        vfs.symlinkat(ctx, "loop1", CWD, "/loop2");
        assertEquals(-Errno.ELOOP, err("/loop1"));
        assertEquals(FileMode.S_IFLNK | 0777, stat("/loop1").mode);
        // A chain of 40 links resolves; 41 is too many (path_resolution(7)).
        write("/end", "e");
        String prev = "end";
        for (int i = 0; i < 41; i++) {
            vfs.symlinkat(ctx, prev, CWD, "/c" + i);
            prev = "c" + i;
        }
        assertTrue(vfs.fstatat(ctx, CWD, "/c39", 0).ok());
        assertEquals(-Errno.ELOOP, err("/c40"));
        vfs.mkdirat(ctx, CWD, "/dir", 0755);
        write("/dir/inside", "i");
        vfs.symlinkat(ctx, "/dir", CWD, "/dirlink");
        assertEquals("i", read("/dirlink/inside"));
        assertEquals(-Errno.ENOTDIR, vfs.fstatat(ctx, CWD, "/target/", 0).error);
        assertEquals(-Errno.ENOENT, vfs.symlinkat(ctx, "", CWD, "/empty"));
        vfs.symlinkat(ctx, "dir/made-through-link", CWD, "/dangling");
        assertEquals(1, write("/dangling", "m"), "O_CREAT through a dangling link creates its target");
        assertEquals("m", read("/dir/made-through-link"));
        assertEquals(-Errno.EEXIST, vfs.openat(ctx, CWD, "/dangling", OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY, 0644));
    }

    @Test
    void dirfdRelativePathsAndDotDotResolveFromTheDirectory() {
        vfs.mkdirat(ctx, CWD, "/a", 0755);
        vfs.mkdirat(ctx, CWD, "/a/b", 0755);
        write("/a/b/f", "deep");
        write("/a/g", "up");
        int dfd = open("/a/b", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        assertTrue(dfd >= 0);
        int fd = vfs.openat(ctx, dfd, "f", OpenFlags.O_RDONLY, 0);
        assertTrue(fd >= 0);
        fd = vfs.openat(ctx, dfd, "../g", OpenFlags.O_RDONLY, 0);
        assertTrue(fd >= 0);
        assertEquals(0, vfs.mkdirat(ctx, dfd, "new", 0755));
        assertTrue(stat("/a/b/new").mode != 0);
        assertEquals(-Errno.EBADF, vfs.openat(ctx, 999, "f", OpenFlags.O_RDONLY, 0));
        int ffd = open("/a/g", OpenFlags.O_RDONLY);
        assertEquals(-Errno.ENOTDIR, vfs.openat(ctx, ffd, "x", OpenFlags.O_RDONLY, 0));
        Result<Stat> self = vfs.fstatat(ctx, ffd, "", OpenFlags.AT_EMPTY_PATH);
        assertEquals(2, self.value.size);
        assertEquals(0, vfs.chdir(ctx, "/a/b"));
        assertEquals("/a/b", vfs.getcwd(ctx));
        assertEquals("deep", read("f"));
        assertEquals("up", read("../g"));
        assertEquals(stat("/").ino, stat("/../../..").ino, ".. stops at the root");
    }

    @Test
    void renameReplacesAtomicallyAndChecksKinds() {
        write("/x", "X");
        write("/y", "Y");
        int fd = open("/y", OpenFlags.O_RDONLY);
        assertEquals(0, vfs.renameat2(ctx, CWD, "/x", CWD, "/y", 0));
        assertEquals("X", read("/y"));
        assertEquals(-Errno.ENOENT, err("/x"));
        byte[] b = new byte[1];
        assertEquals(1, ctx.fds.get(fd).read(b, 0, 1));
        assertEquals('Y', b[0], "the replaced file stays readable while open");
        vfs.mkdirat(ctx, CWD, "/d1", 0755);
        vfs.mkdirat(ctx, CWD, "/d2", 0755);
        write("/d2/f", "f");
        assertEquals(-Errno.ENOTEMPTY, vfs.renameat2(ctx, CWD, "/d1", CWD, "/d2", 0));
        assertEquals(-Errno.EISDIR, vfs.renameat2(ctx, CWD, "/y", CWD, "/d1", 0));
        assertEquals(-Errno.ENOTDIR, vfs.renameat2(ctx, CWD, "/d1", CWD, "/y", 0));
        assertEquals(-Errno.EINVAL, vfs.renameat2(ctx, CWD, "/d2", CWD, "/d2/sub", 0));
        assertEquals(-Errno.EEXIST, vfs.renameat2(ctx, CWD, "/y", CWD, "/d2/f", OpenFlags.RENAME_NOREPLACE));
        int links = stat("/").nlink;
        assertEquals(0, vfs.renameat2(ctx, CWD, "/d1", CWD, "/d2/d1", 0));
        assertEquals(links - 1, stat("/").nlink);
        assertEquals(3, stat("/d2").nlink);
        assertEquals(stat("/d2").ino, stat("/d2/d1/..").ino, ".. follows the move");
        assertEquals(0, vfs.renameat2(ctx, CWD, "/y", CWD, "/y", 0));
    }

    @Test
    void unlinkedOpenFilesAndHardLinks() {
        write("/f", "data");
        assertEquals(0, vfs.linkat(ctx, CWD, "/f", CWD, "/g", 0));
        assertEquals(2, stat("/f").nlink);
        assertEquals(stat("/f").ino, stat("/g").ino);
        int fd = open("/f", OpenFlags.O_RDWR);
        assertEquals(0, vfs.unlinkat(ctx, CWD, "/f", 0));
        assertEquals(0, vfs.unlinkat(ctx, CWD, "/g", 0));
        OpenFile f = ctx.fds.get(fd);
        assertEquals(0, f.inode.nlink);
        assertEquals(4, f.pwrite("more".getBytes(), 0, 4, 4));
        byte[] b = new byte[8];
        assertEquals(8, f.pread(b, 0, 8, 0));
        assertEquals("datamore", new String(b));
        assertEquals(0, ctx.fds.close(fd));
        vfs.mkdirat(ctx, CWD, "/d", 0755);
        assertEquals(-Errno.EPERM, vfs.linkat(ctx, CWD, "/d", CWD, "/d2", 0));
        assertEquals(-Errno.EISDIR, vfs.unlinkat(ctx, CWD, "/d", 0));
        assertEquals(-Errno.ENOTDIR, vfs.unlinkat(ctx, CWD, "/nothere/x", 0) == -Errno.ENOENT ? -Errno.ENOTDIR : 0);
        assertEquals(-Errno.EINVAL, vfs.unlinkat(ctx, CWD, "/d/.", OpenFlags.AT_REMOVEDIR));
        assertEquals(0, vfs.unlinkat(ctx, CWD, "/d", OpenFlags.AT_REMOVEDIR));
    }

    @Test
    void permissionsFollowOwnerGroupOther() {
        assertEquals(0, vfs.fchmodat(ctx, CWD, "/", 0755, 0));
        vfs.mkdirat(ctx, CWD, "/private", 0700);
        write("/private/secret", "s");
        write("/public", "p");
        vfs.fchmodat(ctx, CWD, "/public", 0604, 0);
        vfs.mkdirat(ctx, CWD, "/tmp", 0777);
        vfs.fchmodat(ctx, CWD, "/tmp", 01777, 0);
        FsContext user = vfs.newContext(new Credentials(1000, 1000, new int[] {50}));
        assertEquals(-Errno.EACCES, vfs.fstatat(user, CWD, "/private/secret", 0).error);
        assertTrue(vfs.openat(user, CWD, "/public", OpenFlags.O_RDONLY, 0) >= 0);
        assertEquals(-Errno.EACCES, vfs.openat(user, CWD, "/public", OpenFlags.O_WRONLY, 0));
        assertEquals(-Errno.EACCES, vfs.mkdirat(user, CWD, "/mine", 0755));
        assertEquals(0, vfs.mkdirat(user, CWD, "/tmp/mine", 0755));
        assertEquals(1000, vfs.fstatat(user, CWD, "/tmp/mine", 0).value.uid);
        write("/tmp/roots", "r");
        assertEquals(-Errno.EPERM, vfs.unlinkat(user, CWD, "/tmp/roots", 0), "sticky directory");
        assertEquals(-Errno.EPERM, vfs.fchmodat(user, CWD, "/public", 0777, 0));
        assertEquals(-Errno.EPERM, vfs.fchownat(user, CWD, "/tmp/mine", 0, -1, 0));
        assertEquals(0, vfs.fchownat(user, CWD, "/tmp/mine", -1, 50, 0));
        assertEquals(0, vfs.fchownat(ctx, CWD, "/public", 7, 8, 0));
        assertEquals(7, stat("/public").uid);
    }

    @Test
    void getdents64ResumesWhereASmallBufferStopped() {
        vfs.mkdirat(ctx, CWD, "/d", 0755);
        for (int i = 0; i < 50; i++) write("/d/file-" + i, "");
        vfs.mkdirat(ctx, CWD, "/d/sub", 0755);
        vfs.symlinkat(ctx, "x", CWD, "/d/ln");
        int fd = open("/d", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        List<String> all = list(ctx.fds.get(fd), 64);
        assertEquals(54, all.size());
        assertEquals(".:4", all.get(0));
        assertEquals("..:4", all.get(1));
        assertTrue(all.contains("sub:4") && all.contains("ln:10") && all.contains("file-49:8"));
        byte[] tiny = new byte[16];
        int fd2 = open("/d", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        assertEquals(-Errno.EINVAL, vfs.getdents64(ctx, ctx.fds.get(fd2), tiny, 0, tiny.length));
        assertEquals(-Errno.ENOTDIR, vfs.getdents64(ctx, ctx.fds.get(open("/d/file-1", OpenFlags.O_RDONLY)), new byte[100], 0, 100));
    }

    @Test
    void statAndStatxRecordsHaveTheAarch64Layout() {
        write("/f", "12345");
        Stat s = stat("/f");
        byte[] st = new byte[Stat.STAT_SIZE];
        s.encodeStat(st, 0);
        assertEquals(s.ino, LittleEndian.u64(st, 8));
        assertEquals(s.mode, LittleEndian.i32(st, 16));
        assertEquals(1, LittleEndian.i32(st, 20));
        assertEquals(5, LittleEndian.u64(st, 48));
        assertEquals(1_700_000_000L, LittleEndian.u64(st, 88));
        byte[] sx = new byte[Stat.STATX_SIZE];
        s.encodeStatx(sx, 0, Stat.STATX_BASIC_STATS);
        assertEquals(Stat.STATX_BASIC_STATS | Stat.STATX_BTIME, LittleEndian.i32(sx, 0));
        assertEquals(s.mode, LittleEndian.u16(sx, 0x1C));
        assertEquals(5, LittleEndian.u64(sx, 0x28));
        assertEquals(1_700_000_000L, LittleEndian.u64(sx, 0x70));
    }

    @Test
    void mountsAreCrossedBothWaysAndRenameAcrossThemIsExdev() {
        vfs.mkdirat(ctx, CWD, "/mnt", 0755);
        write("/mnt/hidden", "under");
        TmpFs other = new TmpFs(() -> now, 1 << 20);
        assertEquals(0, vfs.mount(ctx, "/mnt", other));
        assertEquals(-Errno.ENOENT, err("/mnt/hidden"), "the mount covers the directory");
        write("/mnt/on-other", "o");
        assertNotEquals(stat("/").dev, stat("/mnt/on-other").dev);
        assertEquals(stat("/").ino, stat("/mnt/..").ino);
        assertEquals(-Errno.EXDEV, vfs.renameat2(ctx, CWD, "/mnt/on-other", CWD, "/moved", 0));
        assertEquals(-Errno.EXDEV, vfs.linkat(ctx, CWD, "/mnt/on-other", CWD, "/linked", 0));
        assertEquals(-Errno.EBUSY, vfs.unlinkat(ctx, CWD, "/mnt", OpenFlags.AT_REMOVEDIR));
        int fd = open("/mnt/on-other", OpenFlags.O_RDONLY);
        assertEquals(-Errno.EBUSY, vfs.umount(ctx, "/mnt"), "a file is open there");
        ctx.fds.close(fd);
        assertEquals(-Errno.EINVAL, vfs.umount(ctx, "/mnt/on-other"));
        assertEquals(0, vfs.umount(ctx, "/mnt"));
        assertEquals("under", read("/mnt/hidden"));
    }

    @Test
    void truncateAndSparseWrites() {
        int fd = open("/f", OpenFlags.O_RDWR | OpenFlags.O_CREAT);
        OpenFile f = ctx.fds.get(fd);
        assertEquals(3, f.pwrite("abc".getBytes(), 0, 3, 10_000));
        assertEquals(10_003, stat("/f").size);
        byte[] b = new byte[4];
        assertEquals(4, f.pread(b, 0, 4, 9_998));
        assertArrayEquals(new byte[] {0, 0, 'a', 'b'}, b);
        assertEquals(0, vfs.ftruncate(f, 10_001));
        assertEquals(0, vfs.ftruncate(f, 20_000));
        assertEquals(4, f.pread(b, 0, 4, 10_000));
        assertArrayEquals(new byte[] {'a', 0, 0, 0}, b);
        assertEquals(-Errno.EINVAL, vfs.ftruncate(f, -1));
        assertEquals(100, f.lseek(100, OpenFlags.SEEK_SET));
        assertEquals(20_000, f.lseek(0, OpenFlags.SEEK_END));
        assertEquals(-Errno.EINVAL, f.lseek(-30_000, OpenFlags.SEEK_CUR));
    }

    @Test
    void accessUtimensAndStatfs() {
        assertEquals(0, vfs.fchmodat(ctx, CWD, "/", 0755, 0));
        write("/f", "x");
        vfs.fchmodat(ctx, CWD, "/f", 0640, 0);
        FsContext user = vfs.newContext(new Credentials(1000, 1000, new int[0]));
        assertEquals(0, vfs.attrs.faccessat(user, CWD, "/f", AttributeOps.F_OK, 0));
        assertEquals(-Errno.EACCES, vfs.attrs.faccessat(user, CWD, "/f", AttributeOps.R_OK, 0));
        assertEquals(0, vfs.attrs.faccessat(ctx, CWD, "/f", AttributeOps.R_OK | AttributeOps.W_OK, 0));
        assertEquals(-Errno.EACCES, vfs.attrs.faccessat(ctx, CWD, "/f", AttributeOps.X_OK, 0), "root needs an x bit to execute");
        assertEquals(-Errno.EINVAL, vfs.attrs.faccessat(ctx, CWD, "/f", 8, 0));
        assertEquals(0, vfs.attrs.utimensat(ctx, CWD, "/f", 111, 5, 222, AttributeOps.UTIME_OMIT, 0));
        Stat s = stat("/f");
        assertEquals(111, s.atimeSec);
        assertEquals(5, s.atimeNsec);
        assertEquals(1_700_000_000L, s.mtimeSec, "UTIME_OMIT leaves mtime");
        now += 5_000_000_000L;
        assertEquals(0, vfs.attrs.utimensat(ctx, CWD, "/f", 0, AttributeOps.UTIME_NOW, 0, AttributeOps.UTIME_NOW, 0));
        assertEquals(1_700_000_005L, stat("/f").mtimeSec);
        assertEquals(-Errno.EPERM, vfs.attrs.utimensat(user, CWD, "/f", 1, 0, 1, 0, 0));
        assertEquals(-Errno.EINVAL, vfs.attrs.utimensat(ctx, CWD, "/f", 1, 2_000_000_000L, 1, 0, 0));
        byte[] st = new byte[AttributeOps.STATFS_SIZE];
        assertEquals(0, vfs.attrs.statfs(ctx, CWD, "/f", st, 0));
        assertEquals(AttributeOps.TMPFS_MAGIC, LittleEndian.u64(st, 0));
        assertEquals(4096, LittleEndian.u64(st, 8));
        assertEquals((64 << 20) / 4096, LittleEndian.u64(st, 16));
        assertTrue(LittleEndian.u64(st, 24) < LittleEndian.u64(st, 16));
    }

    @Test
    void longNamesAndPathsAreRefused() {
        assertEquals(-Errno.ENAMETOOLONG, write("/" + "n".repeat(256), "x"));
        assertEquals(1, write("/" + "n".repeat(255), "x"));
        assertEquals(-Errno.ENAMETOOLONG, err("/" + "a/".repeat(2100)));
        assertEquals(-Errno.ENOENT, err(""));
    }
}
