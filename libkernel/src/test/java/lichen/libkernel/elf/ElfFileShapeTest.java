package lichen.libkernel.elf;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ElfFileShapeTest {
    @Test
    void aSharedObjectMayHaveNoEntryPoint() {
        ElfBuilder b = new ElfBuilder().segment(ElfFile.PT_LOAD, 5, 0, 0, 0x1000, 0x1000, 0x1000);
        b.type = ElfFile.ET_DYN;
        b.entry = 0;
        ElfFile e = ElfFileTest.ok(b.build());
        assertTrue(e.isPositionIndependent());
        assertEquals(0, e.loadStart());
    }

    @Test
    void loadSpanCoversAllLoadsRoundedToPages() {
        ElfFile e = ElfFileTest.ok(ElfBuilder.tiny().segment(ElfFile.PT_LOAD, 4, 0x1800, 0x421800, 0x10, 0x10, 0x1000).build());
        assertEquals(0x400000, e.loadStart());
        assertEquals(0x422000, e.loadEnd());
        assertEquals(0x1000, e.maxAlign());
    }

    @Test
    void tooManyProgramHeadersAreRejectedBeforeReadingThem() {
        byte[] b = ElfBuilder.tiny().build();
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 1200);
        assertTrue(ElfFileTest.rejected(b).contains("e_phnum"));
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 2).putShort(54, (short) 32);
        assertTrue(ElfFileTest.rejected(b).contains("e_phentsize"));
    }
}
