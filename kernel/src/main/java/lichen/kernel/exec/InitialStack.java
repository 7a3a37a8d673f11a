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
    private static final byte[] PLATFORM = {'a', 'a', 'r', 'c', 'h', '6', '4', 0};

    private InitialStack() {}

    /** The strings' bytes together, or -E2BIG past the limits. */
    static long stringBytes(byte[][] argv, byte[][] envp) {
        long total = 0;
        for (byte[] s : argv) {
            if (s.length + 1 > Exec.MAX_ARG_STRLEN) return -Errno.E2BIG;
            total += s.length + 1;
        }
        for (byte[] s : envp) {
            if (s.length + 1 > Exec.MAX_ARG_STRLEN) return -Errno.E2BIG;
            total += s.length + 1;
        }
        return total > Exec.ARG_MAX ? -Errno.E2BIG : total;
    }

    /** The lowest string's address when {@link #build} lays them out below {@code top}, or -E2BIG. */
    static long stringsStart(long top, byte[][] argv, byte[][] envp, byte[] execfn) {
        long strings = stringBytes(argv, envp);
        return strings < 0 ? strings : top - 8 - (execfn.length + 1) - strings;
    }

    /** Writes the stack below {@code top} in {@code mm}; returns the program's sp or -errno. */
    @Async
    static long build(UserAddressSpace mm, long top, byte[][] argv, byte[][] envp, byte[] execfn, AuxVector aux) {
        long stringsAt = stringsStart(top, argv, envp, execfn);
        if (stringsAt < 0) return stringsAt;
        long execfnAt = top - 8 - (execfn.length + 1);
        long strings = execfnAt - stringsAt;
        // The argument strings, the environment's and the execfn lie end to end: one buffer, one copy.
        byte[] block = new byte[(int) strings + execfn.length + 1];
        long[] argvAt = new long[argv.length], envpAt = new long[envp.length];
        int off = 0;
        for (int i = 0; i < argv.length; i++) {
            argvAt[i] = stringsAt + off;
            off = append(block, off, argv[i]);
        }
        long argsEnd = stringsAt + off;
        for (int i = 0; i < envp.length; i++) {
            envpAt[i] = stringsAt + off;
            off = append(block, off, envp[i]);
        }
        long envEnd = stringsAt + off;
        append(block, off, execfn);
        int rc = UserCopy.copyOut(mm, stringsAt, block, 0, block.length);
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
        if (rc < 0) return rc;
        mm.setInitialStack(sp, stringsAt, argsEnd, argsEnd, envEnd);
        return sp;
    }

    /** Puts {@code s} and its NUL at {@code off} (the buffer is zeroed); returns the offset after them. */
    private static int append(byte[] block, int off, byte[] s) {
        System.arraycopy(s, 0, block, off, s.length);
        return off + s.length + 1;
    }

    /** AT_RANDOM's bytes, which glibc takes for its stack guard and pointer mangling. */
    @Async
    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        KernelRandom.fill(b, 0, 16);
        return b;
    }
}
