package lichen.libkernel.mm;

/**
 * What a mapping allows, independent of the descriptor format: the bits that
 * mmap's PROT_READ/PROT_WRITE/PROT_EXEC carry (same values), whether EL0 may
 * use it, and the memory type. {@link Descriptor} turns them into AP, UXN,
 * PXN, AttrIndx and nG bits.
 */
public final class Prot {
    private Prot() {}

    public static final int READ = 1;   // PROT_READ
    public static final int WRITE = 2;  // PROT_WRITE
    public static final int EXEC = 4;   // PROT_EXEC
    /** Accessible from EL0 (user space). */
    public static final int USER = 8;
    /** Device-nGnRE memory (MMIO). */
    public static final int DEVICE = 16;
    /** Normal non-cacheable memory (DMA buffers). */
    public static final int NOCACHE = 32;

    public static final int ALL = READ | WRITE | EXEC | USER | DEVICE | NOCACHE;

    public static boolean has(int prot, int bits) { return (prot & bits) == bits; }

    /** "rwx" style, for messages and tests. */
    public static String describe(int prot) {
        return ((prot & READ) != 0 ? "r" : "-") + ((prot & WRITE) != 0 ? "w" : "-") + ((prot & EXEC) != 0 ? "x" : "-")
                + ((prot & USER) != 0 ? "u" : "k") + ((prot & DEVICE) != 0 ? "D" : "") + ((prot & NOCACHE) != 0 ? "N" : "");
    }
}
