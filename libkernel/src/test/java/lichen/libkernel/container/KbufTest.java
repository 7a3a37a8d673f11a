package lichen.libkernel.container;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import lichen.libkernel.Errno;
import lichen.libkernel.mm.PhysicalMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KbufTest {
    PhysicalMemory ram;

    @BeforeEach
    void setUp() { ram = PhysicalMemory.install(4); }

    @Test
    void bytesComeOutInOrderAcrossPageBoundariesAndWraparound() {
        Kbuf k = Kbuf.create(ram.buddy, 2);
        Random r = new Random(1);
        ByteArrayOutputStream in = new ByteArrayOutputStream(), out = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[r.nextInt(3000)];
            r.nextBytes(b);
            int n = k.write(b, 0, b.length);
            in.write(b, 0, n);
            byte[] o = new byte[r.nextInt(3000)];
            int m = k.read(o, 0, o.length);
            out.write(o, 0, m);
            assertEquals(in.size() - out.size(), k.available());
        }
        byte[] rest = new byte[(int) k.available()];
        k.read(rest, 0, rest.length);
        out.write(rest, 0, rest.length);
        assertArrayEquals(in.toByteArray(), out.toByteArray());
    }

    @Test
    void aFullBufferAcceptsNothingAndAnEmptyOneYieldsNothing() {
        Kbuf k = Kbuf.create(ram.buddy, 1);
        byte[] big = new byte[5000];
        assertEquals(4096, k.write(big, 0, big.length));
        assertTrue(k.isFull());
        assertEquals(0, k.write(big, 0, 1));
        assertEquals(4096, k.read(big, 0, big.length));
        assertEquals(0, k.read(big, 0, 10));
    }

    @Test
    void smallWritesAreAllOrNothingLikePipeBuf() {
        Kbuf k = Kbuf.create(ram.buddy, 1);
        byte[] b = new byte[4096];
        assertEquals(4000, k.write(b, 0, 4000));
        assertEquals(-Errno.EAGAIN, k.writeAtomic(b, 0, 100));
        assertEquals(4000, k.available());
        assertEquals(96, k.writeAtomic(b, 0, 96));
    }

    @Test
    void peekDoesNotConsumeAndUnwriteRemovesTheLastByte() {
        Kbuf k = Kbuf.create(ram.buddy, 1);
        k.write("hello".getBytes(), 0, 5);
        byte[] p = new byte[3];
        assertEquals(3, k.peek(p, 0, 3, 1));
        assertEquals("ell", new String(p));
        assertEquals('o', k.unwriteLast());
        assertEquals(4, k.available());
        byte[] all = new byte[10];
        assertEquals(4, k.read(all, 0, 10));
        assertEquals("hell", new String(all, 0, 4));
        assertEquals(-1, k.unwriteLast());
    }

    @Test
    void transferMovesBytesBetweenBuffersLikeSplice() {
        Kbuf a = Kbuf.create(ram.buddy, 2);
        Kbuf b = Kbuf.create(ram.buddy, 1);
        byte[] data = new byte[7000];
        new Random(2).nextBytes(data);
        a.write(data, 0, 7000);
        assertEquals(4096, a.transferTo(b, 10000));
        byte[] got = new byte[4096];
        b.read(got, 0, 4096);
        assertArrayEquals(java.util.Arrays.copyOf(data, 4096), got);
        assertEquals(7000 - 4096, a.available());
    }

    @Test
    void creationFailsCleanlyWithoutMemoryAndReleaseReturnsEveryPage() {
        long before = ram.buddy.freePageCount();
        Kbuf k = Kbuf.create(ram.buddy, 4);
        assertEquals(before - 4, ram.buddy.freePageCount());
        k.release();
        assertEquals(before, ram.buddy.freePageCount());
        assertThrows(IllegalStateException.class, k::release);
        assertNull(Kbuf.create(ram.buddy, 3), "not a power of two");
        while (ram.buddy.allocPages(0) >= 0) { }
        assertNull(Kbuf.create(ram.buddy, 1));
    }

    @Test
    void badArraySlicesAreEfaultNotACrash() {
        Kbuf k = Kbuf.create(ram.buddy, 1);
        byte[] b = new byte[4];
        assertEquals(-Errno.EFAULT, k.write(b, 2, 3));
        assertEquals(-Errno.EFAULT, k.read(b, -1, 1));
    }
}
