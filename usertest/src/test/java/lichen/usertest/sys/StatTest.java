package lichen.usertest.sys;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

class StatTest {
    /** A struct stat laid out field by field as include/uapi/asm-generic/stat.h declares it. */
    private static byte[] genericStat() {
        ByteBuffer b = ByteBuffer.allocate(Stat.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0x0102030405060708L);   // st_dev
        b.putLong(0x1112131415161718L);   // st_ino
        b.putInt(0100644);                // st_mode
        b.putInt(3);                      // st_nlink
        b.putInt(1000);                   // st_uid
        b.putInt(0xfffffffe);             // st_gid
        b.putLong(0x0808L);               // st_rdev
        b.putLong(-1L);                   // __pad1
        b.putLong(123456789012L);         // st_size
        b.putInt(4096);                   // st_blksize
        b.putInt(-1);                     // __pad2
        b.putLong(241L);                  // st_blocks
        b.putLong(1700000001L).putLong(11L);   // st_atime, nsec
        b.putLong(1700000002L).putLong(22L);   // st_mtime, nsec
        b.putLong(1700000003L).putLong(33L);   // st_ctime, nsec
        b.putInt(-1).putInt(-1);          // __unused4, __unused5
        assertEquals(Stat.SIZE, b.position(), "the generic struct stat is 128 bytes");
        return b.array();
    }

    @Test
    void decodesEveryFieldAtTheGenericOffsets() {
        Stat st = Stat.decode(genericStat());
        assertEquals(0x0102030405060708L, st.dev());
        assertEquals(0x1112131415161718L, st.ino());
        assertEquals(0100644, st.mode());
        assertEquals(3, st.nlink());
        assertEquals(1000, st.uid());
        assertEquals(0xfffffffe, st.gid());
        assertEquals(0x0808L, st.rdev());
        assertEquals(123456789012L, st.size());
        assertEquals(4096, st.blksize());
        assertEquals(241L, st.blocks());
        assertEquals(1700000001L, st.atimeSec());
        assertEquals(11L, st.atimeNsec());
        assertEquals(1700000002L, st.mtimeSec());
        assertEquals(22L, st.mtimeNsec());
        assertEquals(1700000003L, st.ctimeSec());
        assertEquals(33L, st.ctimeNsec());
    }

    @Test
    void fileTypeComesFromTheModeHighBits() {
        Stat st = Stat.decode(genericStat());
        assertTrue(st.isRegular());
        assertFalse(st.isDirectory());
        assertFalse(st.isSymlink());
        byte[] b = genericStat();
        LittleEndian.put32(b, 16, 0120777);
        assertTrue(Stat.decode(b).isSymlink());
        LittleEndian.put32(b, 16, 040755);
        assertTrue(Stat.decode(b).isDirectory());
    }
}
