package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Unsafe;
import lichen.libkernel.mm.TlbMaintenance;

/**
 * TLB maintenance for a table, broadcast to every CPU in the inner shareable
 * domain (ARM ARM D8.13, the TLBI ...IS forms): a page by TLBI VAAE1IS, which
 * removes walk-cache entries for it too; a whole flush by TLBI ASIDE1IS for a
 * user table tagged with an ASID, TLBI VMALLE1IS for the kernel's, whose
 * entries are global (nG = 0) and untouched by an ASID's flush.
 */
@Unsafe
public final class BroadcastTlb implements TlbMaintenance {
    /** ASIDs are 8 bits wide (TCR_EL1.AS = 0). */
    private static final int ASIDS = 256;
    private static final BroadcastTlb KERNEL = new BroadcastTlb(-1);
    /** One for each ASID, made at build time, so making an address space allocates none. */
    private static final BroadcastTlb[] BY_ASID = byAsid();

    private final int asid;

    private BroadcastTlb(int asid) { this.asid = asid; }

    private static BroadcastTlb[] byAsid() {
        BroadcastTlb[] all = new BroadcastTlb[ASIDS];
        for (int i = 0; i < ASIDS; i++) all[i] = new BroadcastTlb(i);
        return all;
    }

    /** For the kernel's tables (TTBR1), whose entries are global. */
    public static TlbMaintenance kernel() { return KERNEL; }

    /** For a user table installed with {@code asid} in TTBR0's ASID field. */
    public static TlbMaintenance user(int asid) { return BY_ASID[asid]; }

    @Override
    public void invalidate(long va) { Cpu.invalidateTlbPage(va); }

    @Override
    public void invalidateAll() {
        if (asid < 0) Cpu.invalidateTlbAll();
        else Cpu.invalidateTlbAsid(asid);
    }
}
