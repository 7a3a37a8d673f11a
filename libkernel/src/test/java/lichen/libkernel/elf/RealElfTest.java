package lichen.libkernel.elf;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The AArch64 binaries built by clang and lld (see README in the resource folder), checked against readelf. */
class RealElfTest {
    static byte[] resource(String name) throws Exception {
        try (InputStream in = RealElfTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static ElfFile parse(String name) throws Exception {
        ElfResult r = ElfFile.parse(resource(name));
        assertTrue(r.isOk(), r.error());
        return r.elf();
    }

    @Test
    void thePieHasAnInterpreterDynamicSectionAndPhdrSegment() throws Exception {
        ElfFile e = parse("hello-pie");
        assertTrue(e.isPositionIndependent());
        assertEquals("/lib/ld-linux-aarch64.so.1", e.interpreter());
        assertTrue(e.dynamicSegment() >= 0);
        assertEquals(1, e.dynamicValue(0x6ffffffbL) & 1, "DT_FLAGS_1 has DF_1_NOW (linked with -z now)");
        assertEquals(0x40, e.phdrVaddr());
        assertFalse(e.wantsExecutableStack());
    }

    @Test
    void theStaticBinaryHasNoInterpreterAndAnEntryInItsTextSegment() throws Exception {
        ElfFile e = parse("hello-static");
        assertEquals(ElfFile.ET_EXEC, e.type());
        assertNull(e.interpreter());
        assertEquals(-1, e.dynamicSegment());
        assertEquals(0, AuxVector.loadBias(e));
        boolean inText = false;
        for (int i = 0; i < e.programHeaderCount(); i++)
            inText |= e.segmentType(i) == ElfFile.PT_LOAD && (e.segmentFlags(i) & ElfFile.PF_X) != 0
                    && e.entry() >= e.segmentVaddr(i) && e.entry() < e.segmentVaddr(i) + e.segmentMemSize(i);
        assertTrue(inText);
    }

    /** Program headers as binutils' readelf prints them: type, offset, vaddr, filesz, memsz. */
    static List<long[]> readelf(Path file) throws Exception {
        Process p = new ProcessBuilder("readelf", "-lW", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        List<long[]> rows = new ArrayList<>();
        Matcher m = Pattern.compile("^\\s+(LOAD|INTERP|DYNAMIC|PHDR|GNU_STACK|GNU_RELRO|GNU_EH_FRAME|NOTE)\\s+0x(\\p{XDigit}+) 0x(\\p{XDigit}+) 0x\\p{XDigit}+ 0x(\\p{XDigit}+) 0x(\\p{XDigit}+)", Pattern.MULTILINE).matcher(out);
        while (m.find()) rows.add(new long[] {Long.parseLong(m.group(2), 16), Long.parseLong(m.group(3), 16), Long.parseLong(m.group(4), 16), Long.parseLong(m.group(5), 16)});
        return rows;
    }

    @Test
    void programHeadersMatchWhatReadelfReports() throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v readelf").start().waitFor() == 0, "binutils readelf is not installed");
        for (String name : new String[] {"hello-pie", "hello-static"}) {
            Path tmp = Files.createTempFile("elf", name);
            Files.write(tmp, resource(name));
            List<long[]> rows = readelf(tmp);
            Files.delete(tmp);
            ElfFile e = parse(name);
            assertEquals(e.programHeaderCount(), rows.size(), name);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i)[0], e.segmentOffset(i), name + " offset " + i);
                assertEquals(rows.get(i)[1], e.segmentVaddr(i), name + " vaddr " + i);
                assertEquals(rows.get(i)[2], e.segmentFileSize(i), name + " filesz " + i);
                assertEquals(rows.get(i)[3], e.segmentMemSize(i), name + " memsz " + i);
            }
        }
    }

    @Test
    void auxvForThePieRelocatesEntryAndPhdrByTheBias() throws Exception {
        ElfFile e = parse("hello-pie");
        long bias = AuxVector.loadBias(e);
        assertEquals(0, bias % e.maxAlign());
        assertTrue(bias >= AuxVector.ET_DYN_BASE - e.maxAlign() && bias <= AuxVector.ET_DYN_BASE);
        AuxVector a = AuxVector.forProgram(e, bias, 0x7fff_0000_0000L);
        assertEquals(bias + e.entry(), a.get(AuxVector.AT_ENTRY));
        assertEquals(bias + 0x40, a.get(AuxVector.AT_PHDR));
        assertEquals(e.programHeaderCount(), a.get(AuxVector.AT_PHNUM));
        assertEquals(0x7fff_0000_0000L, a.get(AuxVector.AT_BASE));
        assertEquals(4096, a.get(AuxVector.AT_PAGESZ));
    }

    @Test
    void theRwSegmentOfThePieGetsBssPagesBeyondItsFileData() throws Exception {
        ElfFile e = parse("hello-pie");
        LoadSegment[] segs = LoadSegment.plan(e, 0);
        LoadSegment rw = null;
        for (LoadSegment s : segs) if ((s.prot & lichen.libkernel.mm.Prot.WRITE) != 0 && rw == null) rw = s;
        assertNotNull(rw);
        assertEquals(0x20000, rw.start);
        assertEquals(0x20348 + 0x90, rw.zeroFrom);
        assertEquals(0x21000, rw.fileEnd);
        assertEquals(0x21000, rw.end, "memsz 0xcb8 ends inside the same page");
    }
}
