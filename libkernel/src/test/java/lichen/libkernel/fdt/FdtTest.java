package lichen.libkernel.fdt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FdtTest {
    static Fdt parseOk(byte[] blob) {
        FdtResult r = Fdt.parse(blob);
        assertTrue(r.isOk(), r.error());
        return r.fdt();
    }

    static String parseError(byte[] blob) {
        FdtResult r = Fdt.parse(blob);
        assertFalse(r.isOk());
        assertNull(r.fdt());
        return r.error();
    }

    @Test
    void pathsResolveWithAndWithoutUnitAddresses() {
        Fdt f = parseOk(FdtBuilder.minimal().begin("cpus").begin("cpu@0").end().begin("cpu@1").end().end().end().build());
        assertEquals(0, f.findPath("/"));
        int m = f.findPath("/memory@40000000");
        assertEquals(m, f.findPath("/memory"));
        assertEquals("memory", f.baseName(m));
        int cpu1 = f.findPath("/cpus/cpu@1");
        assertEquals("cpu@1", f.name(cpu1));
        assertEquals(f.findPath("/cpus"), f.parent(cpu1));
        assertEquals(2, f.depth(cpu1));
        assertEquals(-1, f.findPath("/cpus/cpu@2"));
        assertEquals(-1, f.findPath("cpus"));
    }

    @Test
    void regUsesTheParentsCellCounts() {
        Fdt f = parseOk(new FdtBuilder().begin("").cells("#address-cells", 2).cells("#size-cells", 1)
                .begin("dev@1").cells("reg", 0x1, 0x2000_0000L, 0x1000, 0x1, 0x3000_0000L, 0x2000).end()
                .begin("bus").cells("#address-cells", 1).cells("#size-cells", 0).begin("x@5").cells("reg", 5).end().end()
                .end().build());
        int dev = f.findPath("/dev@1");
        assertEquals(2, f.regCount(dev));
        assertEquals(0x1_2000_0000L, f.regAddress(dev, 0));
        assertEquals(0x1000, f.regSize(dev, 0));
        assertEquals(0x1_3000_0000L, f.regAddress(dev, 1));
        int x = f.findPath("/bus/x@5");
        assertEquals(1, f.regCount(x));
        assertEquals(5, f.regAddress(x, 0));
        assertEquals(0, f.regSize(x, 0));
        assertEquals(-1, f.regAddress(x, 1));
    }

    @Test
    void aRegWhoseLengthIsNotAWholeNumberOfEntriesHasNone() {
        Fdt f = parseOk(FdtBuilder.minimal().begin("bad").cells("reg", 1, 2, 3).end().end().build());
        assertEquals(0, f.regCount(f.findPath("/bad")));
    }

    @Test
    void stringListsAndCompatibleMatchWholeEntries() {
        Fdt f = parseOk(FdtBuilder.minimal().begin("uart").string("compatible", "arm,pl011", "arm,primecell").end().end().build());
        int u = f.findPath("/uart");
        assertTrue(f.isCompatible(u, "arm,primecell"));
        assertFalse(f.isCompatible(u, "arm,pl01"));
        assertEquals(u, f.findCompatible("arm,pl011", -1));
        assertEquals(-1, f.findCompatible("arm,pl011", u));
        assertEquals("arm,primecell", f.stringAt(f.property(u, "compatible"), 1));
        assertNull(f.stringAt(f.property(u, "compatible"), 2));
    }

    @Test
    void anUnterminatedStringPropertyReadsAsNull() {
        Fdt f = parseOk(FdtBuilder.minimal().begin("x").prop("s", new byte[] {'a', 'b'}).end().end().build());
        assertNull(f.string(f.property(f.findPath("/x"), "s")));
    }

    @Test
    void cellsOutsideTheValueAreMinusOne() {
        Fdt f = parseOk(FdtBuilder.minimal().begin("x").cells("v", 7, 8).end().end().build());
        int p = f.property(f.findPath("/x"), "v");
        assertEquals(8, f.cell(p, 1));
        assertEquals(-1, f.cell(p, 2));
        assertEquals(0x7_0000_0008L, f.cells(p, 0, 2));
        assertEquals(-1, f.cells(p, 1, 2));
        assertEquals(-1, f.cells(p, 0, 3));
    }

    @Test
    void phandlesFindTheirNodes() {
        Fdt f = parseOk(FdtBuilder.minimal().begin("intc").cells("phandle", 0x8001).end().end().build());
        assertEquals(f.findPath("/intc"), f.findPhandle(0x8001));
        assertEquals(-1, f.findPhandle(0x8002));
    }

    @Test
    void nopTokensAreSkippedAnywhere() {
        Fdt f = parseOk(new FdtBuilder().nop().begin("").nop().cells("#address-cells", 1).nop().begin("a").end().nop().end().nop().build());
        assertEquals(2, f.nodeCount());
    }

    @Test
    void memoryReservationsAreReadUntilTheTerminator() {
        Fdt f = parseOk(FdtBuilder.minimal().reserve(0x4800_0000L, 0x10000).reserve(0x4900_0000L, 0x1000).end().build());
        assertEquals(2, f.reservationCount());
        assertEquals(0x4900_0000L, f.reservationAddress(1));
        assertEquals(0x1000, f.reservationSize(1));
    }

    @Test
    void propertyNamesAreListedInBlobOrder() {
        Fdt f = parseOk(FdtBuilder.minimal().end().build());
        int m = f.findPath("/memory");
        assertEquals(2, f.propertyCount(m));
        assertEquals("device_type", f.propertyName(f.propertyAt(m, 0)));
        assertEquals("reg", f.propertyName(f.propertyAt(m, 1)));
    }

    @Test
    void badMagicIsRejectedWithTheValueFound() {
        byte[] b = FdtBuilder.minimal().end().build();
        b[0] = 0;
        assertTrue(parseError(b).contains("magic"));
    }

    @Test
    void aTotalsizeLargerThanTheBufferIsRejected() {
        byte[] b = FdtBuilder.minimal().end().build();
        assertTrue(parseError(java.util.Arrays.copyOf(b, b.length - 1)).contains("totalsize"));
        assertTrue(parseError(new byte[12]).contains("header"));
    }

    @Test
    void unbalancedNodesAreRejected() {
        assertTrue(parseError(new FdtBuilder().begin("").begin("a").end().build()).contains("FDT_END inside a node"));
        assertTrue(parseError(new FdtBuilder().begin("").end().end().build()).contains("END_NODE"));
        assertTrue(parseError(new FdtBuilder().begin("").end().begin("").end().build()).contains("second root"));
        assertTrue(parseError(new FdtBuilder().build()).contains("no root"));
    }

    @Test
    void propertiesOutsideNodesOrWithBadNameOffsetsAreRejected() {
        assertTrue(parseError(new FdtBuilder().cells("x", 1).begin("").end().build()).contains("outside any node"));
        byte[] b = FdtBuilder.minimal().end().build();
        // The first property's nameoff sits 8 bytes after its FDT_PROP token; point it past the strings block.
        int structOff = java.nio.ByteBuffer.wrap(b).getInt(8);
        int tokenAt = structOff + 8; // BEGIN_NODE + empty name padded
        assertEquals(Fdt.PROP, java.nio.ByteBuffer.wrap(b).getInt(tokenAt));
        java.nio.ByteBuffer.wrap(b).putInt(tokenAt + 8, 0x7fff_0000);
        assertTrue(parseError(b).contains("name offset"));
    }

    @Test
    void deepNestingIsBoundedAndNamedInTheError() {
        FdtBuilder b = new FdtBuilder().begin("");
        for (int i = 0; i < Fdt.MAX_DEPTH + 1; i++) b.begin("n");
        assertTrue(parseError(b.build()).contains("deeper"));
    }

    @Test
    void unknownTokensAreRejectedWithTheirOffset() {
        byte[] b = FdtBuilder.minimal().end().build();
        int structOff = java.nio.ByteBuffer.wrap(b).getInt(8);
        java.nio.ByteBuffer.wrap(b).putInt(structOff, 0x77);
        String e = parseError(b);
        assertTrue(e.contains("unknown token 0x77"), e);
    }

    @Test
    void oldVersionsAreRejected() {
        byte[] b = FdtBuilder.minimal().end().build();
        java.nio.ByteBuffer.wrap(b).putInt(20, 15);
        assertTrue(parseError(b).contains("version"));
    }
}
