package lichen.libkernel.elf;

/**
 * The auxiliary vector a new process finds above envp (System V AArch64 ABI,
 * Linux include/uapi/linux/auxvec.h): the values the dynamic loader needs to
 * find the program it was started for, plus the kernel's facts.
 */
public final class AuxVector {
    public static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
            AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15,
            AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31,
            AT_SYSINFO_EHDR = 33, AT_MINSIGSTKSZ = 51;
    /** arm64 places ET_DYN programs at 2/3 of the 48-bit user space (ELF_ET_DYN_BASE). */
    public static final long ET_DYN_BASE = (2 * (1L << 48) / 3) & -4096L;

    private long[] pairs = new long[2 * 24];
    private int count;

    /** Sets (or replaces) one entry. */
    public AuxVector put(int type, long value) {
        for (int i = 0; i < count; i++) {
            if (pairs[2 * i] == type) {
                pairs[2 * i + 1] = value;
                return this;
            }
        }
        if (2 * count == pairs.length) pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
        pairs[2 * count] = type;
        pairs[2 * count + 1] = value;
        count++;
        return this;
    }

    /** The value of {@code type}, or -1 when absent. */
    public long get(int type) {
        for (int i = 0; i < count; i++) if (pairs[2 * i] == type) return pairs[2 * i + 1];
        return -1;
    }

    public int size() { return count; }

    /** The words to write on the new stack: type, value, ..., AT_NULL, 0. */
    public long[] toWords() {
        long[] w = java.util.Arrays.copyOf(pairs, 2 * count + 2);
        w[2 * count] = AT_NULL;
        w[2 * count + 1] = 0;
        return w;
    }

    /**
     * The entries that depend on the program: AT_PHDR, AT_PHENT, AT_PHNUM,
     * AT_PAGESZ, AT_BASE (where the interpreter was loaded, 0 without one),
     * AT_FLAGS, AT_ENTRY (the program's own entry, relocated by {@code bias}).
     */
    public static AuxVector forProgram(ElfFile program, long bias, long interpreterBase) {
        AuxVector a = new AuxVector();
        long phdr = program.phdrVaddr();
        a.put(AT_PHDR, phdr < 0 ? 0 : bias + phdr);
        a.put(AT_PHENT, ElfFile.PHDR_SIZE);
        a.put(AT_PHNUM, program.programHeaderCount());
        a.put(AT_PAGESZ, 4096);
        a.put(AT_BASE, program.interpreter() != null ? interpreterBase : 0);
        a.put(AT_FLAGS, 0);
        a.put(AT_ENTRY, bias + program.entry());
        return a;
    }

    /** The load bias execve gives a program: 0 for ET_EXEC, ET_DYN_BASE aligned to its largest p_align for ET_DYN. */
    public static long loadBias(ElfFile program) {
        if (!program.isPositionIndependent()) return 0;
        return (ET_DYN_BASE & -program.maxAlign()) - program.loadStart();
    }
}
