package lichen.rt.java.lang;

/**
 * java.lang.Error without the JDK's flight-recorder hook: the JDK's Error
 * constructors test {@code Throwable.jfrTracing} and call
 * {@code jdk.internal.event.ThrowableTracer}, neither of which exists here.
 */
public class TError extends Throwable {
    public TError() { super(); }

    public TError(String message) { super(message); }

    public TError(String message, Throwable cause) { super(message, cause); }

    public TError(Throwable cause) { super(cause); }
}
