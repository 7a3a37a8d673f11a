package lichen.kernel.boot;

import lichen.api.Mem;
import lichen.api.PA;
import lichen.api.Unsafe;
import lichen.libkernel.fdt.Fdt;
import lichen.libkernel.fdt.FdtResult;
import lichen.libkernel.fdt.MachineDescription;

/**
 * The device tree the boot loader left in memory, read into an array for
 * libkernel's parser. Its header gives the size (Devicetree Specification
 * v0.4, 5.2: magic 0xd00dfeed then totalsize, both big-endian); a blob over
 * 2 MiB or without the magic is refused rather than trusted.
 */
@Unsafe
public final class DeviceTreeBlob {
    private static final int MAX_SIZE = 2 << 20;

    private DeviceTreeBlob() {}

    /** The machine the tree describes, or null with the reason printed, when there is none usable. */
    public static MachineDescription read(long address) {
        if (address == 0 || (address & 7) != 0) return refuse("no device tree pointer (0x" + Long.toHexString(address) + ")");
        if (bigEndian32(address) != Fdt.MAGIC) return refuse("no device tree magic at 0x" + Long.toHexString(address));
        int size = bigEndian32(address + 4);
        if (size < 40 || size > MAX_SIZE) return refuse("device tree size " + size + " out of range");
        byte[] blob = new byte[size];
        Mem.copyToArray(PA.of(address), blob, 0, size);
        FdtResult parsed = Fdt.parse(blob);
        if (!parsed.isOk()) return refuse("device tree rejected: " + parsed.error());
        MachineDescription m = MachineDescription.from(parsed.fdt());
        if (m.error() != null) return refuse("device tree unusable: " + m.error());
        return m;
    }

    /** The blob's size from its header (0 where there is no blob), so the memory it occupies can be reserved. */
    public static long size(long address) {
        if (address == 0 || (address & 7) != 0 || bigEndian32(address) != Fdt.MAGIC) return 0;
        return bigEndian32(address + 4) & 0xFFFF_FFFFL;
    }

    /** A big-endian word of the blob, at its physical address. */
    private static int bigEndian32(long address) { return Integer.reverseBytes(Mem.load32(address)); }

    private static MachineDescription refuse(String why) {
        System.out.println("boot: " + why);
        return null;
    }
}
