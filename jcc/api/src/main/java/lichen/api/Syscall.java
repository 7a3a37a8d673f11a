package lichen.api;

/**
 * Linux system calls for code compiled by jcc's {@code linux} target: each
 * {@code invoke} becomes {@code svc #0} with the number in x8 and the
 * arguments in x0..x5 (the AArch64 Linux syscall ABI); the result is the raw
 * x0, a negative errno on failure. Allowed only in {@link Unsafe} classes.
 *
 * <p>On the JVM there is no AArch64 kernel to call, so these throw.
 */
public final class Syscall {
    private Syscall() {}

    public static long invoke(long nr) { return hostless(nr); }
    public static long invoke(long nr, long a0) { return hostless(nr); }
    public static long invoke(long nr, long a0, long a1) { return hostless(nr); }
    public static long invoke(long nr, long a0, long a1, long a2) { return hostless(nr); }
    public static long invoke(long nr, long a0, long a1, long a2, long a3) { return hostless(nr); }
    public static long invoke(long nr, long a0, long a1, long a2, long a3, long a4) { return hostless(nr); }
    public static long invoke(long nr, long a0, long a1, long a2, long a3, long a4, long a5) { return hostless(nr); }

    /** The address of element 0 of an array (arrays never move: there is no collector). */
    public static long addressOf(byte[] a) { return hostless(-1); }
    public static long addressOf(int[] a) { return hostless(-1); }
    public static long addressOf(long[] a) { return hostless(-1); }

    /**
     * The address of an {@link AtomicWord}'s 64-bit value: what futex(2) is given for a lock built on it
     * (the low 32 bits of the little-endian word are the futex word).
     */
    public static long addressOf(AtomicWord w) { return hostless(-1); }

    private static long hostless(long nr) {
        throw new UnsupportedOperationException("system call " + nr + ": only in code compiled by jcc --target linux");
    }
}
