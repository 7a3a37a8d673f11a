package lichen.rt;

/**
 * What the runtime asks of the compiler: each method here is replaced by jcc
 * with inline code; none has a body that runs. Only the runtime uses them.
 */
public final class Intrinsics {
    private Intrinsics() {}

    /** The address of an object (its header word). */
    public static long addressOf(Object o) { throw hostless(); }

    /** The object whose header is at {@code address}. */
    public static Object objectAt(long address) { throw hostless(); }

    /** The address of element 0 of any array. */
    public static long arrayData(Object array) { throw hostless(); }

    /** Bytes per element of an array (1, 2, 4 or 8). */
    public static int arrayElementSize(Object array) { throw hostless(); }

    /** The Java name of an object's class, as {@code getClass().getName()} gives it ("java.lang.String", "Main$Inner"). */
    public static String className(Object o) { throw hostless(); }

    /** A new zeroed array of the same type as {@code array} (int[], String[], ...), of {@code length} elements. */
    public static Object newArrayLike(Object array, int length) { throw hostless(); }

    /** A shallow copy of an object or array, allocated like {@code new}. */
    public static Object shallowClone(Object o) { throw hostless(); }

    /** Raw loads and stores at an address. */
    public static byte load8(long address) { throw hostless(); }
    public static long load64(long address) { throw hostless(); }
    public static void store8(long address, byte v) { throw hostless(); }
    public static void store64(long address, long v) { throw hostless(); }
    public static int load16(long address) { throw hostless(); }
    public static int load32(long address) { throw hostless(); }
    public static void store16(long address, int v) { throw hostless(); }
    public static void store32(long address, int v) { throw hostless(); }

    /** {@code memset}. */
    public static void fillMemory(long dst, int value, long bytes) { throw hostless(); }

    /** Atomic compare-and-swap of the 64-bit word at an address, sequentially consistent. */
    public static boolean compareAndSwap64(long address, long expect, long update) { throw hostless(); }

    /** Atomic add to the 64-bit word at an address; returns the previous value. */
    public static long getAndAdd64(long address, long delta) { throw hostless(); }

    /** Atomic exchange of the 64-bit word at an address; returns the previous value. */
    public static long getAndSet64(long address, long value) { throw hostless(); }

    /** {@code memmove}: overlapping copies are correct. */
    /** DMB ISH, and a compiler barrier: no memory access moves across it. */
    public static void memoryBarrier() { throw hostless(); }

    public static void copyMemory(long dst, long src, long bytes) { throw hostless(); }

    /** {@code memset} to zero. */
    public static void zeroMemory(long dst, long bytes) { throw hostless(); }

    /** The return addresses of the active frames, innermost first; the count written. */
    public static int backtrace(long[] returnAddresses) { throw hostless(); }

    /** "Class.method(File.java:LINE)" for a return address, or null when it is not compiled code. */
    public static String describeFrame(long returnAddress) { throw hostless(); }

    /** The source line of the call before a return address, from the image's line table; 0 when unknown. */
    public static int frameLine(long returnAddress) { throw hostless(); }

    private static UnsupportedOperationException hostless() {
        return new UnsupportedOperationException("a jcc intrinsic: only in compiled code");
    }
}
