package lichen.rt;

import lichen.api.Syscall;
import lichen.api.Unsafe;

/**
 * The program's start and end, called by the code jcc emits for {@code _start}.
 * At entry the stack holds argc, then argc pointers to NUL-terminated
 * argument strings, then NULL (the AArch64 Linux process ABI, as in the
 * System V ABI's "Initial Process Stack").
 */
@Unsafe
public final class Start {
    private Start() {}

    private static final long SYS_EXIT_GROUP = 94;

    private static long argc;
    private static long argv;

    /** Called first, with the stack pointer as the kernel left it. */
    public static void begin(long initialSp) {
        argc = Intrinsics.load64(initialSp);
        argv = initialSp + 8;
    }

    /** argv[1..argc) decoded from UTF-8, for {@code main(String[] args)}. */
    public static String[] arguments() {
        int n = argc > 1 ? (int) argc - 1 : 0;
        String[] args = new String[n];
        for (int i = 0; i < n; i++) {
            args[i] = cString(Intrinsics.load64(argv + 8L * (i + 1)));
        }
        return args;
    }

    private static String cString(long address) {
        int length = 0;
        while (Intrinsics.load8(address + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = Intrinsics.load8(address + i);
        }
        return Utf8.decode(bytes, length);
    }

    /** main returned: exit with status 0. */
    public static void end() {
        exit(0);
    }

    /** Flushes System.out and System.err and ends the process. */
    public static void exit(int status) {
        System.out.flush();
        System.err.flush();
        exitNow(status);
    }

    /** exit_group(2) without flushing; never returns. */
    public static void exitNow(int status) {
        while (true) {
            Syscall.invoke(SYS_EXIT_GROUP, status);
        }
    }
}
