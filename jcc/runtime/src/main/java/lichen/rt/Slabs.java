package lichen.rt;

import lichen.api.Unsafe;

/**
 * The slab caches behind {@code @Slab} classes: {@code new} of such a class
 * takes an object from the class's free list, kept in its class descriptor,
 * or long-lived memory; {@code Kmem.free} puts it back. A freed object's
 * header is poisoned, so a second free is caught.
 *
 * <p>Descriptor word {@link #DESC_SLAB} holds the head of the free list; a
 * free object's second word links to the next.
 */
@Unsafe
public final class Slabs {
    /** Offset of the free-list head in a class descriptor (jcc's layout/Layout.DESC_SLAB). */
    private static final long DESC_SLAB = 56;
    private static final long DESC_KIND = 48;
    /** The header of a freed object: no descriptor has this address. */
    private static final long FREED = 0xF4EE_F4EE_F4EE_F4EEL;

    private static long live;
    private static long frees;

    private Slabs() {}

    /** What jcc calls for {@code new} of an {@code @Slab} class. */
    public static long allocate(long descriptor, long size) {
        long object = Intrinsics.load64(descriptor + DESC_SLAB);
        if (object != 0) {
            Intrinsics.store64(descriptor + DESC_SLAB, Intrinsics.load64(object + 8));
            Intrinsics.zeroMemory(object, size);
        } else {
            object = Heap.allocateLongLived(size < 16 ? 16 : size);
        }
        Intrinsics.store64(object, descriptor);
        live++;
        return object;
    }

    public static void free(Object o) {
        long object = Intrinsics.addressOf(o);
        long descriptor = Intrinsics.load64(object);
        if (descriptor == FREED) throw new IllegalStateException("Kmem.free: double free of an object at 0x" + Long.toHexString(object));
        live--;
        frees++;
        Intrinsics.store64(object, FREED);
        if (Intrinsics.load8(descriptor + DESC_KIND) >= 2) return; // arrays: Kmem's long-lived arrays are not reused yet
        Intrinsics.store64(object + 8, Intrinsics.load64(descriptor + DESC_SLAB));
        Intrinsics.store64(descriptor + DESC_SLAB, object);
    }

    public static void counted() { live++; }

    public static long live() { return live; }

    public static long frees() { return frees; }
}
