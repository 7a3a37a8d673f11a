package lichen.rt.java.lang;

import lichen.api.Syscall;
import lichen.api.Unsafe;
import lichen.rt.ArrayCopyCheck;
import lichen.rt.IdentityHash;
import lichen.rt.Intrinsics;
import lichen.rt.Start;
import lichen.rt.java.io.TPrintStream;

/**
 * java.lang.System in compiled code: the standard streams, exit, arraycopy
 * and the clocks. System.out is buffered and flushed when full and at exit;
 * System.err is flushed after every print so diagnostics appear at once.
 */
@Unsafe
public final class TSystem {
    private TSystem() {}

    private static final long SYS_CLOCK_GETTIME = 113;
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_MONOTONIC = 1;

    public static final TPrintStream out = new TPrintStream(1, false);
    public static final TPrintStream err = new TPrintStream(2, true);

    /** A struct timespec (tv_sec, tv_nsec) for clock_gettime(2). */
    private static final long[] TIMESPEC = new long[2];

    /** Flushes System.out and System.err, then exit_group(2) with {@code status}. */
    public static void exit(int status) {
        Start.exit(status);
    }

    /** System.arraycopy: the JVM's checks and exceptions, then memmove (overlapping copies are correct). */
    public static void arraycopy(Object src, int srcPos, Object dest, int destPos, int length) {
        RuntimeException failure = ArrayCopyCheck.failure(src, srcPos, dest, destPos, length);
        if (failure != null) {
            throw failure;
        }
        if (length == 0) {
            return;
        }
        if (src instanceof Object[] from && !Intrinsics.className(src).equals(Intrinsics.className(dest))) {
            // Element types differ: store one by one, so each store is type-checked like aastore.
            Object[] to = (Object[]) dest;
            for (int i = 0; i < length; i++) {
                to[destPos + i] = from[srcPos + i];
            }
            return;
        }
        long size = Intrinsics.arrayElementSize(src);
        Intrinsics.copyMemory(Intrinsics.arrayData(dest) + destPos * size,
                Intrinsics.arrayData(src) + srcPos * size, length * size);
    }

    public static long currentTimeMillis() {
        clock(CLOCK_REALTIME);
        return TIMESPEC[0] * 1000 + TIMESPEC[1] / 1_000_000;
    }

    public static long nanoTime() {
        clock(CLOCK_MONOTONIC);
        return TIMESPEC[0] * 1_000_000_000L + TIMESPEC[1];
    }

    private static void clock(int id) {
        Syscall.invoke(SYS_CLOCK_GETTIME, id, Intrinsics.arrayData(TIMESPEC));
    }

    public static int identityHashCode(Object x) {
        return IdentityHash.of(x);
    }

    public static String lineSeparator() {
        return "\n";
    }
}
