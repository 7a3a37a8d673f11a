package lichen.libkernel.elf;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ElfFileTest {
    static ElfFile ok(byte[] b) {
        ElfResult r = ElfFile.parse(b);
        assertTrue(r.isOk(), r.error());
        return r.elf();
    }

    static String rejected(byte[] b) {
        ElfResult r = ElfFile.parse(b);
        assertFalse(r.isOk(), "accepted");
        return r.error();
    }

    @Test
    void aHandBuiltStaticExecutableParsesWithItsSegments() {
        ElfFile e = ok(ElfBuilder.tiny().build());
        assertEquals(ElfFile.ET_EXEC, e.type());
        assertEquals(2, e.programHeaderCount());
        assertNull(e.interpreter());
        assertEquals(0x400000, e.loadStart());
        assertEquals(0x414000, e.loadEnd());
        assertEquals(0x400040, e.phdrVaddr(), "headers lie in the first PT_LOAD at file offset 64");
    }

    @Test
    void wrongMachineOrTypeAreEachNamedButTheIdentBytesAreNotCheckedAsLinuxDoesNot() {
        byte[] b = ElfBuilder.tiny().build();
        b[4] = 1;
        b[5] = 2;
        b[6] = 9;
        assertTrue(ElfFile.parse(b).isOk(), "class, data and version bytes are ignored, as binfmt_elf ignores them");
        ElfBuilder x86 = ElfBuilder.tiny();
        x86.machine = 62;
        assertTrue(rejected(x86.build()).contains("EM_AARCH64"));
        ElfBuilder rel = ElfBuilder.tiny();
        rel.type = 1;
        assertTrue(rejected(rel.build()).contains("e_type"));
        assertTrue(rejected(new byte[] {0x7f, 'E', 'L', 'F'}).contains("shorter"));
        assertTrue(rejected(new byte[64]).contains("magic"));
    }

    @Test
    void programHeadersPastTheEndOfTheFileAreRejected() {
        ElfBuilder b = ElfBuilder.tiny();
        b.size = 64 + 56; // room for one of the two headers
        assertTrue(rejected(b.build()).contains("past the end"));
    }

    @Test
    void aLoadSegmentWithFileszAboveMemszIsRejected() {
        assertTrue(rejected(new ElfBuilder().segment(ElfFile.PT_LOAD, 5, 0, 0x400000, 0x1000, 0x800, 0x1000).build()).contains("p_filesz > p_memsz"));
    }

    @Test
    void aLoadSegmentBeyondUserSpaceOrWrappingIsRejected() {
        assertTrue(rejected(new ElfBuilder().segment(ElfFile.PT_LOAD, 5, 0, 0xFFFF_0000_0000_0000L, 0x100, 0x100, 0x1000).build()).contains("user space"));
        assertTrue(rejected(new ElfBuilder().segment(ElfFile.PT_LOAD, 5, 0, 0xFFFF_FFFF_F000L, 0x100, 0x2000, 0x1000).build()).contains("user space"));
    }

    @Test
    void misalignedOffsetAndAddressAreRejected() {
        assertTrue(rejected(new ElfBuilder().segment(ElfFile.PT_LOAD, 5, 0x10, 0x400000, 0x100, 0x100, 0x1000).build()).contains("modulo"));
        assertTrue(rejected(new ElfBuilder().segment(ElfFile.PT_LOAD, 5, 0, 0x400000, 0x100, 0x100, 0x3000).build()).contains("p_align"));
    }

    @Test
    void unsortedLoadSegmentsAreRejected() {
        ElfBuilder b = new ElfBuilder().segment(ElfFile.PT_LOAD, 5, 0, 0x500000, 0x100, 0x100, 0x1000)
                .segment(ElfFile.PT_LOAD, 5, 0, 0x400000, 0x100, 0x100, 0x1000);
        assertTrue(rejected(b.build()).contains("sorted"));
    }

    @Test
    void anEntryOutsideExecutableSegmentsIsRejected() {
        ElfBuilder b = ElfBuilder.tiny();
        b.entry = 0x411000; // in the RW segment
        assertTrue(rejected(b.build()).contains("entry point"));
    }

    @Test
    void interpreterPathsMustBeTerminatedSingleAndShort() {
        byte[] path = "/lib/ld-linux-aarch64.so.1\0".getBytes();
        ElfFile e = ok(ElfBuilder.tiny().segment(ElfFile.PT_INTERP, 4, 0x200, 0x400200, path.length, path.length, 1).bytes(0x200, path).build());
        assertEquals("/lib/ld-linux-aarch64.so.1", e.interpreter());
        byte[] unterminated = "/lib/ld".getBytes();
        assertTrue(rejected(ElfBuilder.tiny().segment(ElfFile.PT_INTERP, 4, 0x200, 0, 7, 7, 1).bytes(0x200, unterminated).build()).contains("NUL"));
        assertTrue(rejected(ElfBuilder.tiny().segment(ElfFile.PT_INTERP, 4, 0x200, 0, path.length, path.length, 1)
                .segment(ElfFile.PT_INTERP, 4, 0x200, 0, path.length, path.length, 1).bytes(0x200, path).build()).contains("more than one"));
        assertTrue(rejected(ElfBuilder.tiny().segment(ElfFile.PT_INTERP, 4, 0x200, 0, 5000, 5000, 1).build()).contains("PT_INTERP"));
        assertTrue(rejected(ElfBuilder.tiny().segment(ElfFile.PT_INTERP, 4, 0x200, 0, 4, 4, 1).bytes(0x200, new byte[] {'/', 0, 'x', 0}).build()).contains("embedded"));
    }

    @Test
    void aFileWithoutLoadSegmentsIsRejected() {
        ElfBuilder b = new ElfBuilder().segment(ElfFile.PT_NOTE, 4, 0x100, 0, 0x10, 0x10, 4);
        assertTrue(rejected(b.build()).contains("no PT_LOAD"));
        ElfBuilder none = new ElfBuilder();
        assertTrue(rejected(none.build()).contains("e_phnum"));
    }

    @Test
    void gnuStackDecidesStackExecutability() {
        assertFalse(ok(ElfBuilder.tiny().build()).wantsExecutableStack());
        assertTrue(ok(ElfBuilder.tiny().segment(ElfFile.PT_GNU_STACK, 7, 0, 0, 0, 0, 16).build()).wantsExecutableStack());
        assertFalse(ok(ElfBuilder.tiny().segment(ElfFile.PT_GNU_STACK, 6, 0, 0, 0, 0, 16).build()).wantsExecutableStack());
    }

    @Test
    void dynamicEntriesAreReadUntilDtNull() {
        java.nio.ByteBuffer d = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        d.putLong(0x1e).putLong(8).putLong(0).putLong(0).putLong(0x6ffffffbL).putLong(1);
        ElfFile e = ok(ElfBuilder.tiny().segment(ElfFile.PT_DYNAMIC, 6, 0x300, 0x400300, 64, 64, 8).bytes(0x300, d.array()).build());
        assertEquals(8, e.dynamicValue(0x1e));
        assertEquals(-1, e.dynamicValue(0x6ffffffbL), "entries after DT_NULL are not read");
        assertTrue(rejected(ElfBuilder.tiny().segment(ElfFile.PT_DYNAMIC, 6, 0x300, 0, 20, 20, 8).build()).contains("PT_DYNAMIC"));
    }
}
