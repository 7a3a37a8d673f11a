package lichen.usertest;

import lichen.usertest.sys.LittleEndian;
import lichen.usertest.sys.Linux;
import lichen.usertest.sys.Mman;
import lichen.usertest.sys.RawMemory;
import lichen.usertest.sys.Signals;

/**
 * A signal handler that only records: each signal it catches sets bit
 * (1 << signo) of a word in a page of its own, and it returns through a
 * restorer that calls rt_sigreturn, so an interrupted call comes back with
 * EINTR (no SA_RESTART). jcc has no handlers of its own, so the handler is
 * AArch64 machine code in a page mapped for it (ARM ARM C6 encodings).
 */
public final class SignalRecorder {
    private static final int RESTORER = 28, LITERAL = 40;
    private final long code, word;

    private SignalRecorder(long code, long word) {
        this.code = code;
        this.word = word;
    }

    /** A new recorder (two pages), or null with the failure recorded. */
    public static SignalRecorder create(Check c) {
        long word = Linux.mmap(0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(word, "mmap(the recorder's word)")) {
            return null;
        }
        long code = Linux.mmap(0, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        if (!c.succeeded(code, "mmap(the handler's code)")) {
            return null;
        }
        int[] w = {
            0x58000145,   // ldr x5, .+40        the word's address
            0xB94000A3,   // ldr w3, [x5]
            0x52800024,   // mov w4, #1
            0x1AC02084,   // lsl w4, w4, w0      1 << signo
            0x2A040063,   // orr w3, w3, w4
            0xB90000A3,   // str w3, [x5]
            0xD65F03C0,   // ret                 to the restorer (x30)
            0xD2801168,   // mov x8, #139        rt_sigreturn
            0xD4000001,   // svc #0
        };
        for (int i = 0; i < w.length; i++) {
            store(code + 4L * i, w[i], 4);
        }
        store(code + LITERAL, word, 8);
        if (!c.returned(0, Linux.mprotect(code, Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_EXEC), "mprotect(PROT_EXEC)")) {
            return null;
        }
        return new SignalRecorder(code, word);
    }

    private static void store(long address, long value, int bytes) {
        for (int b = 0; b < bytes; b++) {
            RawMemory.store8(address + b, (int) (value >>> (8 * b)));
        }
    }

    /** Makes this the handler of {@code sig} (no SA_RESTART); rt_sigaction's result. */
    public long catchSignal(int sig) { return catchSignal(sig, 0); }

    /** Makes this the handler of {@code sig} with SA_RESTART: a call it interrupts that can restart, does (signal(7)). */
    public long catchSignalRestarting(int sig) { return catchSignal(sig, SA_RESTART); }

    /** SA_RESTART (asm-generic/signal.h). */
    private static final long SA_RESTART = 0x10000000L;

    private long catchSignal(int sig, long flags) {
        byte[] act = new byte[Signals.SIGACTION_SIZE];
        LittleEndian.put64(act, 0, code);
        LittleEndian.put64(act, 8, Signals.SA_RESTORER | flags);
        LittleEndian.put64(act, 16, code + RESTORER);
        return Linux.rt_sigaction(sig, act, null);
    }

    /** Whether {@code sig} was caught. */
    public boolean caught(int sig) {
        long v = 0;
        for (int b = 3; b >= 0; b--) {
            v = v << 8 | (RawMemory.load8(word + b) & 0xff);
        }
        return (v >>> sig & 1) != 0;
    }
}
