package lichen.libkernel.elf;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.mm.Prot;
import org.junit.jupiter.api.Test;

class LoadSegmentTest {
    @Test
    void textAndDataWithBssBecomeFileAndAnonymousPages() {
        LoadSegment[] s = LoadSegment.plan(ElfFileTest.ok(ElfBuilder.tiny().build()), 0);
        assertEquals(2, s.length);
        assertEquals(0x400000, s[0].start);
        assertEquals(0x401000, s[0].end);
        assertEquals(Prot.USER | Prot.READ | Prot.EXEC, s[0].prot);
        assertEquals(0x411000, s[1].start);
        assertEquals(0x412000, s[1].fileEnd);
        assertEquals(0x411100, s[1].zeroFrom, "the rest of the last file page is .bss and must be zeroed");
        assertEquals(0x414000, s[1].end);
        assertEquals(0x1000, s[1].fileOffset);
        assertEquals(Prot.USER | Prot.READ | Prot.WRITE, s[1].prot);
    }

    @Test
    void theBiasMovesEverySegment() {
        LoadSegment[] s = LoadSegment.plan(ElfFileTest.ok(ElfBuilder.tiny().build()), 0x10_0000);
        assertEquals(0x500000, s[0].start);
        assertEquals(0x514000, s[1].end);
    }

    @Test
    void aSegmentWithNoFileBytesIsAllAnonymous() {
        ElfBuilder b = ElfBuilder.tiny().segment(ElfFile.PT_LOAD, ElfFile.PF_R | ElfFile.PF_W, 0x2000, 0x502000, 0, 0x5000, 0x1000);
        LoadSegment[] s = LoadSegment.plan(ElfFileTest.ok(b.build()), 0);
        assertEquals(s[2].start, s[2].fileEnd);
        assertEquals(0x507000, s[2].end);
    }

    @Test
    void codeAndDataExtentsFollowBinfmtElfsLoop() {
        ElfBuilder b = ElfBuilder.tiny().segment(ElfFile.PT_LOAD, ElfFile.PF_R, 0x1100, 0x420100, 0x80, 0x80, 0x1000);
        ElfFile e = ElfFileTest.ok(b.build());
        assertEquals(0x400000, e.codeStart(), "start_code: the executable segment's p_vaddr");
        assertEquals(0x401000, e.codeEnd(), "end_code: its p_vaddr + p_filesz");
        assertEquals(0x420100, e.dataStart(), "start_data: the highest PT_LOAD's p_vaddr, as Linux's loop keeps it");
        assertEquals(0x420180, e.dataEnd(), "end_data: the highest p_vaddr + p_filesz");
    }
}
