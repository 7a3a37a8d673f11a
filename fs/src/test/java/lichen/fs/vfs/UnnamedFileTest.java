package lichen.fs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lichen.fs.tmpfs.TmpFs;
import org.junit.jupiter.api.Test;

/** Open files with no name (how the kernel makes a pipe's ends): the driver sees the open file's flags and its last close only. */
class UnnamedFileTest {
    static final class CountingDevice implements CharDevice {
        int closes, lastFlags;

        @Override
        public int read(long pos, byte[] buf, int off, int len) { return -1; }

        @Override
        public int write(long pos, byte[] buf, int off, int len) { return -1; }

        @Override
        public int read(long pos, byte[] buf, int off, int len, int flags) {
            lastFlags = flags;
            return 0;
        }

        @Override
        public int write(long pos, byte[] buf, int off, int len, int flags) {
            lastFlags = flags;
            return len;
        }

        @Override
        public void closed(int flags) { closes++; }
    }

    @Test
    void theDriverSeesFlagsAndOnlyTheLastClose() {
        Vfs vfs = new Vfs(64);
        vfs.mountRoot(new TmpFs(Clock.EPOCH, 1 << 20));
        TmpFs pipefs = new TmpFs(Clock.EPOCH, 0, "pipefs");
        Mount m = vfs.internalMount(pipefs);
        assertEquals(0, vfs.mounts.count() - 1, "an internal mount is not in the mount table");
        CountingDevice dev = new CountingDevice();
        OpenFile f = vfs.openUnnamed(m, pipefs.root(), "pipe:[1]", OpenFlags.O_RDWR | OpenFlags.O_NONBLOCK, dev);
        FsContext ctx = vfs.newContext(Credentials.ROOT);
        int a = ctx.fds.install(f, false);
        int b = ctx.fds.dup(a);
        assertEquals(3, f.write(new byte[3], 0, 3));
        assertEquals(OpenFlags.O_RDWR | OpenFlags.O_NONBLOCK, dev.lastFlags);
        assertEquals(0, f.read(new byte[3], 0, 3));
        assertEquals(0, ctx.fds.close(a));
        assertEquals(0, dev.closes, "another descriptor still refers to it");
        assertEquals(0, ctx.fds.close(b));
        assertEquals(1, dev.closes);
        assertEquals("pipe:[1]", f.path.dentry.name);
    }
}
