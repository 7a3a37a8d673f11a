package lichen.libkernel.fdt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FdtStructureTest {
    @Test
    void findCompatibleVisitsEveryMatchInBlobOrder() {
        FdtBuilder b = FdtBuilder.minimal();
        for (int i = 0; i < 5; i++) b.begin("virtio_mmio@" + i).string("compatible", "virtio,mmio").end();
        Fdt f = FdtTest.parseOk(b.end().build());
        int n = -1, seen = 0;
        while ((n = f.findCompatible("virtio,mmio", n)) >= 0) {
            assertEquals("virtio_mmio@" + seen, f.name(n));
            seen++;
        }
        assertEquals(5, seen);
    }

    @Test
    void cellCountsDefaultToTwoAndOneWhenTheParentDoesNotSay() {
        Fdt f = FdtTest.parseOk(new FdtBuilder().begin("").begin("dev").cells("reg", 0, 0x1000, 0x20).end().end().build());
        int d = f.findPath("/dev");
        assertEquals(2, f.addressCells(d));
        assertEquals(1, f.sizeCells(d));
        assertEquals(0x1000, f.regAddress(d, 0));
        assertEquals(0x20, f.regSize(d, 0));
    }

    @Test
    void cellCountsAboveTwoMakeRegUnreadable() {
        Fdt f = FdtTest.parseOk(new FdtBuilder().begin("").cells("#address-cells", 3).begin("pci").cells("reg", 1, 2, 3, 4).end().end().build());
        assertEquals(0, f.regCount(f.findPath("/pci")));
    }

    @Test
    void propertiesAfterAChildNodeAreRejected() {
        byte[] b = new FdtBuilder().begin("").cells("a", 1).begin("c").end().cells("b", 2).end().build();
        assertTrue(FdtTest.parseError(b).contains("after a child"));
    }

    @Test
    void aWrappingMemoryReservationIsRejected() {
        byte[] b = FdtBuilder.minimal().reserve(0x7FFF_FFFF_FFFF_F000L, 0x2000).end().build();
        assertTrue(FdtTest.parseError(b).contains("wraps"));
    }

    @Test
    void tooManyMemoryReservationsAreRejected() {
        FdtBuilder b = FdtBuilder.minimal();
        for (int i = 0; i <= Fdt.MAX_RESERVATIONS; i++) b.reserve(0x1000L * (i + 1), 0x1000);
        assertTrue(FdtTest.parseError(b.end().build()).contains("reservations"));
    }

    @Test
    void aPropertyLengthRunningPastTheBlockIsRejected() {
        byte[] b = FdtBuilder.minimal().end().build();
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
        int structOff = bb.getInt(8);
        bb.putInt(structOff + 8 + 4, 0x10_0000); // the first property's length
        assertTrue(FdtTest.parseError(b).contains("runs past"));
    }

    @Test
    void anUnterminatedNodeNameIsRejected() {
        byte[] b = new FdtBuilder().begin("").begin("abcdefgh").end().end().build();
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
        int structOff = bb.getInt(8), structSize = bb.getInt(36);
        // Cut the structure block after the child's 8 name bytes, before their NUL.
        bb.putInt(36, 8 + 4 + 8);
        assertTrue(structSize > 16);
        assertTrue(FdtTest.parseError(b).contains("not terminated"), FdtTest.parseError(b));
        assertEquals(structOff, bb.getInt(8));
    }
}
