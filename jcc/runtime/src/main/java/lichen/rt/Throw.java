package lichen.rt;

/**
 * What compiled code calls when one of the JVM's implicit checks fails: each
 * method throws the exception the JVM would, with the JVM's message (HotSpot,
 * JDK 25), and never returns.
 */
public final class Throw {
    private Throw() {}

    /** A null receiver, array or thrown value. The JVM's helpful message needs the bytecode, so there is none. */
    public static void nullPointer() {
        throw new NullPointerException();
    }

    public static void arrayIndex(int index, int length) {
        throw new ArrayIndexOutOfBoundsException("Index " + index + " out of bounds for length " + length);
    }

    public static void classCast(Object value, String targetClassName) {
        throw new ClassCastException(classCastMessage(Intrinsics.className(value), targetClassName));
    }

    public static void divideByZero() {
        throw new ArithmeticException("/ by zero");
    }

    /** The JVM's message is the requested length itself. */
    public static void negativeArraySize(int length) {
        throw new NegativeArraySizeException(Integer.toString(length));
    }

    /** Storing into an array of an incompatible element type; the message is the value's class. */
    public static void arrayStore(Object value) {
        throw new ArrayStoreException(Intrinsics.className(value));
    }

    /**
     * HotSpot's text: "class A cannot be cast to class B (where each is)".
     * Compiled programs are in the unnamed module of the application loader;
     * java.* classes, primitive arrays and arrays of java.* classes are in
     * java.base, loaded by the bootstrap loader.
     */
    public static String classCastMessage(String from, String to) {
        String fromPlace = place(from);
        String toPlace = place(to);
        String where = fromPlace.equals(toPlace)
                ? from + " and " + to + " are in " + fromPlace
                : from + " is in " + fromPlace + "; " + to + " is in " + toPlace;
        return "class " + from + " cannot be cast to class " + to + " (" + where + ")";
    }

    private static String place(String className) {
        int dims = 0;
        while (dims < className.length() && className.charAt(dims) == '[') {
            dims++;
        }
        boolean bootstrap;
        if (dims == 0) {
            bootstrap = className.startsWith("java.");
        } else {
            bootstrap = className.charAt(dims) != 'L' || className.startsWith("java.", dims + 1);
        }
        return bootstrap ? "module java.base of loader 'bootstrap'" : "unnamed module of loader 'app'";
    }
}
