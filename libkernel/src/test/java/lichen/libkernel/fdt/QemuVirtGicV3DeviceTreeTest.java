package lichen.libkernel.fdt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blob QEMU 7.2 writes for `-M virt,gic-version=3 -smp 2` (see README in
 * the resource folder). Expected values are QEMU's virt memory map
 * (hw/arm/virt.c: VIRT_GIC_DIST, VIRT_GIC_REDIST, whose region has room for
 * 123 redistributors of two 64 KiB frames each).
 */
class QemuVirtGicV3DeviceTreeTest {
    static Fdt fdt;
    static MachineDescription m;

    @BeforeAll
    static void load() throws Exception {
        fdt = QemuBlobs.parse(QemuBlobs.read("qemu-virt-gicv3.dtb"));
        m = MachineDescription.from(fdt);
    }

    @Test
    void theGicIsVersion3WithTheDistributorAndOneRedistributorRegion() {
        assertEquals(3, m.gicVersion());
        assertEquals(0x0800_0000L, m.gicDistributor());
        assertEquals(1, m.gicRedistributorRegionCount());
        assertEquals(0x080A_0000L, m.gicRedistributorBase(0));
        assertEquals(123L * 0x2_0000, m.gicRedistributorSize(0));
        assertEquals(-1, m.gicCpuInterface());
    }

    @Test
    void theItsUnderTheGicIsNotTakenForTheGicItself() {
        int its = fdt.findCompatible("arm,gic-v3-its", -1);
        assertTrue(its >= 0, "QEMU describes its ITS as a child of the GIC");
        assertEquals(fdt.findCompatible("arm,gic-v3", -1), fdt.parent(its));
    }

    @Test
    void theTimerAndTwoCpusAreAsWithGicV2() {
        assertEquals(30, m.timerIrqPhysical());
        assertEquals(2, m.cpuCount());
        assertEquals(0, m.cpuMpidr(0));
        assertEquals(1, m.cpuMpidr(1));
    }
}
