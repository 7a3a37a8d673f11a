package lichen.rt.java.lang;

import lichen.rt.Host;
import lichen.rt.Intrinsics;
import lichen.rt.Panic;

/**
 * java.lang.Throwable in compiled code. A throw is a panic, so an exception
 * only has to describe itself: its message, its cause, the exceptions
 * suppressed by try-with-resources, and the return addresses of the frames
 * active when it was made, which Panic prints.
 */
public class TThrowable {
    private static final int MAX_FRAMES = 64;

    private String detailMessage;
    private Throwable cause;
    private boolean causeSet;
    private Throwable[] suppressed;
    private int suppressedCount;
    private long[] frames;
    private int frameCount;

    public TThrowable() {
        fillInStackTrace();
    }

    public TThrowable(String message) {
        detailMessage = message;
        fillInStackTrace();
    }

    public TThrowable(String message, Throwable cause) {
        detailMessage = message;
        this.cause = cause;
        causeSet = true;
        fillInStackTrace();
    }

    /** The message is the cause's toString, as in the JDK. */
    public TThrowable(Throwable cause) {
        detailMessage = cause == null ? null : cause.toString();
        this.cause = cause;
        causeSet = true;
        fillInStackTrace();
    }

    protected TThrowable(String message, Throwable cause, boolean enableSuppression, boolean writableStackTrace) {
        detailMessage = message;
        this.cause = cause;
        causeSet = true;
        if (writableStackTrace) {
            fillInStackTrace();
        }
    }

    /** Records the active frames (not on the JVM, where there are no return addresses to take). */
    public TThrowable fillInStackTrace() {
        if (!Host.isJvm()) {
            frames = new long[MAX_FRAMES];
            frameCount = Intrinsics.backtrace(frames);
        }
        return this;
    }

    public String getMessage() {
        return detailMessage;
    }

    public String getLocalizedMessage() {
        return getMessage();
    }

    public Throwable getCause() {
        return cause;
    }

    /** Sets the cause once (Throwable.initCause javadoc: IllegalStateException the second time). */
    public TThrowable initCause(Throwable cause) {
        if (causeSet) {
            throw new IllegalStateException("Can't overwrite cause with " + (cause == null ? "a null" : cause.toString()), (Throwable) (Object) this);
        }
        if ((Object) cause == this) {
            throw new IllegalArgumentException("Self-causation not permitted", (Throwable) (Object) this);
        }
        this.cause = cause;
        causeSet = true;
        return this;
    }

    public void addSuppressed(Throwable exception) {
        if ((Object) exception == this) {
            throw new IllegalArgumentException("Self-suppression not permitted", exception);
        }
        if (exception == null) {
            throw new NullPointerException("Cannot suppress a null exception.");
        }
        if (suppressed == null || suppressedCount == suppressed.length) {
            Throwable[] bigger = new Throwable[suppressedCount * 2 + 1];
            for (int i = 0; i < suppressedCount; i++) {
                bigger[i] = suppressed[i];
            }
            suppressed = bigger;
        }
        suppressed[suppressedCount++] = exception;
    }

    public Throwable[] getSuppressed() {
        Throwable[] copy = new Throwable[suppressedCount];
        for (int i = 0; i < suppressedCount; i++) {
            copy[i] = suppressed[i];
        }
        return copy;
    }

    /** The class name, then ": " and the localized message if there is one. */
    public String toString() {
        return describe(Intrinsics.className(this), getLocalizedMessage());
    }

    static String describe(String className, String message) {
        return message != null ? className + ": " + message : className;
    }

    /** Prints this throwable and its backtrace to standard error in the JVM's format. */
    public void printStackTrace() {
        System.out.flush();
        Panic.printTrace((Throwable) (Object) this);
    }

    /** The recorded return addresses, innermost first; {@link #backtraceDepth()} of them are valid. */
    public long[] backtraceAddresses() {
        return frames;
    }

    public int backtraceDepth() {
        return frameCount;
    }
}
