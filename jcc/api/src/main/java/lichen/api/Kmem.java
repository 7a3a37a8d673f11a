package lichen.api;

/**
 * Explicit frees of long-lived memory: objects of {@link Slab} classes and
 * arrays made by {@link #newBytes} and friends.
 *
 * <p>On the JVM it counts allocations and frees per class so tests can assert
 * that nothing leaks and nothing is freed twice; compiled by jcc, the runtime
 * replaces it with the slab and page allocators.
 */
public final class Kmem {
    private static final java.util.IdentityHashMap<Object, Boolean> live = new java.util.IdentityHashMap<>();
    private static long frees;

    private Kmem() {}

    /** Gives a slab object or a long-lived array back. Freeing twice is an error. */
    public static void free(Object o) {
        if (o == null) throw new NullPointerException("Kmem.free(null)");
        if (live.containsKey(o) && !live.get(o)) throw new IllegalStateException("double free of " + o.getClass().getName());
        live.put(o, false);
        frees++;
    }

    /** A long-lived byte array, zeroed; freed with {@link #free}. */
    public static byte[] newBytes(int n) { return track(new byte[n]); }

    /** A long-lived long array, zeroed; freed with {@link #free}. */
    public static long[] newLongs(int n) { return track(new long[n]); }

    /** A long-lived int array, zeroed; freed with {@link #free}. */
    public static int[] newInts(int n) { return track(new int[n]); }

    /** Records a long-lived object as allocated (slab classes call it from their constructors on the JVM). */
    public static <T> T track(T o) {
        live.put(o, true);
        return o;
    }

    /** Objects tracked and not yet freed. */
    public static int liveCount() {
        int n = 0;
        for (boolean b : live.values()) if (b) n++;
        return n;
    }

    public static long freeCount() { return frees; }

    /** Forgets all bookkeeping (between tests). */
    public static void reset() { live.clear(); frees = 0; }
}
