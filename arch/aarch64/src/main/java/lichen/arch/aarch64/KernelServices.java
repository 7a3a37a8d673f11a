package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * What the runtime asks of an operating system, answered by the kernel
 * itself: in the kernel, jcc turns the runtime's system calls into calls of
 * {@link #syscall}. Writes to standard output and error go to the console,
 * mmap takes memory from the kernel's early heap, exit_group powers off, and
 * clock_gettime reads the generic timer. Numbers are the AArch64 Linux ones
 * the runtime uses (asm-generic/unistd.h).
 */
@Unsafe
public final class KernelServices {
    private static final int WRITE = 64, EXIT = 93, EXIT_GROUP = 94, CLOCK_GETTIME = 113, MMAP = 222;
    private static final long ENOSYS = -38, ENOMEM = -12;
    /** QEMU virt's PL011 until the device tree says otherwise (the early console). */
    private static final long VIRT_UART = 0x0900_0000L;

    private static Pl011 console;
    private static long heapNext;
    private static long heapEnd;

    private KernelServices() {}

    /** Early heap until the device tree's memory node is read: 96 MiB after the image. */
    private static final long EARLY_HEAP = 96L << 20;

    /**
     * Called by jcc's kernel entry before anything else, even the runtime's static
     * initialisers, which already allocate: the early console and heap.
     */
    public static void boot(long deviceTree, long free) {
        useMemory(free, free + EARLY_HEAP);
    }

    /** Gives the early heap the memory from {@code start} to {@code end}. */
    public static void useMemory(long start, long end) {
        heapNext = (start + 15) & ~15L;
        heapEnd = end;
    }

    public static void useConsole(Pl011 uart) { console = uart; }

    public static long syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        return switch ((int) nr) {
            case WRITE -> write(a0, a1, a2);
            case MMAP -> map(a1);
            case EXIT, EXIT_GROUP -> PowerOff.exit((int) a0);
            case CLOCK_GETTIME -> time(a1);
            default -> ENOSYS;
        };
    }

    private static long write(long fd, long buffer, long length) {
        if (fd != 1 && fd != 2) return -9; // EBADF
        for (long i = 0; i < length; i++) putByte(Mmio.read8(buffer + i));
        return length;
    }

    /** Writes one byte to the console, with CR before LF as a terminal expects. */
    static void putByte(int b) {
        if (console == null) console = new Pl011(VIRT_UART);
        if (b == '\n') console.put('\r');
        console.put(b);
    }

    /** Anonymous memory for the runtime's heap: zeroed (the heap is fresh RAM cleared here), 16-byte aligned. */
    private static long map(long length) {
        long size = (length + 4095) & ~4095L;
        if (heapNext == 0 || heapNext + size > heapEnd) return ENOMEM;
        long at = heapNext;
        heapNext += size;
        for (long p = at; p < at + size; p += 8) Mmio.write64(p, 0);
        return at;
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
