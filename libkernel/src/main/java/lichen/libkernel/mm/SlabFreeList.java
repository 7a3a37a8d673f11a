package lichen.libkernel.mm;

import lichen.api.Mem;
import lichen.api.PA;
import lichen.api.Unsafe;

/**
 * The free objects of a slab are chained through their own first word (as
 * SLUB does): the only raw-memory access of the slab allocator.
 */
@Unsafe
final class SlabFreeList {
    private SlabFreeList() {}

    static long next(long object) { return Mem.load64(object); }

    static void setNext(long object, long next) { Mem.store64(object, next); }

    static void zero(long object, int size) { Mem.zero(PA.of(object), size); }
}
