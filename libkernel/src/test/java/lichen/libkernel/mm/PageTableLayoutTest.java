package lichen.libkernel.mm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import lichen.api.PA;
import lichen.api.VA;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageTableLayoutTest {
    PhysicalMemory ram;
    RecordingTlb tlb = new RecordingTlb();
    PageTable pt;

    @BeforeEach
    void setUp() {
        ram = PhysicalMemory.install(32);
        pt = PageTable.create(ram.buddy, tlb);
    }

    @Test
    void unmappingTheMiddleOfAGibibyteBlockLeavesTwoMibibyteBlocksAround() {
        pt.map(VA.of(0x4000_0000L), PA.of(0x8000_0000L), 1L << 30, Prot.READ | Prot.WRITE, PageTable.ALLOW_BLOCKS);
        assertEquals(1, pt.walk(VA.of(0x4000_0000L)).level());
        pt.unmap(VA.of(0x4020_0000L), 0x1000);
        assertEquals(2, pt.walk(VA.of(0x4000_0000L)).level(), "the 1 GiB block became 2 MiB blocks");
        assertEquals(3, pt.walk(VA.of(0x4020_1000L)).level(), "and the touched 2 MiB block became pages");
        assertEquals(2, pt.walk(VA.of(0x7FE0_0000L)).level());
        assertEquals(0xBFFF_FFFFL, pt.translate(VA.of(0x7FFF_FFFFL)));
    }

    @Test
    void neighbouringMappingsShareTheirTables() {
        pt.map(VA.of(0x1000), PA.of(0x4000_0000L), 4096, Prot.READ);
        long tables = pt.tablePages();
        pt.map(VA.of(0x2000), PA.of(0x4000_1000L), 4096, Prot.READ);
        assertEquals(tables, pt.tablePages());
        pt.map(VA.of(0x20_0000), PA.of(0x4000_1000L), 4096, Prot.READ);
        assertEquals(tables + 1, pt.tablePages(), "the next 2 MiB needs one more level-3 table");
    }

    @Test
    void protectOverHolesOnlyChangesMappedPagesAndInvalidatesThem() {
        pt.map(VA.of(0x1000), PA.of(0x4000_0000L), 4096, Prot.READ | Prot.WRITE);
        pt.map(VA.of(0x5000), PA.of(0x4000_1000L), 4096, Prot.READ | Prot.WRITE);
        tlb.clear();
        assertEquals(0, pt.protect(VA.of(0), 0x10000, Prot.READ));
        assertEquals(List.of(0x1000L, 0x5000L), tlb.pages);
        assertEquals(Prot.READ, Descriptor.prot(pt.walk(VA.of(0x5000)).descriptor()));
        assertFalse(pt.walk(VA.of(0x3000)).isMapped());
    }

    @Test
    void protectWithTheSamePermissionsWritesNothing() {
        pt.map(VA.of(0x1000), PA.of(0x4000_0000L), 4096, Prot.READ);
        tlb.clear();
        long stores = ram.memory.storeCount();
        pt.protect(VA.of(0x1000), 4096, Prot.READ);
        assertTrue(tlb.isEmpty());
        assertEquals(stores, ram.memory.storeCount());
    }

    @Test
    void deviceMemoryMapsWithTheDeviceAttributeIndex() {
        pt.map(VA.of(0xFFFF_0000_0900_0000L), PA.of(0x0900_0000L), 4096, Prot.READ | Prot.WRITE | Prot.DEVICE);
        Walk w = pt.walk(VA.of(0xFFFF_0000_0900_0000L));
        assertEquals(MemoryAttributes.DEVICE_nGnRE, Descriptor.attrIndx(w.descriptor()));
        assertEquals(PageTable.PERMISSION_FAULT, pt.access(VA.of(0xFFFF_0000_0900_0000L), Prot.EXEC, false));
        assertEquals(0x0900_0000L, w.physicalAddress());
    }

    @Test
    void aBlockOverlappingAnyPartOfTheRangeMakesMapFailWithEexist() {
        pt.map(VA.of(0x4000_0000L), PA.of(0x4000_0000L), 2L << 20, Prot.READ, PageTable.ALLOW_BLOCKS);
        assertEquals(-lichen.libkernel.Errno.EEXIST, pt.map(VA.of(0x401F_F000L), PA.of(0x4000_0000L), 0x2000, Prot.READ));
        assertEquals(-lichen.libkernel.Errno.EFAULT, pt.translate(VA.of(0x4020_0000L)));
    }

    @Test
    void walksOfUnmappedAddressesStopAtTheFirstInvalidLevel() {
        Walk w = pt.walk(VA.of(0x1234_5000L));
        assertEquals(0, w.level());
        assertFalse(w.isMapped());
        pt.map(VA.of(0x1000), PA.of(0x4000_0000L), 4096, Prot.READ);
        assertEquals(3, pt.walk(VA.of(0x3000)).level());
        assertEquals(1, pt.walk(VA.of(0x4000_0000L)).level());
        assertEquals(4096, pt.walk(VA.of(0x1000)).mappingSize());
    }
}
