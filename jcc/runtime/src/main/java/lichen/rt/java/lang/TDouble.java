package lichen.rt.java.lang;

import lichen.rt.FloatBits;
import lichen.rt.JavaFloatFormat;

/** java.lang.Double's statics in compiled code. */
public final class TDouble {
    private TDouble() {}

    public static final double POSITIVE_INFINITY = 1.0 / 0.0;
    public static final double NEGATIVE_INFINITY = -1.0 / 0.0;
    public static final double NaN = 0.0d / 0.0;
    public static final double MAX_VALUE = 0x1.fffffffffffffP+1023;
    public static final double MIN_NORMAL = 0x1.0p-1022;
    public static final double MIN_VALUE = 0x0.0000000000001P-1022;
    public static final int MAX_EXPONENT = 1023;
    public static final int MIN_EXPONENT = -1022;
    public static final int SIZE = 64;
    public static final int PRECISION = 53;
    public static final int BYTES = 8;

    /** The shortest decimal that rounds to {@code d}, in Java's notation (Double.toString javadoc). */
    public static String toString(double d) {
        return JavaFloatFormat.ofDoubleBits(doubleToRawLongBits(d));
    }

    public static long doubleToRawLongBits(double value) {
        return FloatBits.doubleToRawLongBits(value);
    }

    /** Like doubleToRawLongBits, but every NaN becomes 0x7ff8000000000000. */
    public static long doubleToLongBits(double value) {
        if (value != value) {
            return 0x7ff8000000000000L;
        }
        return FloatBits.doubleToRawLongBits(value);
    }

    public static double longBitsToDouble(long bits) {
        return FloatBits.longBitsToDouble(bits);
    }

    public static boolean isNaN(double v) {
        return v != v;
    }

    public static boolean isInfinite(double v) {
        return v == POSITIVE_INFINITY || v == NEGATIVE_INFINITY;
    }

    public static boolean isFinite(double d) {
        return Math.abs(d) <= MAX_VALUE;
    }

    public static int hashCode(double value) {
        long bits = doubleToLongBits(value);
        return (int) (bits ^ (bits >>> 32));
    }

    /** Total order: -0.0 before 0.0, NaN after everything and equal to itself. */
    public static int compare(double d1, double d2) {
        if (d1 < d2) {
            return -1;
        }
        if (d1 > d2) {
            return 1;
        }
        long b1 = doubleToLongBits(d1);
        long b2 = doubleToLongBits(d2);
        return b1 == b2 ? 0 : (b1 < b2 ? -1 : 1);
    }

    public static double sum(double a, double b) {
        return a + b;
    }

    public static double max(double a, double b) {
        return Math.max(a, b);
    }

    public static double min(double a, double b) {
        return Math.min(a, b);
    }
}
