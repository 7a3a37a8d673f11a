package lichen.rt.java.lang;

/** java.lang.OutOfMemoryError in compiled code: a String or StringBuilder would exceed Integer.MAX_VALUE chars. */
public class TOutOfMemoryError extends Error {
    public TOutOfMemoryError() {
        super();
    }

    public TOutOfMemoryError(String message) {
        super(message);
    }
}
