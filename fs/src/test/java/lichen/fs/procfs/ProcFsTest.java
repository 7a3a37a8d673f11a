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
        assertTrue(read(vfs, ctx, "/proc/mounts").contains("proc /proc proc ro 0 0"));
        assertTrue(read(vfs, ctx, "/proc/filesystems").contains("ext4"));
        assertEquals(-Errno.EROFS, vfs.open(ctx, OpenFlags.AT_FDCWD, "/proc/uptime", OpenFlags.O_WRONLY, 0).error);
        proc.removeProcess(42);
        assertEquals(-Errno.ENOENT, vfs.fstatat(ctx, OpenFlags.AT_FDCWD, "/proc/42", 0).error);
        assertEquals(-Errno.ENOENT, vfs.fstatat(ctx, OpenFlags.AT_FDCWD, "/proc/self/status", 0).error);
    }
}
