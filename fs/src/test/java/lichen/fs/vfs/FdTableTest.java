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
    private final Vfs vfs = new Vfs(64);

    /** A context on a fresh tmpfs root whose table has {@code max} descriptors. */
    private FsContext context(int max) {
        vfs.mountRoot(new TmpFs(Clock.EPOCH, 1 << 20));
        return new FsContext(vfs.rootPath(), Credentials.ROOT, new FdTable(max));
    }
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
        assertEquals(5, child.fds.dupTo(a, 5, false));
        child.fds.closeAll();
        assertEquals(1, inode.openCount);
        assertEquals(-Errno.EBADF, ctx.fds.dup(a));
        assertEquals(-Errno.EBADF, ctx.fds.dupTo(a, 1, false));
        assertEquals(-Errno.EBADF, ctx.fds.dupTo(b, -1, false));
    }

    @Test
    void dupFromTakesTheLowestFreeAtOrAboveTheMinimum() {
        FsContext ctx = context(40);
        int a = vfs.openat(ctx, OpenFlags.AT_FDCWD, "/f", OpenFlags.O_RDWR | OpenFlags.O_CREAT, 0644);
        assertEquals(30, ctx.fds.dupFrom(a, 30, true), "past the table's current length: it grows");
        assertTrue(ctx.fds.closeOnExec(30));
        assertEquals(31, ctx.fds.dupFrom(a, 30, false));
        assertEquals(1, ctx.fds.dupFrom(a, 0, false), "0 is taken, 1 is the lowest free");
        assertEquals(-Errno.EINVAL, ctx.fds.dupFrom(a, 40, false), "at the limit");
        assertEquals(-Errno.EINVAL, ctx.fds.dupFrom(a, -1, false));
        for (int i = 32; i < 40; i++) assertEquals(i, ctx.fds.dupFrom(a, 32, false));
        assertEquals(-Errno.EMFILE, ctx.fds.dupFrom(a, 32, false), "every descriptor from 32 is taken");
    }

    /**
     * The one rule: a table holds one reference for each descriptor that
     * names a description. Every way of naming it again (dup, dupFrom,
     * dupTo, a fork's copy) adds one, every close and every descriptor
     * dupTo replaces gives one back, and a call that fails changes nothing.
     */
    @Test
    void everyDescriptorHoldsOneReference() {
        FsContext ctx = context(8);
        int a = vfs.openat(ctx, OpenFlags.AT_FDCWD, "/f", OpenFlags.O_RDWR | OpenFlags.O_CREAT, 0644);
        int other = vfs.openat(ctx, OpenFlags.AT_FDCWD, "/g", OpenFlags.O_RDWR | OpenFlags.O_CREAT, 0644);
        OpenFile f = ctx.fds.get(a);
        OpenFile g = ctx.fds.get(other);
        assertEquals(1, f.references(), "open: the table's one");
        int d = ctx.fds.dup(a);
        int e = ctx.fds.dupFrom(a, 5, false);
        assertEquals(5, e);
        assertEquals(3, f.references(), "dup and F_DUPFD add one each");
        assertEquals(6, ctx.fds.dupTo(a, 6, true));
        assertEquals(4, f.references(), "dup2 onto a free descriptor adds one");
        assertEquals(6, ctx.fds.dupTo(d, 6, false));
        assertEquals(4, f.references(), "dup2 onto a descriptor of the same description adds none");
        assertTrue(!ctx.fds.closeOnExec(6), "but sets its close-on-exec flag");
        assertEquals(other, ctx.fds.dupTo(a, other, false));
        assertEquals(5, f.references(), "dup2 over another description adds one");
        assertEquals(0, g.references(), "and closes the description it replaced");
        assertEquals(-Errno.EBADF, ctx.fds.dupTo(a, 8, false), "past the limit");
        assertEquals(5, f.references(), "a failed dup2 adds none");
        assertEquals(3, ctx.fds.dup(a));
        assertEquals(4, ctx.fds.dup(a));
        assertEquals(7, ctx.fds.dup(a));
        assertEquals(-Errno.EMFILE, ctx.fds.dupFrom(a, 7, false), "every descriptor from 7 taken");
        assertEquals(-Errno.EMFILE, ctx.fds.dup(a));
        assertEquals(8, f.references(), "failed dups add none");
        FsContext child = ctx.fork();
        assertEquals(16, f.references(), "a fork's table holds its own");
        child.fds.closeAll();
        assertEquals(8, f.references());
        ctx.fds.closeAll();
        assertEquals(0, f.references());
        assertEquals(0, f.inode.openCount, "the last close released the inode");
    }
}
