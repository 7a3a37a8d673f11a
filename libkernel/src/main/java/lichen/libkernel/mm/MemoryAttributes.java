package lichen.libkernel.mm;

/**
 * The MAIR_EL1 layout that descriptors' AttrIndx selects from (ARM ARM
 * D8.5.2, "Memory region attributes"). One byte per index:
 * 0 Normal write-back read/write-allocate (0xFF), 1 Device-nGnRE (0x04),
 * 2 Normal non-cacheable (0x44), 3 Device-nGnRnE (0x00). arch writes
 * {@link #MAIR_EL1} at boot so the indices below mean what they say.
 */
public final class MemoryAttributes {
    private MemoryAttributes() {}

    public static final int NORMAL = 0;
    public static final int DEVICE_nGnRE = 1;
    public static final int NORMAL_NC = 2;
    public static final int DEVICE_nGnRnE = 3;

    public static final long MAIR_EL1 = 0xFFL | 0x04L << 8 | 0x44L << 16 | 0x00L << 24;

    /** The attribute byte MAIR_EL1 holds for an index. */
    public static int attribute(int index) { return (int) (MAIR_EL1 >>> (8 * index)) & 0xff; }

    /** True for the Device memory types (attribute bytes 0000dd00). */
    public static boolean isDevice(int index) { return (attribute(index) & 0xf0) == 0; }
}
