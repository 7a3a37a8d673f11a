package lichen.fs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lichen.fs.Errno;
import lichen.fs.tmpfs.TmpFs;
import org.junit.jupiter.api.Test;

/** Descriptors: lowest free first, dup and dup2 share the description, fork copies, exec closes close-on-exec. */
class FdTableTest {
    @Test
    void descriptorsShareDescriptionsAcrossDupAndFork() {
        Vfs vfs = new Vfs(64);
        vfs.mountRoot(new TmpFs(Clock.EPOCH, 1 << 20));
        FsContext ctx = vfs.newContext(Credentials.ROOT);
        int a = vfs.openat(ctx, OpenFlags.AT_FDCWD, "/f", OpenFlags.O_RDWR | OpenFlags.O_CREAT, 0644);
        int b = vfs.openat(ctx, OpenFlags.AT_FDCWD, "/f", OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
        assertEquals(0, a);
        assertEquals(1, b);
        int c = ctx.fds.dup(a);
        assertEquals(2, c);
        assertSame(ctx.fds.get(a), ctx.fds.get(c));
        ctx.fds.get(a).write("abc".getBytes(), 0, 3);
        assertEquals(3, ctx.fds.get(c).offset, "dup shares the offset");
        FsContext child = ctx.fork();
        assertSame(ctx.fds.get(a), child.fds.get(a));
        Inode inode = ctx.fds.get(a).inode;
        assertEquals(2, inode.openCount);
        assertEquals(0, ctx.fds.close(a));
        assertEquals(0, ctx.fds.close(c));
        assertEquals(2, inode.openCount, "the child still holds both descriptions");
        child.fds.closeForExec();
        assertNull(child.fds.get(b));
        assertTrue(child.fds.get(a) != null);
        assertEquals(5, child.fds.installAt(5, child.fds.get(a), false));
        child.fds.get(a).retain();
        child.fds.closeAll();
        assertEquals(1, inode.openCount);
        assertEquals(-Errno.EBADF, ctx.fds.dup(a));
        assertEquals(-Errno.EBADF, ctx.fds.installAt(-1, null, false));
    }

    @Test
    void installFromTakesTheLowestFreeAtOrAboveTheMinimum() {
        Vfs vfs = new Vfs(64);
        vfs.mountRoot(new TmpFs(Clock.EPOCH, 1 << 20));
        FsContext ctx = new FsContext(vfs.rootPath(), Credentials.ROOT, new FdTable(40));
        int a = vfs.openat(ctx, OpenFlags.AT_FDCWD, "/f", OpenFlags.O_RDWR | OpenFlags.O_CREAT, 0644);
        OpenFile f = ctx.fds.get(a);
        assertEquals(30, ctx.fds.installFrom(30, f, true), "past the table's current length: it grows");
        assertTrue(ctx.fds.closeOnExec(30));
        assertEquals(31, ctx.fds.installFrom(30, f, false));
        assertEquals(1, ctx.fds.installFrom(0, f, false), "0 is taken, 1 is the lowest free");
        assertEquals(-Errno.EINVAL, ctx.fds.installFrom(40, f, false), "at the limit");
        assertEquals(-Errno.EINVAL, ctx.fds.installFrom(-1, f, false));
        for (int i = 32; i < 40; i++) assertEquals(i, ctx.fds.installFrom(32, f, false));
        assertEquals(-Errno.EMFILE, ctx.fds.installFrom(32, f, false), "every descriptor from 32 is taken");
    }
}
