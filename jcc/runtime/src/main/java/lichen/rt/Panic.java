package lichen.rt;

import lichen.api.Syscall;
import lichen.api.Unsafe;
import lichen.rt.java.lang.TThrowable;

/**
 * An exception that nothing catches (in the subset, every thrown one) ends
 * the program as the JVM's default handler does: System.out is flushed, then
 * standard error gets {@code Exception in thread "main" } and the
 * throwable's toString, one {@code \tat } line per frame, and the same for
 * each cause after {@code Caused by: }, with the frames it shares with the
 * enclosing trace folded into {@code \t... N more}; the exit status is 1.
 * Text goes through a fixed buffer straight to fd 2, so reporting needs no
 * heap beyond what toString itself allocates.
 */
@Unsafe
public final class Panic {
    private Panic() {}

    private static final long SYS_WRITE = 64;
    private static final byte[] BUFFER = new byte[512];
    private static int used;
    private static boolean reporting;

    /** Reports {@code t} and exits with status 1; never returns. */
    public static void uncaught(Throwable t) {
        if (reporting) {
            put("\n(another exception while reporting an exception)\n");
            flush();
            Start.exitNow(1);
        }
        reporting = true;
        System.out.flush();
        System.err.flush();
        put("Exception in thread \"main\" ");
        printTrace(t);
        Start.exitNow(1);
    }

    /** The heap cannot grow: report it as the JVM does, without allocating. */
    public static void outOfMemory() {
        System.out.flush();
        put("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n");
        flush();
        Start.exitNow(1);
    }

    /** Writes {@code t}'s toString, its frames and its causes to standard error. */
    public static void printTrace(Throwable t) {
        put(String.valueOf(t));
        put("\n");
        long[] enclosing = null;
        int enclosingDepth = 0;
        Throwable current = t;
        for (int guard = 0; current != null && guard < 32; guard++) {
            TThrowable view = (TThrowable) (Object) current;
            long[] frames = view.backtraceAddresses();
            int depth = frames == null ? 0 : view.backtraceDepth();
            int shared = sharedTail(frames, depth, enclosing, enclosingDepth);
            int first = firstUserFrame(frames, depth - shared);
            for (int i = first; i < depth - shared; i++) {
                String frame = Intrinsics.describeFrame(frames[i]);
                if (frame != null) {
                    put("\tat ");
                    putFrame(frame, Intrinsics.frameLine(frames[i]));
                    put("\n");
                }
            }
            if (shared > 0) {
                put("\t... ");
                putInt(shared);
                put(" more\n");
            }
            Throwable cause = current.getCause();
            if (cause == null || cause == current) {
                break;
            }
            put("Caused by: ");
            put(String.valueOf(cause));
            put("\n");
            enclosing = frames;
            enclosingDepth = depth;
            current = cause;
        }
        flush();
    }

    /** How many outermost frames the two traces have in common. */
    private static int sharedTail(long[] frames, int depth, long[] enclosing, int enclosingDepth) {
        int n = 0;
        while (enclosing != null && n < depth && n < enclosingDepth
                && frames[depth - 1 - n] == enclosing[enclosingDepth - 1 - n]) {
            n++;
        }
        return n;
    }

    /**
     * The first frame past the exception's own construction: the JVM's trace
     * starts at the method that made the exception, so the constructors of
     * exception classes (and the runtime's Throw factories) are skipped.
     */
    /** "Class.method(File.java)" with the line put in before the parenthesis closes, as the JVM prints it. */
    private static void putFrame(String frame, int line) {
        if (line <= 0 || !frame.endsWith(")")) {
            put(frame);
            return;
        }
        put(frame.substring(0, frame.length() - 1));
        put(":");
        putInt(line);
        put(")");
    }

    private static int firstUserFrame(long[] frames, int depth) {
        int i = 0;
        while (i < depth) {
            String frame = Intrinsics.describeFrame(frames[i]);
            if (frame != null && !frame.startsWith("lichen.rt.Throw.") && !frame.startsWith("java.lang.Throwable.")
                    && !isThrowableConstructor(frame)) {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isThrowableConstructor(String frame) {
        int init = frame.indexOf(".<init>(");
        if (init < 0) {
            return false;
        }
        String owner = frame.substring(0, init);
        return owner.endsWith("Exception") || owner.endsWith("Error") || owner.endsWith("Throwable");
    }

    private static void put(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                putByte(c);
            } else if (c < 0x800) {
                putByte(0xC0 | (c >>> 6));
                putByte(0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    putByte(0xF0 | (cp >>> 18));
                    putByte(0x80 | ((cp >>> 12) & 0x3F));
                    putByte(0x80 | ((cp >>> 6) & 0x3F));
                    putByte(0x80 | (cp & 0x3F));
                } else {
                    putByte('?');
                }
            } else {
                putByte(0xE0 | (c >>> 12));
                putByte(0x80 | ((c >>> 6) & 0x3F));
                putByte(0x80 | (c & 0x3F));
            }
        }
    }

    private static void putInt(int value) {
        int divisor = 1;
        while (value / divisor >= 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            putByte('0' + value / divisor % 10);
        }
    }

    private static void putByte(int b) {
        if (used == BUFFER.length) {
            flush();
        }
        BUFFER[used++] = (byte) b;
    }

    private static void flush() {
        long base = Intrinsics.arrayData(BUFFER);
        int done = 0;
        while (done < used) {
            long n = Syscall.invoke(SYS_WRITE, 2, base + done, used - done);
            if (n == -4) {
                continue;
            }
            if (n <= 0) {
                break;
            }
            done += (int) n;
        }
        used = 0;
    }
}
