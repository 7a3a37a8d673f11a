package lichen.fs.devfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import lichen.fs.Errno;
import lichen.fs.tmpfs.TmpFs;
import lichen.fs.vfs.CharDevice;
import lichen.fs.vfs.Clock;
import lichen.fs.vfs.Credentials;
import lichen.fs.vfs.FileMode;
import lichen.fs.vfs.FsContext;
import lichen.fs.vfs.OpenFile;
import lichen.fs.vfs.OpenFlags;
import lichen.fs.vfs.Stat;
import lichen.fs.vfs.Vfs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /dev nodes behave as null(4), zero(4), full(4), random(4) say, and the console reaches the terminal. */
class DevFsTest {
    Vfs vfs;
    FsContext ctx;
    ByteArrayOutputStream screen = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        vfs = new Vfs(256);
        vfs.mountRoot(new TmpFs(Clock.EPOCH, 1 << 20));
        ctx = vfs.newContext(new Credentials(1000, 1000, new int[0]));
        FsContext root = vfs.newContext(Credentials.ROOT);
        vfs.mkdirat(root, OpenFlags.AT_FDCWD, "/dev", 0755);
        CharDevice t = new CharDevice() {
            public int write(long pos, byte[] b, int off, int len) { screen.write(b, off, len); return len; }
            public int read(long pos, byte[] b, int off, int len) { b[off] = 'k'; return 1; }
        };
        assertEquals(0, vfs.mount(root, "/dev", DevFs.create(Clock.EPOCH, vfs.devices, t, t, new NullDevice(), 1234).value));
    }

    OpenFile open(String path, int flags) {
        var r = vfs.open(ctx, OpenFlags.AT_FDCWD, path, flags, 0);
        assertTrue(r.ok(), path + ": " + Errno.name(r.error));
        return r.value;
    }

    @Test
    void nullZeroAndFull() {
        byte[] b = {9, 9, 9};
        assertEquals(0, open("/dev/null", OpenFlags.O_RDWR).read(b, 0, 3));
        assertEquals(3, open("/dev/null", OpenFlags.O_RDWR).write(b, 0, 3));
        assertEquals(3, open("/dev/zero", OpenFlags.O_RDWR).read(b, 0, 3));
        assertArrayEquals(new byte[3], b);
        assertEquals(-Errno.ENOSPC, open("/dev/full", OpenFlags.O_WRONLY).write(b, 0, 3));
        Stat s = vfs.fstatat(ctx, OpenFlags.AT_FDCWD, "/dev/null", 0).value;
        assertEquals(FileMode.S_IFCHR | 0666, s.mode);
        assertEquals(FileMode.makedev(1, 3), s.rdev);
    }

    @Test
    void randomBytesDifferBetweenReadsAndLookUniform() {
        OpenFile f = open("/dev/urandom", OpenFlags.O_RDONLY);
        byte[] a = new byte[65536], b = new byte[65536];
        f.read(a, 0, a.length);
        f.read(b, 0, b.length);
        assertFalse(java.util.Arrays.equals(a, b));
        int[] counts = new int[256];
        for (byte x : a) counts[x & 0xFF]++;
        for (int c : counts) assertTrue(c > 150 && c < 370, "byte frequency " + c);
    }

    @Test
    void theConsoleWritesToTheTerminalAndDevicesAreFoundByNumberOnAnyFilesystem() {
        OpenFile c = open("/dev/tty", OpenFlags.O_RDWR);
        assertEquals(2, c.write("hi".getBytes(), 0, 2));
        byte[] in = new byte[4];
        assertEquals(1, c.read(in, 0, 4));
        assertEquals('k', in[0]);
        assertEquals("hi", screen.toString());
        FsContext root = vfs.newContext(Credentials.ROOT);
        root.umask = 0;
        assertEquals(0, vfs.mknodat(root, OpenFlags.AT_FDCWD, "/mynull", FileMode.S_IFCHR | 0666, DevFs.NULL));
        assertEquals(5, open("/mynull", OpenFlags.O_WRONLY).write(new byte[5], 0, 5));
        assertEquals(0, vfs.mknodat(root, OpenFlags.AT_FDCWD, "/nodriver", FileMode.S_IFCHR | 0666, FileMode.makedev(99, 1)));
        assertEquals(-Errno.ENXIO, vfs.open(ctx, OpenFlags.AT_FDCWD, "/nodriver", OpenFlags.O_RDONLY, 0).error);
        assertEquals("/proc/self/fd", vfs.readlinkat(ctx, OpenFlags.AT_FDCWD, "/dev/fd").value);
    }
}
