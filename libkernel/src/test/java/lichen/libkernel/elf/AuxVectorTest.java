package lichen.libkernel.elf;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AuxVectorTest {
    @Test
    void putReplacesAnExistingEntryInsteadOfDuplicatingIt() {
        AuxVector a = new AuxVector().put(AuxVector.AT_UID, 5).put(AuxVector.AT_UID, 7);
        assertEquals(1, a.size());
        assertEquals(7, a.get(AuxVector.AT_UID));
        assertEquals(-1, a.get(AuxVector.AT_GID));
    }

    @Test
    void theWordsEndWithAtNullAndKeepInsertionOrder() {
        AuxVector a = new AuxVector();
        for (int i = 0; i < 40; i++) a.put(100 + i, i);
        long[] w = a.toWords();
        assertEquals(82, w.length);
        assertEquals(100, w[0]);
        assertEquals(139, w[78]);
        assertEquals(AuxVector.AT_NULL, w[80]);
        assertEquals(0, w[81]);
    }

    @Test
    void aStaticProgramHasNoInterpreterBaseAndNoBias() {
        ElfFile e = ElfFileTest.ok(ElfBuilder.tiny().build());
        assertEquals(0, AuxVector.loadBias(e));
        AuxVector a = AuxVector.forProgram(e, 0, 0x1234_0000L);
        assertEquals(0, a.get(AuxVector.AT_BASE), "AT_BASE is 0 without PT_INTERP");
        assertEquals(0x400078, a.get(AuxVector.AT_ENTRY));
        assertEquals(0x400040, a.get(AuxVector.AT_PHDR));
        assertEquals(ElfFile.PHDR_SIZE, a.get(AuxVector.AT_PHENT));
    }

    @Test
    void aPieIsPlacedAtTwoThirdsOfUserSpaceAlignedToItsLargestSegmentAlignment() {
        ElfBuilder b = new ElfBuilder().segment(ElfFile.PT_LOAD, 5, 0, 0, 0x1000, 0x1000, 0x200000);
        b.type = ElfFile.ET_DYN;
        b.entry = 0x78;
        ElfFile e = ElfFileTest.ok(b.build());
        long bias = AuxVector.loadBias(e);
        assertEquals(0, bias % 0x200000);
        assertTrue(bias <= AuxVector.ET_DYN_BASE && bias > AuxVector.ET_DYN_BASE - 0x200000);
        assertEquals(bias + 0x78, AuxVector.forProgram(e, bias, 0).get(AuxVector.AT_ENTRY));
    }

    @Test
    void programHeadersOutsideEveryLoadGiveNoPhdrAddress() {
        ElfBuilder b = new ElfBuilder().segment(ElfFile.PT_LOAD, 5, 0x1000, 0x401000, 0x100, 0x100, 0x1000);
        b.entry = 0x401000;
        ElfFile e = ElfFileTest.ok(b.build());
        assertEquals(-1, e.phdrVaddr());
        assertEquals(0, AuxVector.forProgram(e, 0, 0).get(AuxVector.AT_PHDR));
    }
}
