package lichen.rt.java.lang;

/**
 * java.lang.NullPointerException in compiled code. The JDK's computes a
 * "helpful" message natively; here the message is what the thrower gave, or
 * null for the compiler's own null checks.
 */
public class TNullPointerException extends RuntimeException {
    public TNullPointerException() {
        super();
    }

    public TNullPointerException(String message) {
        super(message);
    }
}
