package lichen.kernel.boot;

import lichen.arch.aarch64.KernelAddressSpace;
import lichen.arch.aarch64.KernelLayout;
import lichen.arch.aarch64.KernelServices;
import lichen.arch.aarch64.Mmu;
import lichen.libkernel.fdt.MachineDescription;
import lichen.libkernel.mm.BootAllocator;
import lichen.libkernel.mm.BuddyAllocator;

/**
 * Boot's memory step. libkernel's boot allocator takes the RAM banks of the
 * device tree minus what is in use (the image with its early heap, the
 * device tree, the initrd, reserved regions) and hands every free page to
 * the buddy allocator; the kernel's own page tables are built from it and
 * take over from boot.S's bootstrap tables; from then on the kernel heap and
 * kernel stacks are mapped from the buddy allocator too, and the early
 * heap's unused tail joins it.
 */
public final class MemorySetup {
    /** The early heap's room for what is made between closing it and the kernel heap's start. */
    private static final long EARLY_HEAP_SLACK = 256 << 10;

    private static BuddyAllocator frames;

    private MemorySetup() {}

    public static BuddyAllocator frames() { return frames; }

    /** Prints what it did; a machine without a usable memory description is fatal. */
    public static void start(MachineDescription machine, long deviceTree) {
        if (machine == null || machine.memoryBankCount() == 0) throw new IllegalStateException("no memory description in the device tree");
        long imageStart = KernelLayout.imagePhysical(KernelLayout.imageStart());
        long imageEnd = KernelLayout.imagePhysical(KernelServices.earlyHeapReserved());
        BootAllocator boot = BootAllocator.fromMachine(machine, deviceTree, DeviceTreeBlob.size(deviceTree), imageStart, imageEnd);
        if (boot == null) throw new IllegalStateException("too many memory regions for the boot allocator");
        long[] ram = new long[2 * machine.memoryBankCount()];
        long low = Long.MAX_VALUE, high = 0;
        for (int i = 0; i < machine.memoryBankCount(); i++) {
            ram[2 * i] = machine.memoryBase(i);
            ram[2 * i + 1] = machine.memoryBase(i) + machine.memorySize(i);
            low = Math.min(low, ram[2 * i]);
            high = Math.max(high, ram[2 * i + 1]);
        }
        frames = new BuddyAllocator(low & -4096L, (int) ((high - (low & -4096L)) >>> 12));
        long handed = boot.handOff(frames);
        if (handed < 0) throw new IllegalStateException("boot allocator hand-off failed: " + handed);
        String why = Mmu.takeOver(frames, ram, low, KernelServices.closeEarlyHeap(EARLY_HEAP_SLACK));
        if (why != null) throw new IllegalStateException("the kernel's page tables: " + why);
        long usedEarly = KernelServices.earlyHeapUsed();
        long returned = KernelServices.useAddressSpace(KernelAddressSpace.install(Mmu.kernelTable(), frames));
        System.out.println("memory: " + (frames.freePageCount() >> 8) + " MiB free of " + ((high - low) >> 20) + " MiB; image "
                + ((KernelLayout.imageEnd() - KernelLayout.imageStart()) >> 10) + " KiB, early heap " + (usedEarly >> 10) + " KiB used, "
                + (returned >> 10) + " KiB returned");
        System.out.println("mmu: kernel tables in use: image at 0x" + Long.toHexString(KernelLayout.imageStart())
                + " (text RX, rodata R, data RW), direct map at 0x" + Long.toHexString(KernelLayout.DIRECT_MAP + low)
                + ", no identity map; " + Mmu.kernelTable().tablePages() + " table pages");
    }
}
