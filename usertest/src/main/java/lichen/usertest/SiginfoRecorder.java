package lichen.usertest;

import lichen.usertest.sys.Linux;
import lichen.usertest.sys.LinuxSystem;
import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.RawMemory;
import lichen.usertest.sys.Signals;
import lichen.usertest.sys.Timespec;

/**
 * A signal handler that records what it was given: SA_SIGINFO machine code
 * (jcc emits no handlers) appending each siginfo's si_code, si_pid,
 * si_status and si_signo to a shared page, which the test (or its parent)
 * reads back. {@link #make} gives the page and the code's address, to be
 * installed with {@link #action}.
 */
public final class SiginfoRecorder {
    private SiginfoRecorder() {}

    /**
     * An SA_SIGINFO handler (AArch64 machine code, as jcc emits no handlers)
     * that appends si_code, si_pid, si_status and si_signo as four ints to a
     * table in the page at the literal's address: the count at offset 0, the
     * entries from 16, 16 bytes each; it returns into the kernel's sigreturn
     * trampoline through x30.
     */
    private static final int[] RECORDER = {
        0x58000205, // ldr x5, .+64          the results page
        0xB94000A6, // ldr w6, [x5]          count
        0x910040A7, // add x7, x5, #16
        0x8B0610E7, // add x7, x7, x6, lsl #4
        0xB9400823, // ldr w3, [x1, #8]      si_code
        0xB90000E3, // str w3, [x7]
        0xB9401023, // ldr w3, [x1, #16]     si_pid
        0xB90004E3, // str w3, [x7, #4]
        0xB9401823, // ldr w3, [x1, #24]     si_status
        0xB90008E3, // str w3, [x7, #8]
        0xB9400023, // ldr w3, [x1]          si_signo
        0xB9000CE3, // str w3, [x7, #12]
        0x110004C6, // add w6, w6, #1
        0xB90000A6, // str w6, [x5]
        0xD65F03C0, // ret
        0xD503201F, // nop                   (the literal at 64, 8-aligned)
    };

    /** A results page (shared, so a forked child's records reach the parent) and the recorder's code page; null on failure. */
    public static long[] make(Check c) {
        long results = Linux.mmap(0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(results, "mmap(MAP_SHARED, the records)")) {
            return null;
        }
        long code = Linux.mmap(0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(code, "mmap(the handler's code)")) {
            return null;
        }
        for (int i = 0; i < RECORDER.length; i++) {
            store(code + 4L * i, RECORDER[i], 4);
        }
        store(code + 64, results, 8);
        if (!c.returned(0, Linux.mprotect(code, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_EXEC), "mprotect(PROT_EXEC)")) {
            return null;
        }
        return new long[] {results, code};
    }

    private static void store(long at, long value, int bytes) {
        for (int b = 0; b < bytes; b++) {
            RawMemory.store8(at + b, (int) (value >>> (8 * b)));
        }
    }

    private static long load(long at, int bytes) {
        long v = 0;
        for (int b = bytes - 1; b >= 0; b--) {
            v = v << 8 | (RawMemory.load8(at + b) & 0xff);
        }
        return v;
    }

    public static int recorded(long results) {
        return (int) load(results, 4);
    }

    /**
     * The records once there are {@code n} (or after about 2 s): Linux sends
     * CLD_CONTINUED from the continued child when it next runs
     * (kernel/signal.c get_signal), so wait4's WCONTINUED report, made when
     * SIGCONT was sent, can come first.
     */
    public static int awaitRecords(long results, int n) {
        for (int i = 0; i < 2000 && recorded(results) < n; i++) {
            LinuxSystem.nanosleep(new Timespec(0, 1_000_000).encode(), null);
        }
        return recorded(results);
    }

    /** Entry {@code i}'s field: 0 si_code, 1 si_pid, 2 si_status, 3 si_signo. */
    public static int field(long results, int i, int f) {
        return (int) load(results + 16 + 16L * i + 4L * f, 4);
    }

    public static byte[] action(long handler, long flags) {
        byte[] act = new byte[Signals.SIGACTION_SIZE];
        LittleEndian.put64(act, 0, handler);
        LittleEndian.put64(act, 8, flags);
        return act;
    }
}
