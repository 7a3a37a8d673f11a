package lichen.usertest.tests;

import lichen.usertest.Bytes;
import lichen.usertest.Check;
import lichen.usertest.Pipes;
import lichen.usertest.Processes;
import lichen.usertest.TestList;
import lichen.usertest.sys.Errno;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.RawMemory;
import lichen.usertest.sys.Signals;

import static lichen.usertest.sys.Mman.PAGE_SIZE;

/**
 * Memory as the program's own loads and stores see it ({@link RawMemory}),
 * where a page fault is taken in user mode: demand-zero and copy-on-write
 * pages, shared pages, SIGSEGV for an access the mapping does not allow
 * (mmap(2), munmap(2), mprotect(2), signal(7)), mremap(2) and madvise(2). A child that must
 * die does so in a forked process. MemoryTests covers what the kernel's
 * own copies see.
 */
public final class MemoryFaultTests {
    private MemoryFaultTests() {}

    private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;
    private static final int ANON = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS;

    public static void register(TestList list) {
        list.add("mmap_anonymous_user_stores_read_back", MemoryFaultTests::anonymousStores);
        list.add("brk_grown_heap_user_stores_read_back", MemoryFaultTests::brkStores);
        list.add("clone_fork_user_store_copies_on_write", MemoryFaultTests::copyOnWrite);
        list.add("mmap_shared_anonymous_seen_across_fork", MemoryFaultTests::sharedAnonymous);
        list.add("mremap_grows_moves_and_shrinks", MemoryFaultTests::remap);
        list.add("mremap_bad_arguments_einval_enomem_efault", MemoryFaultTests::remapErrors);
        list.add("mremap_new_size_zero_einval", MemoryFaultTests::remapToZero);
        list.add("munmap_then_load_sigsegv", MemoryFaultTests::munmapThenLoad);
        list.add("mprotect_read_only_then_store_sigsegv", MemoryFaultTests::readOnlyStore);
        list.add("mprotect_none_then_load_sigsegv", MemoryFaultTests::noneLoad);
        list.add("madvise_dontneed_zeroes_anonymous_page", MemoryFaultTests::dontNeed);
        list.add("madvise_bad_arguments_einval", MemoryFaultTests::madviseErrors);
        list.add("madvise_unknown_advice_einval", MemoryFaultTests::madviseUnknownAdvice);
        list.add("madvise_unmapped_range_enomem", MemoryFaultTests::madviseUnmapped);
    }

    /** The byte stored at page {@code i}, offset {@code 7 * i}: distinct for each page, never 0. */
    private static int marker(int i) {
        return 0x40 + i;
    }

    /** Stores a marker into each of {@code pages} pages at {@code a} and checks them by load and through the kernel. */
    private static void storeAndReadBack(Check c, long a, int pages) {
        for (int i = 0; i < pages; i++) {
            c.equal(0, RawMemory.load8(a + (long) i * PAGE_SIZE + 7 * i), "page " + i + " reads as zero before any store");
            RawMemory.store8(a + (long) i * PAGE_SIZE + 7 * i, marker(i));
        }
        for (int i = 0; i < pages; i++) {
            long at = a + (long) i * PAGE_SIZE + 7 * i;
            c.equal(marker(i), RawMemory.load8(at), "the load of page " + i + " after its store");
            byte[] seen = Pipes.peek(c, at, 1);
            if (seen != null) {
                c.equal(marker(i), seen[0], "the kernel's copy of page " + i + "'s byte");
            }
        }
    }

    private static void anonymousStores(Check c) {
        long a = Linux.mmap(0, 8 * PAGE_SIZE, RW, ANON, -1, 0);
        if (c.succeeded(a, "mmap(8 pages)")) {
            storeAndReadBack(c, a, 8);
            c.returned(0, Linux.munmap(a, 8 * PAGE_SIZE), "munmap");
        }
    }

    private static void brkStores(Check c) {
        long start = Linux.brk(0);
        long base = (start + PAGE_SIZE - 1) & -PAGE_SIZE;
        long top = base + 4 * PAGE_SIZE;
        if (c.returned(top, Linux.brk(top), "brk(grow by four pages)")) {
            storeAndReadBack(c, base, 4);
        }
        c.returned(start, Linux.brk(start), "brk(shrink back)");
    }

    /**
     * fork(2): "the child process and the parent process run in separate memory
     * spaces". The parent's store after fork copies the page for the parent;
     * the child still loads the old byte.
     */
    private static void copyOnWrite(Check c) {
        long a = Linux.mmap(0, PAGE_SIZE, RW, ANON, -1, 0);
        int[] go = Pipes.open(c);
        if (!c.succeeded(a, "mmap") || go == null) {
            return;
        }
        RawMemory.store8(a, 0x11);
        long pid = Processes.fork();
        if (pid == 0) {
            byte[] b = new byte[1];
            Linux.read(go[0], b, 0, 1);                    // the parent has stored by now
            int seen = RawMemory.load8(a);
            RawMemory.store8(a + 1, 0x33);                 // the child's own store stays its own too
            Processes.childExit(seen == 0x11 ? 0 : seen == 0x22 ? 1 : 2);
        }
        RawMemory.store8(a, 0x22);
        Linux.write(go[1], new byte[] {1}, 0, 1);
        Pipes.close(go);
        if (c.succeeded(pid, "clone")) {
            c.equal(0, Processes.waitFor(pid), "the child's wait status (exit 1 is 256: it saw the parent's store after fork)");
            c.equal(0x22, RawMemory.load8(a), "the parent's own store");
            c.equal(0, RawMemory.load8(a + 1), "the child's store did not reach the parent");
        }
        Linux.munmap(a, PAGE_SIZE);
    }

    /** mmap(2) MAP_SHARED: "updates to the mapping are visible to other processes mapping the same region" (a fork's child too). */
    private static void sharedAnonymous(Check c) {
        long a = Linux.mmap(0, PAGE_SIZE, RW, Mman.MAP_SHARED | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(a, "mmap(MAP_SHARED | MAP_ANONYMOUS)")) {
            return;
        }
        RawMemory.store8(a, 0x11);
        long pid = Processes.fork();
        if (pid == 0) {
            int seen = RawMemory.load8(a);
            RawMemory.store8(a + 1, 0x22);
            Processes.childExit(seen == 0x11 ? 0 : 1);
        }
        if (c.succeeded(pid, "clone")) {
            c.equal(0, Processes.waitFor(pid), "the child's status (exit 1: it did not see the parent's store)");
            c.equal(0x22, RawMemory.load8(a + 1), "the parent sees the child's store");
        }
        c.returned(0, Linux.munmap(a, PAGE_SIZE), "munmap");
    }

    /**
     * mremap(2) with MREMAP_MAYMOVE keeps the contents and zero-fills the
     * growth; a move unmaps the old range; shrinking unmaps the tail.
     */
    private static void remap(Check c) {
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, ANON, -1, 0);
        // A neighbour right after the mapping, so growing it in place is impossible and it must move.
        long fence = Linux.mmap(a + 2 * PAGE_SIZE, PAGE_SIZE, Mman.PROT_NONE, ANON | Mman.MAP_FIXED_NOREPLACE, -1, 0);
        if (!c.succeeded(a, "mmap(2 pages)")) {
            return;
        }
        RawMemory.store8(a + 10, 0x31);
        RawMemory.store8(a + PAGE_SIZE + 10, 0x32);
        long b = Linux.mremap(a, 2 * PAGE_SIZE, 4 * PAGE_SIZE, Mman.MREMAP_MAYMOVE, 0);
        if (c.succeeded(b, "mremap(2 pages to 4, MREMAP_MAYMOVE)")) {
            c.equal(0x31, RawMemory.load8(b + 10), "page 0 moved with its contents");
            c.equal(0x32, RawMemory.load8(b + PAGE_SIZE + 10), "page 1 moved with its contents");
            c.equal(0, RawMemory.load8(b + 3 * PAGE_SIZE + 10), "the growth reads as zeros");
            RawMemory.store8(b + 3 * PAGE_SIZE, 0x34);
            int[] p = Pipes.open(c);
            if (p != null && b != a) {
                c.fails(Errno.EFAULT, Linux.write(p[1], a, 1), "write(2) from the old address after the move");
            }
            c.returned(b, Linux.mremap(b, 4 * PAGE_SIZE, PAGE_SIZE, 0, 0), "mremap(shrink to 1 page) stays in place");
            if (p != null) {
                c.fails(Errno.EFAULT, Linux.write(p[1], b + PAGE_SIZE, 1), "write(2) from the part shrinking gave back");
                Pipes.close(p);
            }
            c.equal(0x31, RawMemory.load8(b + 10), "the page that stayed");
            c.returned(0, Linux.munmap(b, PAGE_SIZE), "munmap");
        }
        if (fence == a + 2 * PAGE_SIZE) {
            Linux.munmap(fence, PAGE_SIZE);
        }
    }

    private static void remapErrors(Check c) {
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap(2 pages)")) {
            return;
        }
        c.fails(Errno.EINVAL, Linux.mremap(a + 1, PAGE_SIZE, 2 * PAGE_SIZE, Mman.MREMAP_MAYMOVE, 0), "mremap(unaligned address)");
        c.fails(Errno.EINVAL, Linux.mremap(a, PAGE_SIZE, 2 * PAGE_SIZE, 0x100, 0), "mremap(unknown flag)");
        c.fails(Errno.EINVAL, Linux.mremap(a, PAGE_SIZE, PAGE_SIZE, Mman.MREMAP_FIXED, a + PAGE_SIZE), "MREMAP_FIXED without MREMAP_MAYMOVE");
        // Page 0 cannot grow in place into page 1, which the same mapping holds, and may not move.
        c.fails(Errno.ENOMEM, Linux.mremap(a, PAGE_SIZE, 2 * PAGE_SIZE, 0, 0), "mremap(grow in place over the next page)");
        c.returned(0, Linux.munmap(a, 2 * PAGE_SIZE), "munmap");
        c.fails(Errno.EFAULT, Linux.mremap(a, PAGE_SIZE, 2 * PAGE_SIZE, Mman.MREMAP_MAYMOVE, 0), "mremap(an unmapped range)");
    }

    private static void remapToZero(Check c) {
        long a = Linux.mmap(0, PAGE_SIZE, RW, ANON, -1, 0);
        if (c.succeeded(a, "mmap")) {
            c.fails(Errno.EINVAL, Linux.mremap(a, PAGE_SIZE, 0, Mman.MREMAP_MAYMOVE, 0), "mremap(new size 0)");
            c.returned(0, Linux.munmap(a, PAGE_SIZE), "munmap");
        }
    }

    private static void munmapThenLoad(Check c) {
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        RawMemory.store8(a + PAGE_SIZE, 5);
        c.returned(0, Linux.munmap(a + PAGE_SIZE, PAGE_SIZE), "munmap of the second page");
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            int first = RawMemory.load8(a);                // still mapped: must not fault
            int second = RawMemory.load8(a + PAGE_SIZE);
            Processes.childExit(first == 0 && second == 5 ? 3 : 4);
        }
        Processes.expectKilledBy(c, pid, Signals.SIGSEGV, "a load from an unmapped page (exit 3 or 4: it did not fault)");
        Linux.munmap(a, PAGE_SIZE);
    }

    private static void readOnlyStore(Check c) {
        long a = Linux.mmap(0, PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        RawMemory.store8(a, 0x5a);
        c.returned(0, Linux.mprotect(a, PAGE_SIZE, Mman.PROT_READ), "mprotect(PROT_READ)");
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            if (RawMemory.load8(a) != 0x5a) {
                Processes.childExit(5);                    // a read-only page still reads
            }
            RawMemory.store8(a, 1);
            Processes.childExit(RawMemory.load8(a) == 1 ? 3 : 4);
        }
        Processes.expectKilledBy(c, pid, Signals.SIGSEGV,
                                 "a store into a read-only page (exit 5: the load failed, 3 or 4: the store did not fault)");
        c.equal(0x5a, RawMemory.load8(a), "the parent's read-only page is unchanged");
        Linux.munmap(a, PAGE_SIZE);
    }

    private static void noneLoad(Check c) {
        long a = Linux.mmap(0, PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        RawMemory.store8(a, 0x5a);
        c.returned(0, Linux.mprotect(a, PAGE_SIZE, Mman.PROT_NONE), "mprotect(PROT_NONE)");
        long pid = Processes.fork();
        if (pid == 0) {
            Processes.prepareToDie();
            Processes.childExit(RawMemory.load8(a) == 0x5a ? 3 : 4);
        }
        Processes.expectKilledBy(c, pid, Signals.SIGSEGV, "a load from a PROT_NONE page (exit 3 or 4: it did not fault)");
        Linux.munmap(a, PAGE_SIZE);
    }

    /**
     * madvise(2) MADV_DONTNEED: "subsequent accesses of pages in the range ...
     * will result in zero-fill-on-demand pages for anonymous private mappings".
     */
    private static void dontNeed(Check c) {
        long a = Linux.mmap(0, 3 * PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap(3 pages)")) {
            return;
        }
        byte[] data = Bytes.pattern(3 * PAGE_SIZE, 5);
        c.returned(data.length, Pipes.poke(c, a, data), "fill three pages");
        RawMemory.store8(a + PAGE_SIZE, 0x77);
        if (c.returned(0, Linux.madvise(a + PAGE_SIZE, PAGE_SIZE, Mman.MADV_DONTNEED), "madvise(middle page, DONTNEED)")) {
            c.equal(0, RawMemory.load8(a + PAGE_SIZE), "the middle page's first byte after MADV_DONTNEED");
            byte[] all = Pipes.peek(c, a, 3 * PAGE_SIZE);
            if (all != null) {
                c.equalBytes(data, all, PAGE_SIZE, "the first page kept its contents");
                for (int i = PAGE_SIZE; i < 3 * PAGE_SIZE; i++) {
                    int expected = i < 2 * PAGE_SIZE ? 0 : data[i];
                    if (all[i] != expected) {
                        c.fail("byte " + i + " is " + all[i] + " after MADV_DONTNEED of the middle page, expected " + expected);
                        break;
                    }
                }
            }
            RawMemory.store8(a + PAGE_SIZE, 0x66);
            c.equal(0x66, RawMemory.load8(a + PAGE_SIZE), "the zeroed page takes stores again");
        }
        c.returned(0, Linux.munmap(a, 3 * PAGE_SIZE), "munmap");
    }

    private static void madviseErrors(Check c) {
        long a = Linux.mmap(0, PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap")) {
            return;
        }
        c.fails(Errno.EINVAL, Linux.madvise(a + 1, PAGE_SIZE, Mman.MADV_DONTNEED), "madvise(unaligned address)");
        c.fails(Errno.EINVAL, Linux.madvise(a, -PAGE_SIZE, Mman.MADV_DONTNEED), "madvise(a range that wraps around)");
        c.returned(0, Linux.madvise(a, 0, Mman.MADV_DONTNEED), "madvise(length 0) does nothing");
        c.returned(0, Linux.munmap(a, PAGE_SIZE), "munmap");
    }

    private static void madviseUnknownAdvice(Check c) {
        long a = Linux.mmap(0, PAGE_SIZE, RW, ANON, -1, 0);
        if (c.succeeded(a, "mmap")) {
            c.fails(Errno.EINVAL, Linux.madvise(a, PAGE_SIZE, 12345), "madvise(advice 12345)");
            c.returned(0, Linux.munmap(a, PAGE_SIZE), "munmap");
        }
    }

    /** madvise(2): ENOMEM when "addresses in the specified range are not currently mapped". */
    private static void madviseUnmapped(Check c) {
        long a = Linux.mmap(0, 2 * PAGE_SIZE, RW, ANON, -1, 0);
        if (!c.succeeded(a, "mmap") || !c.returned(0, Linux.munmap(a + PAGE_SIZE, PAGE_SIZE), "munmap of the second page")) {
            return;
        }
        c.fails(Errno.ENOMEM, Linux.madvise(a + PAGE_SIZE, PAGE_SIZE, Mman.MADV_DONTNEED), "madvise(an unmapped page)");
        c.fails(Errno.ENOMEM, Linux.madvise(a, 2 * PAGE_SIZE, Mman.MADV_DONTNEED), "madvise(a range with a hole)");
        c.returned(0, Linux.munmap(a, PAGE_SIZE), "munmap");
    }
}
