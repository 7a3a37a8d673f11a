package lichen.libkernel.mm;

import lichen.libkernel.Errno;
import lichen.libkernel.fdt.MachineDescription;

/**
 * The early physical allocator (Linux's memblock): the memory banks the device
 * tree names, minus reserved regions (the kernel image, the device tree blob,
 * the initrd, /memreserve/ and /reserved-memory), allocated top-down until the
 * buddy allocator takes over the rest with {@link #handOff}.
 *
 * <p>Both lists are kept sorted and merged, so "free" is a linear sweep.
 */
public final class BootAllocator {
    public static final int MAX_REGIONS = 128;

    private final RegionList memory = new RegionList(MAX_REGIONS);
    private final RegionList reserved = new RegionList(MAX_REGIONS);

    /**
     * The boot allocator for a machine: its RAM banks, minus its reserved
     * regions, the initrd, the device tree blob and the kernel image.
     * Returns null when a table overflows.
     */
    public static BootAllocator fromMachine(MachineDescription m, long dtbBase, long dtbSize, long kernelStart, long kernelEnd) {
        BootAllocator b = new BootAllocator();
        for (int i = 0; i < m.memoryBankCount(); i++) if (b.addMemory(m.memoryBase(i), m.memorySize(i)) < 0) return null;
        for (int i = 0; i < m.reservedCount(); i++) if (b.reserve(m.reservedBase(i), m.reservedSize(i)) < 0) return null;
        if (m.hasInitrd() && b.reserve(m.initrdStart(), m.initrdEnd() - m.initrdStart()) < 0) return null;
        if (b.reserve(dtbBase, dtbSize) < 0 || b.reserve(kernelStart, kernelEnd - kernelStart) < 0) return null;
        return b;
    }

    /** Adds a bank of RAM; -EINVAL when it wraps, -ENOSPC when the table is full. */
    public int addMemory(long base, long size) { return memory.add(base, size); }

    /** Marks a range as not to be handed out; -EINVAL when it wraps, -ENOSPC when full. */
    public int reserve(long base, long size) { return reserved.add(base, size); }

    public RegionList memory() { return memory; }

    public RegionList reserved() { return reserved; }

    /** Total bytes of memory not reserved. */
    public long freeBytes() {
        long[] free = freeRanges();
        long n = 0;
        for (int i = 0; i < free.length; i += 2) n += free[i + 1] - free[i];
        return n;
    }

    /** Free ranges as pairs [start0, end0, start1, end1, ...], ascending. */
    public long[] freeRanges() {
        long[] out = new long[2 * (memory.count() + reserved.count() + 1)];
        int n = 0;
        for (int m = 0; m < memory.count(); m++) {
            long s = memory.base(m);
            long e = memory.end(m);
            for (int r = 0; r < reserved.count() && s < e; r++) {
                long rs = reserved.base(r);
                long re = reserved.end(r);
                if (re <= s || rs >= e) continue;
                if (rs > s) {
                    out[n++] = s;
                    out[n++] = rs;
                }
                s = Math.max(s, re);
            }
            if (s < e) {
                out[n++] = s;
                out[n++] = e;
            }
        }
        long[] exact = new long[n];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }

    /**
     * Allocates {@code size} bytes aligned to {@code align} (a power of two),
     * at the highest address below {@code limit} that fits, and reserves it.
     * Returns the address, -EINVAL for a bad request, -ENOMEM when nothing fits.
     */
    public long alloc(long size, long align, long limit) {
        if (size <= 0 || align <= 0 || Long.bitCount(align) != 1) return -Errno.EINVAL;
        long[] free = freeRanges();
        for (int i = free.length - 2; i >= 0; i -= 2) {
            long end = Math.min(free[i + 1], limit);
            if (end - size < free[i] || end < size) continue;
            long at = (end - size) & -align;
            if (at >= free[i]) {
                int rc = reserve(at, size);
                return rc < 0 ? rc : at;
            }
        }
        return -Errno.ENOMEM;
    }

    public long alloc(long size, long align) { return alloc(size, align, Long.MAX_VALUE); }

    /**
     * Gives every whole free page to {@code buddy}; the boot allocator must not
     * be used afterwards. Returns the pages handed over or a negative errno.
     */
    public long handOff(BuddyAllocator buddy) {
        long[] free = freeRanges();
        long pages = 0;
        for (int i = 0; i < free.length; i += 2) {
            long s = Math.max((free[i] + 4095) & -4096L, buddy.basePa());
            long e = Math.min(free[i + 1] & -4096L, buddy.basePa() + ((long) buddy.frameCount() << 12));
            if (e <= s) continue;
            long n = buddy.addFreeRange(s, e);
            if (n < 0) return n;
            pages += n;
        }
        return pages;
    }
}
