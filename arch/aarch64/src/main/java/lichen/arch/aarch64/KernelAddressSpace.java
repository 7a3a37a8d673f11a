package lichen.arch.aarch64;

import lichen.api.Mem;
import lichen.api.PA;
import lichen.api.Unsafe;
import lichen.api.VA;
import lichen.libkernel.Errno;
import lichen.libkernel.container.IdAllocator;
import lichen.libkernel.mm.BuddyAllocator;
import lichen.libkernel.mm.PageTable;
import lichen.libkernel.mm.Prot;

/**
 * The parts of the kernel's half that are mapped on demand, from frames of
 * the buddy allocator: the heap the runtime's mmap calls draw on, and the
 * kernel stacks with their guards ({@link KernelLayout} has the addresses).
 *
 * <p>A heap mapping is built from the largest buddy blocks that fit, so it
 * needs neither contiguous physical memory nor a page-by-page loop, and each
 * block comes back whole on munmap (the buddy allocator remembers its order).
 * An unmapped page separates consecutive mappings, so running off the end of
 * one faults instead of reading the next. Heap addresses are not reused: the
 * heap's 32 TiB outlast any boot.
 *
 * <p>Nothing here allocates (no exceptions but for a broken invariant; words
 * such as VA are bare 64-bit values in compiled code, docs/jcc.md): the runtime's heap calls {@link #map} when it
 * is full, so an allocation here would call it again.
 */
@Unsafe
public final class KernelAddressSpace {
    private static final int PAGE = 4096;
    private static final int RW = Prot.READ | Prot.WRITE;
    /** Stack slots: 65536 tasks' stacks at once. */
    private static final int STACK_SLOTS = 1 << 16;
    private static final int STACK_ORDER = KernelLayout.STACK_SHIFT - 12;

    private static KernelAddressSpace installed;

    private final PageTable table;
    private final BuddyAllocator frames;
    private final IdAllocator stackSlots = new IdAllocator(0, STACK_SLOTS);
    private long heapNext = KernelLayout.HEAP;
    private long heapBytes;
    private int stacks;

    private KernelAddressSpace(PageTable table, BuddyAllocator frames) {
        this.table = table;
        this.frames = frames;
    }

    /** From now on the kernel's mappings are made in {@code table} from {@code frames}. */
    public static KernelAddressSpace install(PageTable table, BuddyAllocator frames) {
        installed = new KernelAddressSpace(table, frames);
        return installed;
    }

    /** The kernel's address space, or null before the kernel's own tables are in use. */
    public static KernelAddressSpace get() { return installed; }

    public PageTable table() { return table; }

    public BuddyAllocator frames() { return frames; }

    /** Bytes the heap has mapped and not unmapped. */
    public long heapBytes() { return heapBytes; }

    /** Kernel stacks mapped now. */
    public int stacks() { return stacks; }

    /**
     * mmap(2) for the kernel: {@code bytes} of zeroed, read-write, never-executable memory; the
     * address, or -ENOMEM ({@link Errno#isError}).
     */
    public long map(long bytes) {
        if (bytes <= 0) return -Errno.EINVAL;
        long size = (bytes + PAGE - 1) & -(long) PAGE;
        if (size > KernelLayout.HEAP_END - heapNext - PAGE) return -Errno.ENOMEM;
        long va = heapNext;
        for (long done = 0; done < size; ) {
            int order = BuddyAllocator.MAX_ORDER;
            while (order > 0 && ((long) PAGE << order) > size - done) order--;
            long pa = frames.allocPages(order);
            while (pa < 0 && order > 0) pa = frames.allocPages(--order);
            long block = (long) PAGE << order;
            if (pa < 0 || table.map(VA.of(va + done), PA.of(pa), block, RW, PageTable.ALLOW_BLOCKS) != 0) {
                if (pa >= 0) frames.freePages(pa, order);
                release(va, done);
                return -Errno.ENOMEM;
            }
            Mem.zero(pa, block);
            done += block;
        }
        heapNext += size + PAGE;
        heapBytes += size;
        return va;
    }

    /** munmap(2) of a whole heap mapping (or a run of its blocks from the first): 0, or -EINVAL. */
    public int unmap(long va, long bytes) {
        if (!isHeap(va) || bytes <= 0 || (va & (PAGE - 1)) != 0) return -Errno.EINVAL;
        long size = (bytes + PAGE - 1) & -(long) PAGE;
        long first = table.translate(VA.of(va));
        if (first < 0 || frames.allocatedOrder(first) < 0) return -Errno.EINVAL;
        release(va, size);
        heapBytes -= size;
        return 0;
    }

    public static boolean isHeap(long va) { return va >= KernelLayout.HEAP && va < KernelLayout.HEAP_END; }

    /** Unmaps [va, va + size) block by block, giving each block back to the buddy allocator. */
    private void release(long va, long size) {
        for (long done = 0; done < size; ) {
            long pa = table.translate(VA.of(va + done));
            int order = pa < 0 ? -1 : frames.allocatedOrder(pa);
            if (order < 0) {
                done += PAGE;
                continue;
            }
            long block = (long) PAGE << order;
            table.unmap(VA.of(va + done), block);
            frames.freePages(pa, order);
            done += block;
        }
    }

    /**
     * A kernel stack: {@link KernelLayout#STACK_SIZE} bytes in the upper half of a free slot,
     * the lower half left unmapped as its guard. Returns the stack's top (the initial SP), or
     * -errno ({@link Errno#isError}: the top is a kernel address, negative as a long).
     */
    public long mapStack() {
        int slot = stackSlots.allocLowest();
        if (slot < 0) return -Errno.ENOMEM;
        long bottom = KernelLayout.STACKS + ((long) slot << (KernelLayout.STACK_SHIFT + 1)) + KernelLayout.STACK_SIZE;
        long pa = frames.allocPages(STACK_ORDER);
        int rc = pa < 0 ? (int) pa : table.map(VA.of(bottom), PA.of(pa), KernelLayout.STACK_SIZE, RW, 0);
        if (rc != 0) {
            if (pa >= 0) frames.freePages(pa, STACK_ORDER);
            stackSlots.free(slot);
            return rc;
        }
        stacks++;
        return bottom + KernelLayout.STACK_SIZE;
    }

    /** Gives back a stack {@link #mapStack} made, by its top. */
    public void unmapStack(long top) {
        long bottom = top - KernelLayout.STACK_SIZE;
        long pa = table.translate(VA.of(bottom));
        if (pa < 0) throw new IllegalStateException("no kernel stack below 0x" + Long.toHexString(top));
        table.unmap(VA.of(bottom), KernelLayout.STACK_SIZE);
        frames.freePages(pa, STACK_ORDER);
        stackSlots.free((int) ((bottom - KernelLayout.STACKS) >>> (KernelLayout.STACK_SHIFT + 1)));
        stacks--;
    }

    /** The guard region of the stack whose top is {@code top}: [top - 2 * STACK_SIZE, top - STACK_SIZE). */
    public static long guardOf(long top) { return top - 2 * KernelLayout.STACK_SIZE; }
}
