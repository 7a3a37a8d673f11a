package lichen.libkernel.fdt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MachineDescriptionTest {
    static MachineDescription describe(FdtBuilder b) {
        FdtResult r = Fdt.parse(b.build());
        assertTrue(r.isOk(), r.error());
        return MachineDescription.from(r.fdt());
    }

    @Test
    void aTreeWithoutMemoryIsUnusableAndSaysWhy() {
        MachineDescription m = describe(new FdtBuilder().begin("").end());
        assertNotNull(m.error());
        assertTrue(m.error().contains("memory"));
    }

    @Test
    void memoryIsFoundByDeviceTypeEvenUnderAnotherNameAndZeroSizedBanksAreSkipped() {
        MachineDescription m = describe(new FdtBuilder().begin("").cells("#address-cells", 2).cells("#size-cells", 2)
                .begin("ram").string("device_type", "memory").cells("reg", 0, 0x4000_0000L, 0, 0x1000_0000L, 0, 0x8000_0000L, 0, 0).end()
                .begin("memory@0").string("device_type", "reserved").cells("reg", 0, 0, 0, 0x1000).end().end());
        assertEquals(1, m.memoryBankCount());
        assertEquals(0x1000_0000L, m.memorySize(0));
    }

    @Test
    void reservationsComeFromMemreserveAndReservedMemoryChildren() {
        MachineDescription m = describe(FdtBuilder.minimal().reserve(0x4700_0000L, 0x1000)
                .begin("reserved-memory").cells("#address-cells", 2).cells("#size-cells", 2)
                .begin("secmon@45000000").cells("reg", 0, 0x4500_0000L, 0, 0x20_0000).prop("no-map", new byte[0]).end().end().end());
        assertEquals(2, m.reservedCount());
        assertEquals(0x4700_0000L, m.reservedBase(0));
        assertEquals(0x4500_0000L, m.reservedBase(1));
        assertEquals(0x20_0000, m.reservedSize(1));
    }

    @Test
    void initrdBoundsMayBe32Or64BitsAndAReversedPairIsIgnored() {
        MachineDescription m = describe(FdtBuilder.minimal().begin("chosen")
                .cells("linux,initrd-start", 0x1, 0x0).cells("linux,initrd-end", 0x1, 0x8000).end().end());
        assertEquals(0x1_0000_0000L, m.initrdStart());
        assertEquals(0x1_0000_8000L, m.initrdEnd());
        MachineDescription bad = describe(FdtBuilder.minimal().begin("chosen")
                .cells("linux,initrd-start", 0x5000).cells("linux,initrd-end", 0x4000).end().end());
        assertFalse(bad.hasInitrd());
    }

    @Test
    void aMissingChosenLeavesAnEmptyCommandLine() {
        MachineDescription m = describe(FdtBuilder.minimal().end());
        assertEquals("", m.bootargs());
        assertFalse(m.hasInitrd());
        assertEquals(-1, m.uartBase());
        assertEquals(0, m.gicVersion());
        assertNull(m.psciMethod());
    }

    @Test
    void gicV3GivesTheRedistributorRegionWithItsSize() {
        MachineDescription m = describe(FdtBuilder.minimal().begin("intc@8000000").string("compatible", "arm,gic-v3")
                .cells("reg", 0, 0x0800_0000L, 0, 0x1_0000, 0, 0x080A_0000L, 0, 0xF6_0000).end().end());
        assertEquals(3, m.gicVersion());
        assertEquals(0x0800_0000L, m.gicDistributor());
        assertEquals(1, m.gicRedistributorRegionCount());
        assertEquals(0x080A_0000L, m.gicRedistributorBase(0));
        assertEquals(0xF6_0000L, m.gicRedistributorSize(0));
        assertEquals(-1, m.gicCpuInterface(), "GICv3's CPU interface is system registers");
    }

    @Test
    void gicV3RedistributorRegionsFollowTheirCountAndTheCpuInterfaceFramesAfterThemAreNotRegions() {
        // QEMU virt with more than 123 CPUs: two regions; then GICC, GICH, GICV as the binding allows.
        MachineDescription m = describe(FdtBuilder.minimal().begin("intc@8000000").string("compatible", "arm,gic-v3")
                .cells("#redistributor-regions", 2)
                .cells("reg", 0, 0x0800_0000L, 0, 0x1_0000, 0, 0x080A_0000L, 0, 0xF6_0000, 0x40, 0x0800_0000L, 0, 0x400_0000,
                        0, 0x0801_0000L, 0, 0x1_0000, 0, 0x0803_0000L, 0, 0x1_0000, 0, 0x0804_0000L, 0, 0x1_0000)
                .end().end());
        assertEquals(3, m.gicVersion());
        assertEquals(2, m.gicRedistributorRegionCount());
        assertEquals(0x40_0800_0000L, m.gicRedistributorBase(1));
        assertEquals(0x400_0000L, m.gicRedistributorSize(1));
    }

    @Test
    void gicV3WithMoreRedistributorRegionsThanRegEntriesIsNotUsed() {
        MachineDescription m = describe(FdtBuilder.minimal().begin("intc@8000000").string("compatible", "arm,gic-v3")
                .cells("#redistributor-regions", 3)
                .cells("reg", 0, 0x0800_0000L, 0, 0x1_0000, 0, 0x080A_0000L, 0, 0xF6_0000).end().end());
        assertEquals(0, m.gicVersion());
        assertEquals(0, m.gicRedistributorRegionCount());
    }

    @Test
    void gicV2HasACpuInterfaceAndNoRedistributors() {
        MachineDescription m = describe(FdtBuilder.minimal().begin("intc@8000000").string("compatible", "arm,cortex-a15-gic")
                .cells("reg", 0, 0x0800_0000L, 0, 0x1_0000, 0, 0x0801_0000L, 0, 0x1_0000).end().end());
        assertEquals(2, m.gicVersion());
        assertEquals(0x0801_0000L, m.gicCpuInterface());
        assertEquals(0, m.gicRedistributorRegionCount());
    }

    @Test
    void psci01TakesItsFunctionIdsFromTheNode() {
        MachineDescription m = describe(FdtBuilder.minimal().begin("psci").string("compatible", "arm,psci")
                .string("method", "smc").cells("cpu_on", 0x8400_0002L).end().end());
        assertEquals("smc", m.psciMethod());
        assertEquals(0x8400_0002L, m.psciCpuOn());
        assertEquals(-1, m.psciSystemOff(), "0.1 has no standard SYSTEM_OFF");
    }

    @Test
    void interruptSpecifiersWithBadTypesOrNumbersAreMinusOne() {
        MachineDescription m = describe(FdtBuilder.minimal()
                .begin("uart").string("compatible", "arm,pl011").cells("reg", 0, 0x900_0000, 0, 0x1000).cells("interrupts", 5, 1, 4).end()
                .begin("virtio").string("compatible", "virtio,mmio").cells("reg", 0, 0xa00_0000, 0, 0x200).cells("interrupts", 0, 2000, 1).end()
                .end());
        assertEquals(-1, m.uartIrq());
        assertEquals(-1, m.virtioIrq(0));
        assertEquals(0x900_0000, m.uartBase());
    }

    @Test
    void cpusAreCountedByDeviceTypeWithTheirMpidr() {
        MachineDescription m = describe(FdtBuilder.minimal().begin("cpus").cells("#address-cells", 1).cells("#size-cells", 0)
                .begin("cpu@0").string("device_type", "cpu").cells("reg", 0).end()
                .begin("cpu@100").string("device_type", "cpu").cells("reg", 0x100).end()
                .begin("cpu-map").end().end().end());
        assertEquals(2, m.cpuCount());
        assertEquals(0x100, m.cpuMpidr(1));
    }
}
