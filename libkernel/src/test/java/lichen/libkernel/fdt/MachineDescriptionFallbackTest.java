package lichen.libkernel.fdt;

import static org.junit.jupiter.api.Assertions.*;

import lichen.libkernel.mm.BootAllocator;
import org.junit.jupiter.api.Test;

class MachineDescriptionFallbackTest {
    @Test
    void anArmv7TimerNodeIsUsedWhenThereIsNoArmv8One() {
        MachineDescription m = MachineDescriptionTest.describe(FdtBuilder.minimal().begin("timer").string("compatible", "arm,armv7-timer")
                .cells("interrupts", 1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4).end().end());
        assertEquals(30, m.timerIrqPhysical());
        assertEquals(27, m.timerIrqVirtual());
    }

    @Test
    void virtioNodesWithoutRegAreSkipped() {
        MachineDescription m = MachineDescriptionTest.describe(FdtBuilder.minimal()
                .begin("v0").string("compatible", "virtio,mmio").end()
                .begin("v1").string("compatible", "virtio,mmio").cells("reg", 0, 0xa000200, 0, 0x200).cells("interrupts", 0, 17, 1).end().end());
        assertEquals(1, m.virtioCount());
        assertEquals(0xa000200, m.virtioBase(0));
        assertEquals(49, m.virtioIrq(0));
    }

    @Test
    void theBootAllocatorForADescribedMachineHonoursEveryReservation() {
        MachineDescription m = MachineDescriptionTest.describe(FdtBuilder.minimal().reserve(0x4100_0000L, 0x10_0000)
                .begin("chosen").cells("linux,initrd-start", 0x4200_0000L).cells("linux,initrd-end", 0x4220_0000L).end().end());
        BootAllocator b = BootAllocator.fromMachine(m, 0x4000_0000L, 0x2000, 0x4008_0000L, 0x4040_0000L);
        assertEquals(0x800_0000L - 0x10_0000 - 0x20_0000 - 0x2000 - 0x38_0000, b.freeBytes());
        long a = b.alloc(0x1000, 0x1000);
        assertEquals(0x4800_0000L - 0x1000, a);
    }
}
