package lichen.rt.lichen.api;

import lichen.rt.Slabs;

/**
 * lichen.api.Kmem in compiled code: frees go to the class's slab cache
 * ({@link Slabs}); long-lived arrays are made in the root region.
 */
public final class TKmem {
    private TKmem() {}

    public static void free(Object o) {
        if (o == null) throw new NullPointerException("Kmem.free(null)");
        Slabs.free(o);
    }

    public static byte[] newBytes(int n) {
        TRegion.Scope s = TRegion.use(TRegion.rootRegion());
        byte[] a = new byte[n];
        s.close();
        Slabs.counted();
        return a;
    }

    public static long[] newLongs(int n) {
        TRegion.Scope s = TRegion.use(TRegion.rootRegion());
        long[] a = new long[n];
        s.close();
        Slabs.counted();
        return a;
    }

    public static int[] newInts(int n) {
        TRegion.Scope s = TRegion.use(TRegion.rootRegion());
        int[] a = new int[n];
        s.close();
        Slabs.counted();
        return a;
    }

    public static <T> T track(T o) { return o; }

    public static int liveCount() { return (int) Slabs.live(); }

    public static long freeCount() { return Slabs.frees(); }

    public static void reset() {}
}
