package lichen.kernel.exec;

import lichen.api.Async;
import lichen.kernel.fs.KernelRandom;
import lichen.kernel.mm.UserAddressSpace;
import lichen.kernel.mm.UserCopy;
import lichen.libkernel.Errno;
import lichen.libkernel.LittleEndian;
import lichen.libkernel.elf.AuxVector;

/**
 * The stack a new program starts on (System V AArch64 ABI, "Process
 * Initialization"; Linux's create_elf_tables): from the top down, 8 zero
 * bytes, the AT_EXECFN name, the environment and argument strings, the
 * platform name and AT_RANDOM's 16 bytes, then at a 16-byte aligned sp:
 * argc, argv[], NULL, envp[], NULL, the auxiliary vector.
 */
final class InitialStack {
    /** Linux's limit on the strings together: a quarter of the 8 MiB stack rlimit (fs/exec.c). */
    static final long ARG_MAX = 2L << 20;
    /** MAX_ARG_STRLEN: 32 pages for one string. */
    static final int MAX_ARG_STRLEN = 32 * 4096;
    private static final byte[] PLATFORM = {'a', 'a', 'r', 'c', 'h', '6', '4', 0};

    private InitialStack() {}

    /** The strings' bytes together, or -E2BIG past the limits. */
    static long stringBytes(byte[][] argv, byte[][] envp) {
        long total = 0;
        for (byte[] s : argv) {
            if (s.length + 1 > MAX_ARG_STRLEN) return -Errno.E2BIG;
            total += s.length + 1;
        }
        for (byte[] s : envp) {
            if (s.length + 1 > MAX_ARG_STRLEN) return -Errno.E2BIG;
            total += s.length + 1;
        }
        return total > ARG_MAX ? -Errno.E2BIG : total;
    }

    /** Writes the stack below {@code top} in {@code mm}; returns the program's sp or -errno. */
    @Async
    static long build(UserAddressSpace mm, long top, byte[][] argv, byte[][] envp, byte[] execfn, AuxVector aux) {
        long strings = stringBytes(argv, envp);
        if (strings < 0) return strings;
        long execfnAt = top - 8 - (execfn.length + 1);
        long at = execfnAt - strings;
        int rc = putString(mm, execfnAt, execfn);
        long[] argvAt = new long[argv.length], envpAt = new long[envp.length];
        for (int i = 0; i < argv.length && rc == 0; i++) {
            argvAt[i] = at;
            rc = putString(mm, at, argv[i]);
            at += argv[i].length + 1;
        }
        for (int i = 0; i < envp.length && rc == 0; i++) {
            envpAt[i] = at;
            rc = putString(mm, at, envp[i]);
            at += envp[i].length + 1;
        }
        if (rc < 0) return rc;
        long randomAt = (execfnAt - strings - 16) & -16;
        long platformAt = randomAt - PLATFORM.length;
        rc = UserCopy.copyOut(mm, randomAt, randomBytes(), 0, 16);
        if (rc == 0) rc = UserCopy.copyOut(mm, platformAt, PLATFORM, 0, PLATFORM.length);
        if (rc < 0) return rc;
        aux.put(AuxVector.AT_RANDOM, randomAt);
        aux.put(AuxVector.AT_PLATFORM, platformAt);
        aux.put(AuxVector.AT_EXECFN, execfnAt);
        long[] auxWords = aux.toWords();
        int words = 1 + argv.length + 1 + envp.length + 1 + auxWords.length;
        long sp = (platformAt - 8L * words) & -16;
        byte[] table = new byte[8 * words];
        int w = 0;
        LittleEndian.put64(table, 8 * w++, argv.length);
        for (long a : argvAt) LittleEndian.put64(table, 8 * w++, a);
        w++; // argv's NULL
        for (long e : envpAt) LittleEndian.put64(table, 8 * w++, e);
        w++; // envp's NULL
        for (long v : auxWords) LittleEndian.put64(table, 8 * w++, v);
        rc = UserCopy.copyOut(mm, sp, table, 0, table.length);
        return rc < 0 ? rc : sp;
    }

    @Async
    private static int putString(UserAddressSpace mm, long at, byte[] s) {
        int rc = UserCopy.copyOut(mm, at, s, 0, s.length);
        return rc < 0 ? rc : UserCopy.copyOut(mm, at + s.length, new byte[1], 0, 1);
    }

    /** AT_RANDOM's bytes, which glibc takes for its stack guard and pointer mangling. */
    @Async
    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        KernelRandom.fill(b, 0, 16);
        return b;
    }
}
