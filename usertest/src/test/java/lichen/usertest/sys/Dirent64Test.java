package lichen.usertest.sys;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class Dirent64Test {
    /** Appends one linux_dirent64 as the kernel writes it: 19 header bytes, the name, a NUL, padding to 8. */
    private static void put(ByteBuffer b, long ino, long off, int type, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int reclen = (19 + n.length + 1 + 7) & ~7;
        int start = b.position();
        b.putLong(ino).putLong(off).putShort((short) reclen).put((byte) type).put(n).put((byte) 0);
        b.position(start + reclen);
    }

    @Test
    void walksRecordsByReclen() {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        put(b, 2, 10, Dirent64.DT_DIR, ".");
        put(b, 1, 20, Dirent64.DT_DIR, "..");
        put(b, 77, 30, Dirent64.DT_REG, "a-longer-file-name");
        int limit = b.position();
        byte[] buf = b.array();

        Dirent64 first = Dirent64.at(buf, 0, limit);
        assertEquals(new Dirent64(2, 10, 24, Dirent64.DT_DIR, "."), first);
        Dirent64 second = Dirent64.at(buf, first.reclen(), limit);
        assertEquals("..", second.name());
        Dirent64 third = Dirent64.at(buf, first.reclen() + second.reclen(), limit);
        assertEquals(77, third.ino());
        assertEquals(30, third.off());
        assertEquals(Dirent64.DT_REG, third.type());
        assertEquals("a-longer-file-name", third.name());
        assertEquals(limit, first.reclen() + second.reclen() + third.reclen());
    }

    @Test
    void rejectsRecordsThatDoNotFit() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        put(b, 5, 1, Dirent64.DT_REG, "name");
        byte[] buf = b.array();
        assertNull(Dirent64.at(buf, 0, 20), "record longer than the bytes returned");
        LittleEndian.put32(buf, 16, 8);            // d_reclen 8: shorter than the header
        assertNull(Dirent64.at(buf, 0, 64));
        LittleEndian.put32(buf, 16, 0);            // d_reclen 0 would loop forever
        assertNull(Dirent64.at(buf, 0, 64));
        assertNull(Dirent64.at(buf, 60, 64), "header past the limit");
        assertNull(Dirent64.at(buf, 0, 65), "limit past the array");
    }
}
