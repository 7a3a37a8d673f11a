package lichen.libkernel.fdt;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.mm.BootAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blob QEMU 7.2 writes for `-M virt -cpu cortex-a72 -m 512M` with an
 * initrd and -append (see README in the resource folder). Expected values are
 * QEMU's virt memory map (hw/arm/virt.c: base_memmap and a15irqmap).
 */
class QemuVirtDeviceTreeTest {
    static byte[] blob;
    static Fdt fdt;
    static MachineDescription m;

    @BeforeAll
    static void load() throws Exception {
        blob = QemuBlobs.read("qemu-virt.dtb");
        fdt = QemuBlobs.parse(blob);
        m = MachineDescription.from(fdt);
    }

    @Test
    void ramIsOneBankOf512MibAtOneGib() {
        assertNull(m.error());
        assertEquals(1, m.memoryBankCount());
        assertEquals(0x4000_0000L, m.memoryBase(0));
        assertEquals(512L << 20, m.memorySize(0));
    }

    @Test
    void chosenCarriesTheCommandLineInitrdAndConsole() {
        assertEquals("console=ttyAMA0 root=/dev/ram0 init=/init", m.bootargs());
        assertTrue(m.hasInitrd());
        assertEquals(1000, m.initrdEnd() - m.initrdStart(), "the 1000-byte initrd given to QEMU");
        assertTrue(m.initrdStart() >= m.memoryBase(0));
        assertEquals("/pl011@9000000", m.stdoutPath());
    }

    @Test
    void thePl011IsAtItsVirtAddressWithSpi1() {
        assertEquals(0x0900_0000L, m.uartBase());
        assertEquals(0x1000, m.uartSize());
        assertEquals(33, m.uartIrq());
    }

    @Test
    void theGicIsVersion2WithDistributorAndCpuInterface() {
        assertEquals(2, m.gicVersion());
        assertEquals(0x0800_0000L, m.gicDistributor());
        assertEquals(0x0801_0000L, m.gicCpuInterface());
    }

    @Test
    void theTimerUsesPpis14And11() {
        assertEquals(30, m.timerIrqPhysical());
        assertEquals(27, m.timerIrqVirtual());
    }

    @Test
    void psciIsVersion1CalledThroughHvc() {
        assertEquals("hvc", m.psciMethod());
        assertEquals(0xC400_0003L, m.psciCpuOn());
        assertEquals(0x8400_0008L, m.psciSystemOff());
    }

    @Test
    void thirtyTwoVirtioTransportsAreSpacedBy0x200WithConsecutiveSpis() {
        assertEquals(32, m.virtioCount());
        for (int i = 0; i < 32; i++) {
            assertEquals(0x0A00_0000L + 0x200L * i, m.virtioBase(i));
            assertEquals(0x200, m.virtioSize(i));
            assertEquals(32 + 16 + i, m.virtioIrq(i));
        }
    }

    @Test
    void oneCpuWithMpidrZero() {
        assertEquals(1, m.cpuCount());
        assertEquals(0, m.cpuMpidr(0));
        assertTrue(fdt.isCompatible(fdt.findPath("/cpus/cpu@0"), "arm,cortex-a72"));
    }

    @Test
    void theBootAllocatorBuiltFromItExcludesTheInitrdAndTheBlob() {
        long dtb = 0x4000_0000L, kernelStart = 0x4008_0000L, kernelEnd = 0x4100_0000L;
        BootAllocator b = BootAllocator.fromMachine(m, dtb, blob.length, kernelStart, kernelEnd);
        assertNotNull(b);
        long[] free = b.freeRanges();
        for (int i = 0; i < free.length; i += 2) {
            assertFalse(free[i] < m.initrdEnd() && free[i + 1] > m.initrdStart(), "initrd handed out");
            assertFalse(free[i] < kernelEnd && free[i + 1] > kernelStart, "kernel handed out");
            assertFalse(free[i] < dtb + blob.length && free[i + 1] > dtb, "dtb handed out");
        }
        assertTrue(b.freeBytes() > 490L << 20);
    }

    @Test
    void everyNodeIsReachableFromTheRootByItsPath() {
        int reached = 0;
        for (int n = 1; n < fdt.nodeCount(); n++) {
            StringBuilder path = new StringBuilder();
            for (int p = n; p != 0; p = fdt.parent(p)) path.insert(0, "/" + fdt.name(p));
            int found = fdt.findPath(path.toString());
            assertEquals(fdt.name(n), fdt.name(found), path.toString());
            reached++;
        }
        assertTrue(reached > 50);
    }
}
