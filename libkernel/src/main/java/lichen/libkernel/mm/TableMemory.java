package lichen.libkernel.mm;

import lichen.api.Mem;
import lichen.api.Unsafe;

/**
 * The only code that touches translation tables in memory: 512 eight-byte
 * descriptors per 4 KiB table, read and written through {@link Mem} by
 * physical address (on the kernel target, through the linear map).
 */
@Unsafe
final class TableMemory {
    private TableMemory() {}

    static final int ENTRIES = 512;

    static long read(long table, int index) { return Mem.load64(table + 8L * index); }

    static void write(long table, int index, long descriptor) { Mem.store64(table + 8L * index, descriptor); }

    static void zero(long table) { Mem.zero(table, 4096); }

    static boolean isEmpty(long table) {
        for (int i = 0; i < ENTRIES; i++) if (Mem.load64(table + 8L * i) != 0) return false;
        return true;
    }
}
