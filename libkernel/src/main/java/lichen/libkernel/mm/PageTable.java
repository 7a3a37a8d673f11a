package lichen.libkernel.mm;

import lichen.api.PA;
import lichen.api.VA;
import lichen.libkernel.Errno;

/**
 * A four-level AArch64 stage 1 translation table (4 KiB granule, 48-bit VA,
 * ARM ARM D8.2): map, unmap, protect, walk and translate over its tree of
 * table pages, which come from a {@link FrameAllocator} and are read and
 * written only through {@link TableMemory}.
 *
 * <p>One table serves one half of the address space (TTBR0 for user, TTBR1
 * for kernel): both halves index with VA bits [47:12], and a range must not
 * cross between them. Replacing a valid entry by another valid one follows
 * break-before-make (D8.16.1): clear it, invalidate the TLB, then write;
 * a change of permissions alone needs no break. Tables left empty by unmap
 * are freed. Unmap and protect invalidate a small range page by page and a
 * large one with one whole flush at the end ({@link TlbGather}).
 */
public final class PageTable {
    /** Allow 1 GiB and 2 MiB block descriptors where the range and address are aligned. */
    public static final int ALLOW_BLOCKS = 1;

    /** Result codes of {@link #access}: a fault class (ARM ARM D8.4 ESR_ELx.DFSC groups). */
    public static final int OK = 0;
    public static final int TRANSLATION_FAULT = 1;
    public static final int PERMISSION_FAULT = 2;

    private final FrameAllocator frames;
    private final TlbMaintenance tlb;
    private final TlbGather gather;
    private final long root;
    private long tablePages;

    private PageTable(FrameAllocator frames, TlbMaintenance tlb, long root) {
        this.frames = frames;
        this.tlb = tlb;
        this.gather = new TlbGather(frames, tlb);
        this.root = root;
        this.tablePages = 1;
    }

    /** A new, empty table, or null when no page is free for its root. */
    public static PageTable create(FrameAllocator frames, TlbMaintenance tlb) {
        long root = frames.allocPages(0);
        if (root < 0) return null;
        TableMemory.zero(root);
        return new PageTable(frames, tlb, root);
    }

    /** The root table's physical address: the value for TTBRn_EL1's BADDR. */
    public PA root() { return PA.of(root); }

    /** Table pages in use, the root included. */
    public long tablePages() { return tablePages; }

    private static int index(long va, int level) { return (int) ((va >>> Descriptor.shift(level)) & 511); }

    private static boolean sameHalf(long start, long endInclusive) {
        long hs = start >> 48;
        long he = endInclusive >> 48;
        return hs == he && (hs == 0 || hs == -1);
    }

    private static int checkRange(long va, long size) {
        if (size <= 0 || ((va | size) & 4095) != 0) return -Errno.EINVAL;
        long last = va + size - 1;
        if (Long.compareUnsigned(last, va) < 0 || !sameHalf(va, last)) return -Errno.EINVAL;
        return 0;
    }

    private long newTable() {
        long t = frames.allocPages(0);
        if (t < 0) return t;
        TableMemory.zero(t);
        tablePages++;
        return t;
    }

    private void freeTable(long t) {
        frames.freePages(t, 0);
        tablePages--;
    }

    /**
     * Maps [va, va + size) to [pa, pa + size) with {@link Prot} bits.
     * 0, -EINVAL for unaligned, empty, non-canonical or half-crossing ranges
     * or a PA beyond 48 bits, -EEXIST when any page in the range is mapped
     * already (nothing changes), -ENOMEM when table pages run out (nothing
     * stays mapped).
     */
    public int map(VA va, PA pa, long size, int prot, int flags) { return map(va.raw(), pa.raw(), size, prot, flags); }

    /**
     * {@link #map(VA, PA, long, int, int)} on raw addresses, for callers that still keep
     * addresses as longs. Neither form allocates (jcc compiles a word to a bare 64-bit value,
     * docs/jcc.md), so the kernel can map memory for its own heap while that heap is full.
     */
    public int map(long va, long pa, long size, int prot, int flags) {
        int rc = checkRange(va, size);
        if (rc < 0) return rc;
        if ((pa & 4095) != 0 || ((pa + size - 1) >>> 48) != 0 || (prot & ~Prot.ALL) != 0) return -Errno.EINVAL;
        if (anyMapped(root, 0, va, va + size)) return -Errno.EEXIST;
        rc = mapLevel(root, 0, va, va + size, pa, prot, (flags & ALLOW_BLOCKS) != 0);
        if (rc < 0) unmap(va, size, null);
        return rc;
    }

    public int map(VA va, PA pa, long size, int prot) { return map(va, pa, size, prot, 0); }

    /**
     * Maps the one 4 KiB page at {@code va} to {@code pa}: {@link #map(long, long, long, int, int)}
     * for a page fault, in one walk from the root that makes the missing tables on its way
     * down and writes the leaf where it ends. 0, -EEXIST when something maps {@code va}
     * already (nothing changes), -ENOMEM (the tables made on the way are freed), -EINVAL.
     * Allocates nothing but table pages.
     */
    public int mapPage(long va, long pa, int prot) {
        int rc = checkRange(va, 4096);
        if (rc < 0) return rc;
        if ((pa & 4095) != 0 || (pa >>> 48) != 0 || (prot & ~Prot.ALL) != 0) return -Errno.EINVAL;
        long table = root;
        for (int level = 0; level < 3; level++) {
            int i = index(va, level);
            long d = TableMemory.read(table, i);
            if (!Descriptor.isValid(d)) {
                long child = newTable();
                if (child < 0) {
                    unmap(va, 4096, null); // frees the empty tables made above
                    return (int) child;
                }
                TableMemory.write(table, i, Descriptor.table(child));
                table = child;
            } else if (Descriptor.isTable(d, level)) {
                table = Descriptor.tableAddress(d);
            } else {
                return -Errno.EEXIST; // a block maps it
            }
        }
        int i = index(va, 3);
        if (Descriptor.isValid(TableMemory.read(table, i))) return -Errno.EEXIST;
        TableMemory.write(table, i, Descriptor.leaf(pa, prot, 3));
        return 0;
    }

    // Address arithmetic within a half is done on the low 48 bits plus the half's sign, so the end of the
    // high half (2^64) is handled as 0 by "end - 1" comparisons.
    private static long nextBoundary(long va, int level, long end) {
        long n = (va & -Descriptor.entrySize(level)) + Descriptor.entrySize(level);
        return Long.compareUnsigned(n - 1, end - 1) < 0 ? n : end;
    }

    private boolean anyMapped(long table, int level, long va, long end) {
        while (va != end) {
            long next = nextBoundary(va, level, end);
            long d = TableMemory.read(table, index(va, level));
            if (Descriptor.isValid(d)) {
                if (!Descriptor.isTable(d, level)) return true;
                if (anyMapped(Descriptor.tableAddress(d), level + 1, va, next)) return true;
            }
            va = next;
        }
        return false;
    }

    private int mapLevel(long table, int level, long va, long end, long pa, int prot, boolean blocks) {
        while (va != end) {
            long next = nextBoundary(va, level, end);
            int i = index(va, level);
            long size = Descriptor.entrySize(level);
            if (level == 3) {
                TableMemory.write(table, i, Descriptor.leaf(pa, prot, 3));
            } else if (blocks && level >= 1 && next - va == size && (pa & (size - 1)) == 0) {
                TableMemory.write(table, i, Descriptor.leaf(pa, prot, level));
            } else {
                long d = TableMemory.read(table, i);
                long child;
                if (Descriptor.isValid(d)) {
                    child = Descriptor.tableAddress(d);
                } else {
                    child = newTable();
                    if (child < 0) return (int) child;
                    TableMemory.write(table, i, Descriptor.table(child));
                }
                int rc = mapLevel(child, level + 1, va, next, pa, prot, blocks);
                if (rc < 0) return rc;
            }
            pa += next - va;
            va = next;
        }
        return 0;
    }

    /**
     * Removes every mapping in [va, va + size); holes are skipped. A block
     * partly inside is split first. 0, -EINVAL for a bad range, -ENOMEM when
     * a split needs a table page that is not there (the part before it is
     * unmapped).
     */
    public int unmap(VA va, long size) { return unmap(va.raw(), size); }

    /** {@link #unmap(VA, long)} on a raw address. */
    public int unmap(long va, long size) { return unmap(va, size, null); }

    /**
     * {@link #unmap(long, long)}, handing each 4 KiB frame the range mapped to
     * {@code released} (when not null) once no TLB entry can reach it, so the
     * caller may free it there.
     */
    public int unmap(long va, long size, ReleasedFrames released) {
        int rc = checkRange(va, size);
        if (rc < 0) return rc;
        gather.begin(size, released);
        rc = unmapLevel(root, 0, va, va + size);
        gather.end();
        return rc;
    }

    private int unmapLevel(long table, int level, long va, long end) {
        while (va != end) {
            long next = nextBoundary(va, level, end);
            int i = index(va, level);
            long d = TableMemory.read(table, i);
            if (Descriptor.isValid(d)) {
                long size = Descriptor.entrySize(level);
                boolean whole = next - va == size;
                if (Descriptor.isLeaf(d, level) && whole) {
                    TableMemory.write(table, i, 0);
                    gather.leafChanged(va, Descriptor.outputAddress(d, level), size, true);
                } else {
                    if (Descriptor.isLeaf(d, level)) {
                        int rc = split(table, level, i, d, va & -size);
                        if (rc < 0) return rc;
                        d = TableMemory.read(table, i);
                    }
                    long child = Descriptor.tableAddress(d);
                    int rc = unmapLevel(child, level + 1, va, next);
                    if (rc < 0) return rc;
                    if (TableMemory.isEmpty(child)) {
                        TableMemory.write(table, i, 0);
                        tablePages--;
                        gather.tableRemoved(va, child);
                    }
                }
            }
            va = next;
        }
        return 0;
    }

    // Replaces a block by a table of 512 entries one level down that map the same memory the same way.
    private int split(long table, int level, int i, long block, long blockVa) {
        long child = newTable();
        if (child < 0) return (int) child;
        long oa = Descriptor.outputAddress(block, level);
        long step = Descriptor.entrySize(level + 1);
        long attrs = block & ~(Descriptor.OA_MASK | 3);
        for (int j = 0; j < TableMemory.ENTRIES; j++) {
            long d = ((oa + j * step) & Descriptor.OA_MASK) | attrs | Descriptor.VALID;
            if (level + 1 == 3) d |= Descriptor.TYPE_TABLE_OR_PAGE;
            TableMemory.write(child, j, d);
        }
        TableMemory.write(table, i, 0);
        tlb.invalidate(blockVa);
        TableMemory.write(table, i, Descriptor.table(child));
        return 0;
    }

    /**
     * Gives every mapped page in [va, va + size) the permissions {@code prot};
     * holes are skipped (the VMA layer decides whether holes are an error).
     * Blocks partly inside are split. 0, -EINVAL or -ENOMEM.
     */
    public int protect(VA va, long size, int prot) {
        int rc = checkRange(va.raw(), size);
        if (rc < 0) return rc;
        if ((prot & ~Prot.ALL) != 0) return -Errno.EINVAL;
        gather.begin(size, null);
        rc = protectLevel(root, 0, va.raw(), va.raw() + size, prot, null);
        gather.end();
        return rc;
    }

    /**
     * {@link #protect(VA, long, int)} with each page's permissions chosen by
     * {@code choose} from the frame it maps and its permissions now (copy-on-write
     * keeps a frame other spaces share read-only): one operation, so one flush for
     * a large range.
     * A block is given what {@code choose} says of its first frame.
     */
    public int protect(long va, long size, PageProtection choose) {
        int rc = checkRange(va, size);
        if (rc < 0) return rc;
        gather.begin(size, null);
        rc = protectLevel(root, 0, va, va + size, 0, choose);
        gather.end();
        return rc;
    }

    private int protectLevel(long table, int level, long va, long end, int prot, PageProtection choose) {
        while (va != end) {
            long next = nextBoundary(va, level, end);
            int i = index(va, level);
            long d = TableMemory.read(table, i);
            if (Descriptor.isValid(d)) {
                long size = Descriptor.entrySize(level);
                if (Descriptor.isLeaf(d, level) && next - va == size) {
                    int p = choose == null ? prot : choose.protFor(Descriptor.outputAddress(d, level), Descriptor.prot(d)) & Prot.ALL;
                    long nd = Descriptor.withProt(d, p);
                    if (Descriptor.differsInPermissionsOnly(d, nd)) {
                        // No break needed (D8.16.1): the old or the new permissions apply until the invalidation.
                        TableMemory.write(table, i, nd);
                        gather.leafChanged(va, 0, size, false);
                    } else if (nd != d) {
                        TableMemory.write(table, i, 0);
                        tlb.invalidate(va);
                        TableMemory.write(table, i, nd);
                    }
                } else {
                    if (Descriptor.isLeaf(d, level)) {
                        int rc = split(table, level, i, d, va & -size);
                        if (rc < 0) return rc;
                        d = TableMemory.read(table, i);
                    }
                    int rc = protectLevel(Descriptor.tableAddress(d), level + 1, va, next, prot, choose);
                    if (rc < 0) return rc;
                }
            }
            va = next;
        }
        return 0;
    }

    /** Follows {@code va} down the tree: the last descriptor read and the level it was at. */
    public Walk walk(VA va) {
        long table = root;
        for (int level = 0; ; level++) {
            long d = TableMemory.read(table, index(va.raw(), level));
            if (!Descriptor.isValid(d) || !Descriptor.isTable(d, level)) return new Walk(va.raw(), level, d, table);
            table = Descriptor.tableAddress(d);
        }
    }

    /** The physical address {@code va} maps to, or -EFAULT when it is not mapped. */
    public long translate(VA va) { return translate(va.raw()); }

    /** {@link #translate(VA)} on a raw address. */
    public long translate(long va) {
        long table = root;
        for (int level = 0; ; level++) {
            long d = TableMemory.read(table, index(va, level));
            if (Descriptor.isValid(d) && Descriptor.isTable(d, level)) {
                table = Descriptor.tableAddress(d);
                continue;
            }
            return Descriptor.isLeaf(d, level) ? Descriptor.outputAddress(d, level) | (va & (Descriptor.entrySize(level) - 1)) : -Errno.EFAULT;
        }
    }

    /**
     * The first address in [va, end) that a page or block maps, or {@code end}
     * when none does. Empty entries are skipped whole (a 1 GiB or 2 MiB range
     * with no table under it costs one read), so scanning a large sparse area
     * is cheap. Allocates nothing.
     */
    public long nextMapped(long va, long end) {
        while (Long.compareUnsigned(va, end) < 0) {
            long next = emptyUntil(va);
            if (next == va) return va;
            if (Long.compareUnsigned(next, va) <= 0) return end; // wrapped past the top of the half
            va = next;
        }
        return end;
    }

    // va when a leaf maps it, else the end of the empty entry that covers it.
    private long emptyUntil(long va) {
        long table = root;
        for (int level = 0; ; level++) {
            long d = TableMemory.read(table, index(va, level));
            if (Descriptor.isValid(d) && Descriptor.isTable(d, level)) {
                table = Descriptor.tableAddress(d);
                continue;
            }
            if (Descriptor.isLeaf(d, level)) return va;
            long size = Descriptor.entrySize(level);
            return (va & -size) + size;
        }
    }

    /** The Prot bits of the mapping of {@code va}, or -1 when nothing maps it. Allocates nothing. */
    public int protAt(long va) {
        long table = root;
        for (int level = 0; ; level++) {
            long d = TableMemory.read(table, index(va, level));
            if (Descriptor.isValid(d) && Descriptor.isTable(d, level)) {
                table = Descriptor.tableAddress(d);
                continue;
            }
            return Descriptor.isLeaf(d, level) ? Descriptor.prot(d) : -1;
        }
    }

    /**
     * Whether an access would succeed: {@link #OK}, {@link #TRANSLATION_FAULT}
     * or {@link #PERMISSION_FAULT}. {@code wanted} is Prot READ/WRITE/EXEC;
     * {@code el0} for a user-mode access (AP[1] and UXN apply), otherwise PXN
     * applies and EL1 may read and write user pages (PAN off).
     */
    public int access(VA va, int wanted, boolean el0) {
        Walk w = walk(va);
        if (!w.isMapped()) return TRANSLATION_FAULT;
        int p = Descriptor.prot(w.descriptor());
        if (el0 && (p & Prot.USER) == 0) return PERMISSION_FAULT;
        if ((wanted & Prot.WRITE) != 0 && (p & Prot.WRITE) == 0) return PERMISSION_FAULT;
        if ((wanted & Prot.EXEC) != 0) {
            long d = w.descriptor();
            if ((el0 ? d & Descriptor.UXN : d & Descriptor.PXN) != 0) return PERMISSION_FAULT;
        }
        return OK;
    }

    /** Frees every table page (not the memory they map); the table must not be used afterwards. */
    public void destroy() {
        freeLevel(root, 0);
    }

    private void freeLevel(long table, int level) {
        for (int i = 0; i < TableMemory.ENTRIES; i++) {
            long d = TableMemory.read(table, i);
            if (Descriptor.isTable(d, level)) freeLevel(Descriptor.tableAddress(d), level + 1);
        }
        freeTable(table);
    }
}
