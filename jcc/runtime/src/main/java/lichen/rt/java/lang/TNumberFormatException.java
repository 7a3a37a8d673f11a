package lichen.rt.java.lang;

/** java.lang.NumberFormatException in compiled code: what parseInt and friends throw on bad input. */
public class TNumberFormatException extends IllegalArgumentException {
    public TNumberFormatException() {
        super();
    }

    public TNumberFormatException(String message) {
        super(message);
    }

    /** The JDK's message for a string that is not a number in {@code radix}. */
    static TNumberFormatException forInputString(String s, int radix) {
        return new TNumberFormatException(
                "For input string: \"" + s + "\"" + (radix == 10 ? "" : " under radix " + radix));
    }

    static TNumberFormatException forNull() {
        return new TNumberFormatException("Cannot parse null string");
    }

    /** The JDK's check of a radix argument, Character.MIN_RADIX..MAX_RADIX. */
    static void checkRadix(int radix) {
        if (radix < Character.MIN_RADIX) {
            throw new TNumberFormatException("radix " + radix + " less than Character.MIN_RADIX");
        }
        if (radix > Character.MAX_RADIX) {
            throw new TNumberFormatException("radix " + radix + " greater than Character.MAX_RADIX");
        }
    }
}
