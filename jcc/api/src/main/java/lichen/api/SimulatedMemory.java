package lichen.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Physical memory for the JVM: what {@link Mem} loads from and stores to when
 * kernel code runs as ordinary Java. Little-endian, as AArch64 Linux runs.
 *
 * <p>Backing is sparse: a page of bytes is made on the first store to it, and
 * loads from untouched pages read zero, so a 4 GiB physical space costs only
 * the pages a test writes. Addresses outside the installed window are a bus
 * error (an exception), so a stray pointer fails the test that made it.
 *
 * <p>Tests install one with {@link #install}; {@link Mem} uses the installed one.
 */
@HostOnly
public final class SimulatedMemory {
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE = 1 << PAGE_SHIFT;
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] ZERO_PAGE = new byte[PAGE];

    private static SimulatedMemory installed;

    private final long base;
    private final long size;
    // Open addressing on page numbers; key -1 marks an empty slot.
    private long[] keys = new long[64];
    private byte[][] pages = new byte[64][];
    private int count;
    private long loads;
    private long stores;

    /** A window of physical address space [base, base + size). */
    public SimulatedMemory(long base, long size) {
        if (size <= 0 || (base & (PAGE - 1)) != 0 || (size & (PAGE - 1)) != 0)
            throw new IllegalArgumentException("base and size must be page-aligned and size positive");
        this.base = base;
        this.size = size;
        Arrays.fill(keys, -1);
    }

    /** Makes {@code m} the memory that {@link Mem} acts on; returns it. */
    public static SimulatedMemory install(SimulatedMemory m) {
        installed = m;
        return m;
    }

    /** The installed memory; an error when there is none. */
    public static SimulatedMemory current() {
        SimulatedMemory m = installed;
        if (m == null) throw new IllegalStateException("no SimulatedMemory installed: tests call SimulatedMemory.install first");
        return m;
    }

    public static void uninstall() { installed = null; }

    public long base() { return base; }

    public long size() { return size; }

    /** Pages that have backing (were stored to). */
    public int pagesTouched() { return count; }

    public long loadCount() { return loads; }

    public long storeCount() { return stores; }

    private void check(long pa, long len) {
        if (Long.compareUnsigned(pa - base, size) >= 0 || Long.compareUnsigned(len, size - (pa - base)) > 0)
            throw new IllegalArgumentException("bus error: physical access 0x" + Long.toHexString(pa) + "+" + len
                    + " outside [0x" + Long.toHexString(base) + ", 0x" + Long.toHexString(base + size) + ")");
    }

    private int slot(long pn) {
        long h = pn * 0x9E3779B97F4A7C15L;
        int mask = keys.length - 1;
        int i = (int) (h >>> 40) & mask;
        while (keys[i] != -1 && keys[i] != pn) i = (i + 1) & mask;
        return i;
    }

    private byte[] pageForRead(long pn) {
        int i = slot(pn);
        return keys[i] == pn ? pages[i] : ZERO_PAGE;
    }

    private byte[] pageForWrite(long pn) {
        int i = slot(pn);
        if (keys[i] == pn) return pages[i];
        if ((count + 1) * 2 > keys.length) {
            grow();
            i = slot(pn);
        }
        keys[i] = pn;
        byte[] p = new byte[PAGE];
        pages[i] = p;
        count++;
        return p;
    }

    private void grow() {
        long[] oldKeys = keys;
        byte[][] oldPages = pages;
        keys = new long[oldKeys.length * 2];
        pages = new byte[oldKeys.length * 2][];
        Arrays.fill(keys, -1);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == -1) continue;
            int i = slot(oldKeys[j]);
            keys[i] = oldKeys[j];
            pages[i] = oldPages[j];
        }
    }

    private static boolean within(long pa, int len) { return ((pa & (PAGE - 1)) + len) <= PAGE; }

    public int load8(long pa) {
        check(pa, 1);
        loads++;
        return pageForRead(pa >>> PAGE_SHIFT)[(int) (pa & (PAGE - 1))] & 0xff;
    }

    public int load16(long pa) {
        check(pa, 2);
        if (!within(pa, 2)) return load8(pa) | load8(pa + 1) << 8;
        loads++;
        return (short) I16.get(pageForRead(pa >>> PAGE_SHIFT), (int) (pa & (PAGE - 1))) & 0xffff;
    }

    public int load32(long pa) {
        check(pa, 4);
        if (!within(pa, 4)) return load16(pa) | load16(pa + 2) << 16;
        loads++;
        return (int) I32.get(pageForRead(pa >>> PAGE_SHIFT), (int) (pa & (PAGE - 1)));
    }

    public long load64(long pa) {
        check(pa, 8);
        if (!within(pa, 8)) return (load32(pa) & 0xffffffffL) | (long) load32(pa + 4) << 32;
        loads++;
        return (long) I64.get(pageForRead(pa >>> PAGE_SHIFT), (int) (pa & (PAGE - 1)));
    }

    public void store8(long pa, int v) {
        check(pa, 1);
        stores++;
        pageForWrite(pa >>> PAGE_SHIFT)[(int) (pa & (PAGE - 1))] = (byte) v;
    }

    public void store16(long pa, int v) {
        check(pa, 2);
        if (!within(pa, 2)) { store8(pa, v); store8(pa + 1, v >>> 8); return; }
        stores++;
        I16.set(pageForWrite(pa >>> PAGE_SHIFT), (int) (pa & (PAGE - 1)), (short) v);
    }

    public void store32(long pa, int v) {
        check(pa, 4);
        if (!within(pa, 4)) { store16(pa, v); store16(pa + 2, v >>> 16); return; }
        stores++;
        I32.set(pageForWrite(pa >>> PAGE_SHIFT), (int) (pa & (PAGE - 1)), v);
    }

    public void store64(long pa, long v) {
        check(pa, 8);
        if (!within(pa, 8)) { store32(pa, (int) v); store32(pa + 4, (int) (v >>> 32)); return; }
        stores++;
        I64.set(pageForWrite(pa >>> PAGE_SHIFT), (int) (pa & (PAGE - 1)), v);
    }

    /** Copies {@code len} bytes; overlapping ranges behave as memmove. */
    public void copy(long dst, long src, long len) {
        check(dst, len);
        check(src, len);
        if (len == 0) return;
        byte[] tmp = new byte[(int) Math.min(len, 1 << 20)];
        for (long done = 0; done < len; ) {
            int n = (int) Math.min(tmp.length, len - done);
            // For a backward overlap, copy from the end so each chunk reads unmodified bytes.
            long off = Long.compareUnsigned(dst, src) > 0 && dst - src < len ? len - done - n : done;
            readInto(src + off, tmp, 0, n);
            writeFrom(dst + off, tmp, 0, n);
            done += n;
        }
    }

    /** Sets {@code len} bytes to {@code value}. */
    public void fill(long dst, int value, long len) {
        check(dst, len);
        long pa = dst;
        long end = dst + len;
        while (pa != end) {
            int off = (int) (pa & (PAGE - 1));
            int n = (int) Math.min(PAGE - off, end - pa);
            if (value == 0 && pageForRead(pa >>> PAGE_SHIFT) == ZERO_PAGE) { pa += n; continue; }
            Arrays.fill(pageForWrite(pa >>> PAGE_SHIFT), off, off + n, (byte) value);
            stores++;
            pa += n;
        }
    }

    /** Reads {@code len} bytes at {@code src} into {@code dst[off..]}. */
    public void readInto(long src, byte[] dst, int off, int len) {
        check(src, len);
        long pa = src;
        int i = off;
        int end = off + len;
        while (i < end) {
            int po = (int) (pa & (PAGE - 1));
            int n = Math.min(PAGE - po, end - i);
            System.arraycopy(pageForRead(pa >>> PAGE_SHIFT), po, dst, i, n);
            loads++;
            i += n;
            pa += n;
        }
    }

    /** Writes {@code src[off..off+len)} at {@code dst}. */
    public void writeFrom(long dst, byte[] src, int off, int len) {
        check(dst, len);
        long pa = dst;
        int i = off;
        int end = off + len;
        while (i < end) {
            int po = (int) (pa & (PAGE - 1));
            int n = Math.min(PAGE - po, end - i);
            System.arraycopy(src, i, pageForWrite(pa >>> PAGE_SHIFT), po, n);
            stores++;
            i += n;
            pa += n;
        }
    }
}
