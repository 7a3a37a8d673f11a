package lichen.arch.aarch64;

import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The PL031 real-time clock (ARM DDI 0224, 3.3.1): RTCDR at offset 0 holds
 * the seconds since the epoch that QEMU set it to from the host's clock.
 */
@Unsafe
public final class Pl031 {
    private static final long RTCDR = 0x000;

    private Pl031() {}

    /** The seconds the clock at physical address {@code base} reads now. */
    public static long seconds(long base) { return Mmio.read32(Mmu.virtualOf(base) + RTCDR) & 0xffffffffL; }
}
