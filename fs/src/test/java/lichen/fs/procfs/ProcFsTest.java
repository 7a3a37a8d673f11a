package lichen.fs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lichen.fs.Errno;
import lichen.fs.tmpfs.TmpFs;
import lichen.fs.vfs.Clock;
import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Vfs;
import org.junit.jupiter.api.Test;

/** /proc's tree: fixed files, mounts, per-process directories added and removed by the kernel. */
class ProcFsTest {
    static String read(Vfs vfs, FsContext ctx, String path) {
        var r = vfs.open(ctx, OpenFlags.AT_FDCWD, path, OpenFlags.O_RDONLY, 0);
        assertTrue(r.ok(), path + ": " + Errno.name(r.error));
        OpenFile f = r.value;
        StringBuilder sb = new StringBuilder();
        byte[] b = new byte[7];
        int n;
        while ((n = f.read(b, 0, b.length)) > 0) sb.append(new String(b, 0, n));
        return sb.toString();
    }

    @Test
    void processesAppearAndVanishAndFilesRenderWhenRead() {
        Vfs vfs = new Vfs(256);
        vfs.mountRoot(new TmpFs(Clock.EPOCH, 1 << 20));
        FsContext ctx = vfs.newContext(Credentials.ROOT);
        vfs.mkdirat(ctx, OpenFlags.AT_FDCWD, "/proc", 0555);
        ProcFs proc = new ProcFs(Clock.EPOCH);
        assertEquals(0, vfs.mount(ctx, "/proc", proc));
        proc.showMounts(vfs.mounts);
        int[] ticks = {0};
        proc.setFile("uptime", out -> out.append(++ticks[0]).append(".00 0.00\n"));
        proc.addProcess(42, out -> out.append("Name:\tinit\nPid:\t42\n"), out -> out.append("42 (init) S"), out -> out.append("init\0"));
        proc.setSelf(out -> out.append(42));
        assertEquals("1.00 0.00\n", read(vfs, ctx, "/proc/uptime"));
        assertEquals("2.00 0.00\n", read(vfs, ctx, "/proc/uptime"), "rendered again when read from the start");
        assertEquals("Name:\tinit\nPid:\t42\n", read(vfs, ctx, "/proc/self/status"));
        assertTrue(read(vfs, ctx, "/proc/mounts").contains("proc /proc proc rw,relatime 0 0"), "proc is shown read-write with relatime, as Linux mounts it");
        assertTrue(read(vfs, ctx, "/proc/filesystems").contains("ext4"));
        assertEquals(-Errno.EROFS, vfs.open(ctx, OpenFlags.AT_FDCWD, "/proc/uptime", OpenFlags.O_WRONLY, 0).error);
        proc.removeProcess(42);
        assertEquals(-Errno.ENOENT, vfs.fstatat(ctx, OpenFlags.AT_FDCWD, "/proc/42", 0).error);
        assertEquals(-Errno.ENOENT, vfs.fstatat(ctx, OpenFlags.AT_FDCWD, "/proc/self/status", 0).error);
    }

    @Test
    void aRefreshedDirectoryListsItsNumberedEntriesInOrderAsTheyChange() {
        Vfs vfs = new Vfs(256);
        vfs.mountRoot(new TmpFs(Clock.EPOCH, 1 << 20));
        FsContext ctx = vfs.newContext(Credentials.ROOT);
        vfs.mkdirat(ctx, OpenFlags.AT_FDCWD, "/proc", 0555);
        ProcFs proc = new ProcFs(Clock.EPOCH);
        assertEquals(0, vfs.mount(ctx, "/proc", proc));
        java.util.TreeSet<Integer> open = new java.util.TreeSet<>(java.util.List.of(2, 0, 10));
        ProcNode fds = proc.rootNode().dir("fd");
        fds.setRefresh(dir -> {
            for (int i = dir.childCount() - 1; i >= 0; i--) if (!open.contains(ProcNode.number(dir.childName(i)))) dir.removeChild(i);
            for (int fd : open) if (dir.findNumbered(fd) < 0) dir.numberedSymlink(fd, 0700, out -> out.append("/file").append(fd));
        });
        assertEquals("0 2 10", names(fds));
        open.add(1);
        open.remove(2);
        assertEquals("0 1 10", names(fds), "a new entry goes in its place, a closed one goes");
        var link = vfs.readlinkat(ctx, OpenFlags.AT_FDCWD, "/proc/fd/10");
        assertEquals("/file10", link.value);
        open.remove(10);
        assertEquals(-Errno.ENOENT, vfs.fstatat(ctx, OpenFlags.AT_FDCWD, "/proc/fd/10", OpenFlags.AT_SYMLINK_NOFOLLOW).error,
                "a lookup refreshes first");
        assertEquals(-1, ProcNode.number("1a"));
        assertEquals(1234, ProcNode.number("1234"));
    }

    private static String names(ProcNode dir) {
        StringBuilder sb = new StringBuilder();
        dir.readdir(0, (ino, type, name, next) -> {
            sb.append(sb.length() > 0 ? " " : "").append(name);
            return true;
        });
        return sb.toString();
    }
}
