package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DescriptorTest {
    @Test
    void kernelDataPageHasTheFieldValuesTheArmArmSpecifies() {
        long d = Descriptor.leaf(0x4008_1000L, Prot.READ | Prot.WRITE, 3);
        // valid|page (0b11), AttrIndx 0, AP 00 (EL1 RW), SH 11, AF, global, PXN and UXN
        assertEquals(0x0060_0000_4008_1703L, d);
        assertTrue(Descriptor.isPage(d, 3));
        assertEquals(0x4008_1000L, Descriptor.outputAddress(d, 3));
        assertEquals(0, Descriptor.ap(d));
        assertEquals(Descriptor.SH_INNER, Descriptor.shareability(d));
    }

    @Test
    void userTextPageIsReadOnlyUserExecutableAndNotGlobal() {
        long d = Descriptor.leaf(0x4020_0000L, Prot.READ | Prot.EXEC | Prot.USER, 3);
        // AP 11 (RO at EL0 and EL1), nG, PXN set, UXN clear
        assertEquals(0x0020_0000_4020_0FC3L, d);
        assertEquals(3, Descriptor.ap(d));
        assertEquals(Prot.READ | Prot.EXEC | Prot.USER, Descriptor.prot(d));
    }

    @Test
    void deviceBlockUsesTheDeviceAttributeIndexAndIsNeverExecutable() {
        long d = Descriptor.leaf(0x0800_0000L, Prot.READ | Prot.WRITE | Prot.EXEC | Prot.DEVICE, 2);
        assertTrue(Descriptor.isBlock(d, 2));
        assertEquals(MemoryAttributes.DEVICE_nGnRE, Descriptor.attrIndx(d));
        assertEquals(0x0060_0000_0800_0705L, d);
        assertEquals(Prot.READ | Prot.WRITE | Prot.DEVICE, Descriptor.prot(d));
    }

    @Test
    void tableDescriptorsPointAtTheNextLevelAndAreNotLeaves() {
        long d = Descriptor.table(0x4123_4000L);
        assertEquals(0x4123_4003L, d);
        assertTrue(Descriptor.isTable(d, 0));
        assertFalse(Descriptor.isLeaf(d, 2));
        assertEquals(0x4123_4000L, Descriptor.tableAddress(d));
        assertTrue(Descriptor.isPage(d, 3), "the same bits at level 3 are a page");
    }

    @Test
    void blockOutputAddressesDropTheBitsBelowTheBlockSize() {
        long d = 0x0000_0000_4000_0000L | 0x1ff000L | 0x401;
        assertEquals(0x4000_0000L, Descriptor.outputAddress(d, 1));
        assertEquals(0x4000_0000L, Descriptor.outputAddress(d, 2));
        assertEquals(1L << 30, Descriptor.entrySize(1));
        assertEquals(2L << 20, Descriptor.entrySize(2));
    }

    @Test
    void level0CannotHoldABlockAndAnInvalidEntryIsNothing() {
        assertFalse(Descriptor.isBlock(0x401, 0));
        assertFalse(Descriptor.isBlock(0x401, 3));
        assertFalse(Descriptor.isLeaf(0x4000_0402L, 3));
        assertEquals(0, Descriptor.prot(0x4000_0402L));
        assertEquals("invalid", Descriptor.describe(0, 3));
    }

    @Test
    void protRoundTripsThroughEveryCombinationOfPermissionBits() {
        for (int p = 0; p <= Prot.ALL; p++) {
            if ((p & Prot.DEVICE) != 0 && (p & Prot.NOCACHE) != 0) continue;
            int prot = p | Prot.READ;
            int expected = (prot & Prot.DEVICE) != 0 ? prot & ~Prot.EXEC : prot;
            for (int level = 1; level <= 3; level++)
                assertEquals(expected, Descriptor.prot(Descriptor.leaf(0x4000_0000L, prot, level)), Prot.describe(prot));
        }
    }

    @Test
    void withProtKeepsAddressTypeAndSoftwareBits() {
        Random r = new Random(3);
        for (int i = 0; i < 500; i++) {
            long pa = (r.nextLong() & Descriptor.OA_MASK);
            long d = Descriptor.leaf(pa, Prot.READ | Prot.USER, 3) | (1L << 56);
            long e = Descriptor.withProt(d, Prot.READ | Prot.WRITE | Prot.USER);
            assertEquals(pa, Descriptor.outputAddress(e, 3));
            assertEquals(1L << 56, e & Descriptor.SOFTWARE_MASK);
            assertTrue(Descriptor.isPage(e, 3));
            assertEquals(Prot.READ | Prot.WRITE | Prot.USER, Descriptor.prot(e));
        }
    }

    @Test
    void mairHoldsTheAttributeBytesTheIndicesName() {
        assertEquals(0xFF, MemoryAttributes.attribute(MemoryAttributes.NORMAL));
        assertEquals(0x04, MemoryAttributes.attribute(MemoryAttributes.DEVICE_nGnRE));
        assertEquals(0x44, MemoryAttributes.attribute(MemoryAttributes.NORMAL_NC));
        assertEquals(0x00, MemoryAttributes.attribute(MemoryAttributes.DEVICE_nGnRnE));
        assertTrue(MemoryAttributes.isDevice(MemoryAttributes.DEVICE_nGnRnE));
        assertFalse(MemoryAttributes.isDevice(MemoryAttributes.NORMAL_NC));
    }
}
