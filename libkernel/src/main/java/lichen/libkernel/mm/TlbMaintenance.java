package lichen.libkernel.mm;

/**
 * TLB invalidation after a descriptor changes (ARM ARM D8.16, "TLB
 * maintenance"): arch issues DSB ISHST; TLBI VAE1IS (or ASIDE1IS); DSB ISH;
 * ISB. Tests count the calls.
 */
public interface TlbMaintenance {
    /** Invalidates entries for the page or block at {@code va}. */
    void invalidate(long va);

    TlbMaintenance NONE = va -> { };
}
