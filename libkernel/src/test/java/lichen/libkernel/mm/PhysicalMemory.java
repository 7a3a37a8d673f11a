package lichen.libkernel.mm;

import lichen.api.SimulatedMemory;

/** Test fixture: simulated RAM at QEMU virt's 0x4000_0000 with a buddy allocator owning all of it. */
public final class PhysicalMemory {
    public static final long RAM_BASE = 0x4000_0000L;

    public final SimulatedMemory memory;
    public final BuddyAllocator buddy;

    private PhysicalMemory(long bytes) {
        memory = SimulatedMemory.install(new SimulatedMemory(RAM_BASE, bytes));
        buddy = new BuddyAllocator(RAM_BASE, (int) (bytes >>> 12));
        buddy.addFreeRange(RAM_BASE, RAM_BASE + bytes);
    }

    /** Installs a fresh simulated memory of {@code mib} MiB. */
    public static PhysicalMemory install(int mib) { return new PhysicalMemory((long) mib << 20); }
}
