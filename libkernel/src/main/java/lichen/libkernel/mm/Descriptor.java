package lichen.libkernel.mm;

/**
 * VMSAv8-64 stage 1 translation table descriptors for the 4 KiB granule
 * (ARM ARM D8.3, "Translation table descriptor formats"). Levels 0..3 index
 * VA bits [47:39], [38:30], [29:21], [20:12]; levels 1 and 2 may hold blocks
 * (1 GiB, 2 MiB), level 3 holds pages. Pure functions on the 64-bit value.
 *
 * <pre>
 * bit 0      valid
 * bit 1      1: table (levels 0-2) or page (level 3); 0: block (levels 1-2)
 * [4:2]      AttrIndx, into MAIR_EL1
 * [7:6]      AP[2:1]: AP[1] = EL0 access, AP[2] = read-only
 * [9:8]      SH: 00 non-, 10 outer, 11 inner shareable
 * bit 10     AF, access flag
 * bit 11     nG, not global (tagged with the ASID)
 * [47:12]    output address (block: [47:30] or [47:21]); table: next table
 * bit 52     Contiguous
 * bit 53     PXN, privileged execute never
 * bit 54     UXN, unprivileged execute never
 * [58:55]    ignored by hardware, for software
 * [63:59]    table descriptors only: PXNTable, UXNTable, APTable, NSTable
 * </pre>
 */
public final class Descriptor {
    private Descriptor() {}

    public static final long VALID = 1L;
    public static final long TYPE_TABLE_OR_PAGE = 1L << 1;
    public static final int ATTR_INDX_SHIFT = 2;
    public static final long ATTR_INDX_MASK = 7L << ATTR_INDX_SHIFT;
    public static final long AP_EL0 = 1L << 6;
    public static final long AP_RO = 1L << 7;
    public static final int SH_SHIFT = 8;
    public static final long SH_MASK = 3L << SH_SHIFT;
    public static final int SH_NON = 0;
    public static final int SH_OUTER = 2;
    public static final int SH_INNER = 3;
    public static final long AF = 1L << 10;
    public static final long NG = 1L << 11;
    public static final long CONTIGUOUS = 1L << 52;
    public static final long PXN = 1L << 53;
    public static final long UXN = 1L << 54;
    public static final long SOFTWARE_MASK = 0xFL << 55;
    public static final long PXN_TABLE = 1L << 59;
    public static final long UXN_TABLE = 1L << 60;
    public static final long OA_MASK = 0x0000_FFFF_FFFF_F000L;

    /** log2 of the bytes one entry at {@code level} maps: 39, 30, 21, 12. */
    public static int shift(int level) { return 39 - 9 * level; }

    public static long entrySize(int level) { return 1L << shift(level); }

    public static boolean isValid(long d) { return (d & VALID) != 0; }

    public static boolean isTable(long d, int level) { return level < 3 && (d & 3) == 3; }

    public static boolean isBlock(long d, int level) { return (level == 1 || level == 2) && (d & 3) == 1; }

    public static boolean isPage(long d, int level) { return level == 3 && (d & 3) == 3; }

    /** A valid descriptor that maps memory (block or page), not a pointer to a table. */
    public static boolean isLeaf(long d, int level) { return isBlock(d, level) || isPage(d, level); }

    /** The next-level table a table descriptor points at. */
    public static long tableAddress(long d) { return d & OA_MASK; }

    /** The output address of a block or page, aligned to the entry size. */
    public static long outputAddress(long d, int level) { return d & OA_MASK & -entrySize(level); }

    public static int attrIndx(long d) { return (int) ((d & ATTR_INDX_MASK) >>> ATTR_INDX_SHIFT); }

    /** AP[2:1] as the two-bit value the ARM ARM tabulates. */
    public static int ap(long d) { return (int) ((d >>> 6) & 3); }

    public static int shareability(long d) { return (int) ((d & SH_MASK) >>> SH_SHIFT); }

    public static long table(long tablePa) { return (tablePa & OA_MASK) | 3; }

    /**
     * A block (levels 1-2) or page (level 3) descriptor mapping {@code pa}
     * with {@link Prot} bits: AF set; inner shareable; read-only unless WRITE;
     * EL0 access for USER, which is also non-global; user memory is never
     * executable at EL1 (PXN), kernel memory never at EL0 (UXN); device
     * memory is executable nowhere.
     */
    public static long leaf(long pa, int prot, int level) {
        long d = (pa & OA_MASK) | VALID | AF | (long) SH_INNER << SH_SHIFT;
        if (level == 3) d |= TYPE_TABLE_OR_PAGE;
        return d | attributeBits(prot);
    }

    /** The attribute bits of {@link #leaf} without address and type. */
    public static long attributeBits(int prot) {
        long d = 0;
        int index = (prot & Prot.DEVICE) != 0 ? MemoryAttributes.DEVICE_nGnRE
                : (prot & Prot.NOCACHE) != 0 ? MemoryAttributes.NORMAL_NC : MemoryAttributes.NORMAL;
        d |= (long) index << ATTR_INDX_SHIFT;
        if ((prot & Prot.WRITE) == 0) d |= AP_RO;
        boolean user = (prot & Prot.USER) != 0;
        if (user) d |= AP_EL0 | NG;
        boolean exec = (prot & Prot.EXEC) != 0 && (prot & Prot.DEVICE) == 0;
        if (user) {
            d |= PXN;
            if (!exec) d |= UXN;
        } else {
            d |= UXN;
            if (!exec) d |= PXN;
        }
        return d;
    }

    /** Replaces a leaf's permissions and memory type, keeping address, type, AF, SH and software bits. */
    public static long withProt(long d, int prot) {
        long keep = d & (OA_MASK | 3 | AF | SH_MASK | SOFTWARE_MASK);
        return keep | attributeBits(prot);
    }

    /**
     * Whether two different leaves differ in AP[2:1], PXN and UXN only: the one change of a
     * valid leaf that break-before-make does not cover (ARM ARM D8.16.1), since the output
     * address, memory type and nG that a TLB entry is tagged and used by stay the same.
     */
    public static boolean differsInPermissionsOnly(long d, long nd) {
        return d != nd && ((d ^ nd) & ~(AP_EL0 | AP_RO | PXN | UXN)) == 0;
    }

    /** The {@link Prot} bits a leaf grants. */
    public static int prot(long d) {
        if (!isValid(d)) return 0;
        int p = Prot.READ;
        if ((d & AP_RO) == 0) p |= Prot.WRITE;
        boolean user = (d & AP_EL0) != 0;
        if (user) p |= Prot.USER;
        int index = attrIndx(d);
        if (MemoryAttributes.isDevice(index)) p |= Prot.DEVICE;
        else if (index == MemoryAttributes.NORMAL_NC) p |= Prot.NOCACHE;
        if (user ? (d & UXN) == 0 : (d & PXN) == 0) p |= Prot.EXEC;
        return p;
    }

    /** A one-line decoding, for test failure messages and debugging. */
    public static String describe(long d, int level) {
        if (!isValid(d)) return "invalid";
        if (isTable(d, level)) return "table -> 0x" + Long.toHexString(tableAddress(d));
        return (isBlock(d, level) ? "block" : "page") + " 0x" + Long.toHexString(outputAddress(d, level))
                + " attr=" + attrIndx(d) + " ap=" + ap(d) + " sh=" + shareability(d) + ((d & AF) != 0 ? " AF" : "")
                + ((d & NG) != 0 ? " nG" : "") + ((d & PXN) != 0 ? " PXN" : "") + ((d & UXN) != 0 ? " UXN" : "");
    }
}
