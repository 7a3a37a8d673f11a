package lichen.libkernel.mm;

/**
 * Which slab cache owns each page frame of the buddy's range (Linux keeps
 * this in struct page's slab_cache), so a free of an address finds its cache
 * in O(1). 0 means no cache.
 */
final class SlabOwners {
    private final long basePfn;
    private final short[] owner;

    SlabOwners(long basePa, int frames) {
        this.basePfn = basePa >>> 12;
        this.owner = new short[frames];
    }

    void set(long pa, int order, int cache) {
        long f = (pa >>> 12) - basePfn;
        for (int i = 0; i < (1 << order); i++) owner[(int) f + i] = (short) cache;
    }

    int get(long pa) {
        long f = (pa >>> 12) - basePfn;
        return f < 0 || f >= owner.length ? 0 : owner[(int) f];
    }
}
