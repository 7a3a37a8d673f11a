package lichen.api;

/**
 * Device register access: each call is one volatile load or store of the
 * given width at a physical (or, with the MMU on, device-mapped virtual)
 * address, never merged, split or reordered with other device accesses by
 * the compiler. Allowed only in {@link Unsafe} classes.
 *
 * <p>On the JVM there are no devices; tests fake the register blocks above this.
 */
public final class Mmio {
    private Mmio() {}

    public static int read32(long address) { throw hostless(); }
    public static void write32(long address, int value) { throw hostless(); }
    public static int read8(long address) { throw hostless(); }
    public static void write8(long address, int value) { throw hostless(); }
    public static long read64(long address) { throw hostless(); }
    public static void write64(long address, long value) { throw hostless(); }

    private static UnsupportedOperationException hostless() {
        return new UnsupportedOperationException("MMIO: only in code compiled by jcc --target kernel");
    }
}
