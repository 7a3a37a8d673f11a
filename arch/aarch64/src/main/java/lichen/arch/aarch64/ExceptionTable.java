package lichen.arch.aarch64;

import lichen.api.Cpu;
import lichen.api.Mmio;
import lichen.api.Unsafe;

/**
 * The kernel's exception table (Linux's {@code __ex_table}): pairs of 64-bit
 * addresses, an instruction that may fault on a user address and where to resume
 * when it does, emitted by usercopy.S's {@code user_access} macro and kept by
 * kernel.ld between {@code __ex_table_start} and {@code __ex_table_end}. A few
 * dozen entries, so a linear search.
 */
@Unsafe
public final class ExceptionTable {
    private ExceptionTable() {}

    /** The fixup for a fault at {@code pc}, or 0 when {@code pc} is not a listed instruction. */
    public static long fixupFor(long pc) {
        long end = Cpu.exceptionTableEnd();
        for (long e = Cpu.exceptionTableStart(); e < end; e += 16) {
            if (Mmio.read64(e) == pc) return Mmio.read64(e + 8);
        }
        return 0;
    }

    /** How many instructions are listed (the self-test checks the table was kept). */
    public static int size() { return (int) ((Cpu.exceptionTableEnd() - Cpu.exceptionTableStart()) / 16); }
}
