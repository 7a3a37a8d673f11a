package lichen.usertest.bench;

import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.RawMemory;

/**
 * A 64 MiB private anonymous mmap, one byte stored in each of its pages in
 * order, then munmap: per page, a demand-zero write fault (a zeroed frame
 * mapped) and its share of the unmap that frees it. The figure is per page.
 */
final class AnonymousTouchBench {
    private AnonymousTouchBench() {}

    static final long SIZE = 64L << 20;
    static final long PAGES = SIZE / Mman.PAGE_SIZE;

    static boolean run(String name) {
        return Measurement.report(name, "page", PAGES, rounds -> {
            for (long i = 0; i < rounds; i++) {
                long base = Linux.mmap(0, SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
                if (base < 0) {
                    return "mmap: " + Errno.describe(base);
                }
                for (long page = 0; page < PAGES; page++) {
                    RawMemory.store8(base + page * Mman.PAGE_SIZE, 1);
                }
                long r = Linux.munmap(base, SIZE);
                if (r < 0) {
                    return "munmap: " + Errno.describe(r);
                }
            }
            return null;
        });
    }
}
