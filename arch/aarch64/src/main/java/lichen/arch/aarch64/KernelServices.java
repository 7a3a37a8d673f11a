package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Mem;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * What the runtime asks of an operating system, answered by the kernel
 * itself: in the kernel, jcc turns the runtime's system calls into calls of
 * {@link #syscall}. Writes to standard output and error go to the console,
 * mmap and munmap take and give back memory, exit_group powers off, and
 * clock_gettime reads the generic timer. Numbers are the AArch64 Linux ones
 * the runtime uses (asm-generic/unistd.h).
 *
 * <p>Memory comes from the early heap, right after the image, until the
 * kernel's address space is installed ({@link #useAddressSpace}); from then
 * on from the buddy allocator through {@link KernelAddressSpace}, and the
 * early heap's unused tail goes to the buddy allocator too.
 */
@Unsafe
public final class KernelServices {
    private static final int WRITE = 64, EXIT = 93, EXIT_GROUP = 94, CLOCK_GETTIME = 113, MUNMAP = 215, MMAP = 222;
    private static final long ENOSYS = -38, ENOMEM = -12;
    /** QEMU virt's PL011 until the device tree says otherwise (the early console). */
    private static final long VIRT_UART = 0x0900_0000L;
    /**
     * The early heap: enough for the runtime's first chunks, the device tree's copy and the
     * buddy allocator's tables for several GiB of RAM (10 bytes a page).
     */
    private static final long EARLY_HEAP = 32L << 20;

    private static Pl011 console;
    private static long consolePhysical = VIRT_UART;
    private static long heapStart;
    private static long heapNext;
    private static long heapEnd;
    /** Where the early heap ended before {@link #closeEarlyHeap} cut it short. */
    private static long heapReserved;
    private static KernelAddressSpace space;

    private KernelServices() {}

    /**
     * Called by jcc's kernel entry before anything else, even the runtime's static
     * initialisers, which already allocate: the early heap after the image, stopping short of
     * the device tree where the boot loader put it there (QEMU puts it 128 MiB into RAM).
     */
    public static void boot(long deviceTree, long imageEnd) {
        long end = imageEnd + EARLY_HEAP;
        long treeVirtual = deviceTree + KernelLayout.KERNEL_IMAGE;
        if (treeVirtual > imageEnd && treeVirtual < end) end = treeVirtual & -4096L;
        heapStart = heapNext = (imageEnd + 4095) & -4096L;
        heapEnd = heapReserved = end;
    }

    /** The early heap's end: the image is mapped up to here. */
    public static long earlyHeapEnd() { return heapEnd; }

    /** The end of what the early heap may have used: memory up to here is the image's until {@link #useAddressSpace}. */
    public static long earlyHeapReserved() { return heapReserved; }

    /**
     * Leaves the early heap {@code slack} bytes beyond what it has handed out, enough for the
     * few objects made while the kernel's tables take over; returns its new end, which is as
     * far as the kernel's tables map the image. (Mapping the whole early heap only to unmap
     * most of it page by page costs a TLB invalidation a page.)
     */
    public static long closeEarlyHeap(long slack) {
        heapEnd = Math.min(heapEnd, ((heapNext + 4095) & -4096L) + slack);
        return heapEnd;
    }

    /** Bytes of the early heap handed out. */
    public static long earlyHeapUsed() { return heapNext - heapStart; }

    /**
     * The kernel's address space takes over memory: later mmaps are mapped from the buddy
     * allocator, and the early heap's untouched pages go to it. The console moves to the
     * direct map. Returns the bytes of early heap given back.
     */
    public static long useAddressSpace(KernelAddressSpace s) {
        space = s;
        console = new Pl011(Mmu.virtualOf(consolePhysical));
        long from = (heapNext + 4095) & -4096L, mapped = heapEnd, to = heapReserved;
        heapEnd = heapNext;
        if (to <= from) return 0;
        if (mapped > from) s.table().unmap(from, mapped - from);
        s.frames().addFreeRange(KernelLayout.imagePhysical(from), KernelLayout.imagePhysical(to));
        return to - from;
    }

    /** The console is the PL011 at physical address {@code base}. */
    public static void useConsoleAt(long base) {
        consolePhysical = base;
        console = new Pl011(Mmu.virtualOf(base));
    }

    public static long syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        return switch ((int) nr) {
            case WRITE -> write(a0, a1, a2);
            case MMAP -> map(a1);
            case MUNMAP -> unmap(a0, a1);
            case EXIT, EXIT_GROUP -> exit((int) a0);
            case CLOCK_GETTIME -> time(a1);
            default -> ENOSYS;
        };
    }

    /** The end, normal or a panic's: every other CPU stops first, then the machine powers off. */
    private static long exit(int status) {
        if (SecondaryCpus.online() > 0) {
            // No allocation on this path: it ends an out-of-memory panic too.
            putText(SecondaryCpus.stopAll() == 0 ? "cpus: the other CPUs are stopped\n" : "cpus: some CPUs did not stop\n");
        }
        return PowerOff.exit(status);
    }

    /** Writes a string to the console a byte at a time, allocating nothing (the exit path and interrupt context use it). */
    static void putText(String text) {
        for (int i = 0; i < text.length(); i++) putByte(text.charAt(i));
    }

    private static long write(long fd, long buffer, long length) {
        if (fd != 1 && fd != 2) return -9; // EBADF
        for (long i = 0; i < length; i++) putByte(Mmio.read8(buffer + i));
        return length;
    }

    /** The console UART (the device tree's, once {@link #useConsoleAt} was told it). */
    static Pl011 console() {
        if (console == null) console = new Pl011(consolePhysical);
        return console;
    }

    /** Writes one byte to the console, with CR before LF as a terminal expects. */
    static void putByte(int b) {
        if (console == null) console = new Pl011(consolePhysical);
        if (b == '\n') console.put('\r');
        console.put(b);
    }

    /** Anonymous memory for the runtime's heap: zeroed, page-aligned. */
    private static long map(long length) {
        if (space != null) return space.map(length);
        long size = (length + 4095) & ~4095L;
        if (heapNext == 0 || heapNext + size > heapEnd) return ENOMEM;
        long at = heapNext;
        heapNext += size;
        // memset through the bootstrap tables' identity map of RAM (Mem takes physical addresses).
        Mem.zero(KernelLayout.imagePhysical(at), size);
        return at;
    }

    /** Memory the runtime gives back: heap mappings return to the buddy allocator; the early heap's stay with the image. */
    private static long unmap(long address, long length) {
        if (space != null && KernelAddressSpace.isHeap(address)) return space.unmap(address, length);
        return 0;
    }

    /** clock_gettime(clock, timespec*): seconds and nanoseconds since the counter started. */
    private static long time(long timespec) {
        long ticks = Cpu.counter(), hz = Cpu.counterFrequency();
        long seconds = ticks / hz;
        long nanos = (ticks % hz) * 1_000_000_000L / hz;
        Mmio.write64(timespec, seconds);
        Mmio.write64(timespec + 8, nanos);
        return 0;
    }
}
