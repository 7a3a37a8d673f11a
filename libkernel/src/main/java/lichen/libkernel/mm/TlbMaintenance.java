package lichen.libkernel.mm;

/**
 * TLB invalidation after a descriptor changes (ARM ARM D8.13, "TLB
 * maintenance"): arch issues DSB ISHST; TLBI; DSB ISH; ISB. Tests count the calls.
 */
public interface TlbMaintenance {
    /** Invalidates entries for the page or block at {@code va}, walk-cache entries for it included (TLBI VAAE1IS, not the last-level VAALE1IS). */
    void invalidate(long va);

    /** Invalidates every entry the table's translations may have left in any TLB (TLBI ASIDE1IS for a user table, VMALLE1IS for the kernel's). */
    void invalidateAll();

    /** For tables no MMU walks (host tests and benchmarks). */
    TlbMaintenance NONE = new TlbMaintenance() {
        @Override
        public void invalidate(long va) {}

        @Override
        public void invalidateAll() {}
    };
}
