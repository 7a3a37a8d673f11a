package lichen.libkernel.bench;

import java.util.Random;
import lichen.api.HostOnly;
import lichen.api.PA;
import lichen.api.SimulatedMemory;
import lichen.api.VA;
import lichen.libkernel.mm.BuddyAllocator;
import lichen.libkernel.mm.PageTable;
import lichen.libkernel.mm.Prot;
import lichen.libkernel.mm.SlabAllocator;
import lichen.libkernel.mm.TlbMaintenance;
import lichen.libkernel.mm.VmaSet;

/**
 * Operation rates of the allocators and page tables as they run on the JVM
 * over simulated memory: figures to compare between changes, not assertions.
 * Run with {@code just bench-libkernel}.
 */
@HostOnly
public final class AllocatorBench {
    private static final long RAM = 0x4000_0000L;
    private static final int PAGES = 1 << 18; // 1 GiB
    private static long sink;

    interface Op {
        /** Runs {@code n} operations. */
        void run(int n);
    }

    private static void measure(String name, int n, Op op) {
        op.run(n / 10); // warm up
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            op.run(n);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("%-44s %12.0f ops/s  %8.1f ns/op%n", name, n * 1e9 / best, (double) best / n);
    }

    private static BuddyAllocator freshBuddy() {
        SimulatedMemory.install(new SimulatedMemory(RAM, (long) PAGES << 12));
        BuddyAllocator b = new BuddyAllocator(RAM, PAGES);
        b.addFreeRange(RAM, RAM + ((long) PAGES << 12));
        return b;
    }

    public static void main(String[] args) {
        System.out.println("libkernel allocator and page-table rates (JVM, simulated memory; best of 5)");
        BuddyAllocator buddy = freshBuddy();
        long[] held = new long[100_000];

        measure("buddy alloc+free order 0 (LIFO pairs)", 1_000_000, n -> {
            for (int i = 0; i < n; i++) {
                long p = buddy.allocPages(0);
                sink += buddy.freePages(p, 0);
            }
        });
        measure("buddy alloc 100k order 0, then free all", 100_000, n -> {
            for (int i = 0; i < n; i++) held[i] = buddy.allocPages(0);
            for (int i = 0; i < n; i++) sink += buddy.freePages(held[i], 0);
        });
        Random r = new Random(1);
        int[] orders = new int[100_000];
        for (int i = 0; i < orders.length; i++) orders[i] = r.nextInt(100) < 80 ? r.nextInt(3) : r.nextInt(11);
        measure("buddy random orders 0..10, free shuffled", 50_000, n -> {
            int k = 0;
            for (int i = 0; i < n; i++) {
                long p = buddy.allocPages(orders[i]);
                if (p >= 0) held[k++] = p | orders[i];
            }
            for (int i = k - 1; i > 0; i -= 2) { long t = held[i]; held[i] = held[i / 2]; held[i / 2] = t; }
            for (int i = 0; i < k; i++) sink += buddy.freePages(held[i] & ~4095L, (int) (held[i] & 4095));
        });

        SlabAllocator slab = new SlabAllocator(buddy, 4);
        measure("slab alloc+free 64 B, same CPU (magazine hit)", 1_000_000, n -> {
            for (int i = 0; i < n; i++) {
                long o = slab.alloc(0, 64);
                sink += slab.free(0, o);
            }
        });
        measure("slab 50k live 192 B objects, then free", 50_000, n -> {
            for (int i = 0; i < n; i++) held[i] = slab.alloc(i & 3, 192);
            for (int i = 0; i < n; i++) sink += slab.free((i + 1) & 3, held[i]);
        });

        PageTable pt = PageTable.create(buddy, TlbMaintenance.NONE);
        int rw = Prot.READ | Prot.WRITE | Prot.USER;
        measure("page table map+unmap one 4 KiB page", 200_000, n -> {
            for (int i = 0; i < n; i++) {
                long va = 0x10_0000_0000L + ((long) (i & 0xffff) << 12);
                sink += pt.map(VA.of(va), PA.of(RAM), 4096, rw);
                sink += pt.unmap(VA.of(va), 4096);
            }
        });
        measure("page table map 2 MiB as 512 pages + unmap", 2_000, n -> {
            for (int i = 0; i < n; i++) {
                sink += pt.map(VA.of(0x20_0000_0000L), PA.of(RAM), 2 << 20, rw);
                sink += pt.unmap(VA.of(0x20_0000_0000L), 2 << 20);
            }
        });
        pt.map(VA.of(0x30_0000_0000L), PA.of(RAM), 64 << 20, rw);
        measure("page table translate (4-level walk)", 2_000_000, n -> {
            for (int i = 0; i < n; i++) sink += pt.translate(VA.of(0x30_0000_0000L + ((long) (i & 16383) << 12)));
        });

        measure("vma mmap (top-down) + munmap, 64 areas live", 200_000, n -> {
            VmaSet set = new VmaSet(0x10000, 0x7F00_0000_0000L);
            long[] at = new long[64];
            for (int i = 0; i < 64; i++) at[i] = set.map(0, 4096 * (1 + (i & 3)), 1 + (i & 1), 0);
            for (int i = 0; i < n; i++) {
                int k = i & 63;
                sink += set.unmap(at[k], 4096);
                at[k] = set.map(0, 4096, 1 + (i & 1), 0);
            }
        });
        System.out.println("(checksum " + sink + ")");
    }
}
