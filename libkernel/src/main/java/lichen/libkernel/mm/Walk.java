package lichen.libkernel.mm;

/**
 * Where a translation table walk stopped: the level, the descriptor found
 * there (a block, a page, or an invalid entry) and the table it was read from.
 */
public final class Walk {
    private final long va;
    private final int level;
    private final long descriptor;
    private final long table;

    Walk(long va, int level, long descriptor, long table) {
        this.va = va;
        this.level = level;
        this.descriptor = descriptor;
        this.table = table;
    }

    public int level() { return level; }

    public long descriptor() { return descriptor; }

    /** Physical address of the table holding {@link #descriptor}. */
    public long table() { return table; }

    public boolean isMapped() { return Descriptor.isLeaf(descriptor, level); }

    public boolean isBlock() { return Descriptor.isBlock(descriptor, level); }

    /** Bytes the leaf maps: 4 KiB, 2 MiB or 1 GiB. */
    public long mappingSize() { return Descriptor.entrySize(level); }

    /** The translated address, for a mapped walk. */
    public long physicalAddress() {
        return Descriptor.outputAddress(descriptor, level) | (va & (Descriptor.entrySize(level) - 1));
    }

    @Override
    public String toString() { return "walk(0x" + Long.toHexString(va) + ") L" + level + ": " + Descriptor.describe(descriptor, level); }
}
