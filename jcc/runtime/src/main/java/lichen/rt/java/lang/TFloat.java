package lichen.rt.java.lang;

import lichen.rt.FloatBits;
import lichen.rt.JavaFloatFormat;

/** java.lang.Float's statics in compiled code. */
public final class TFloat {
    private TFloat() {}

    public static final float POSITIVE_INFINITY = 1.0f / 0.0f;
    public static final float NEGATIVE_INFINITY = -1.0f / 0.0f;
    public static final float NaN = 0.0f / 0.0f;
    public static final float MAX_VALUE = 0x1.fffffeP+127f;
    public static final float MIN_NORMAL = 0x1.0p-126f;
    public static final float MIN_VALUE = 0x0.000002P-126f;
    public static final int MAX_EXPONENT = 127;
    public static final int MIN_EXPONENT = -126;
    public static final int SIZE = 32;
    public static final int PRECISION = 24;
    public static final int BYTES = 4;

    /** The shortest decimal that rounds to {@code f} as a float, in Java's notation (Float.toString javadoc). */
    public static String toString(float f) {
        return JavaFloatFormat.ofFloatBits(floatToRawIntBits(f));
    }

    public static int floatToRawIntBits(float value) {
        return FloatBits.floatToRawIntBits(value);
    }

    /** Like floatToRawIntBits, but every NaN becomes 0x7fc00000. */
    public static int floatToIntBits(float value) {
        if (value != value) {
            return 0x7fc00000;
        }
        return FloatBits.floatToRawIntBits(value);
    }

    public static float intBitsToFloat(int bits) {
        return FloatBits.intBitsToFloat(bits);
    }

    public static boolean isNaN(float v) {
        return v != v;
    }

    public static boolean isInfinite(float v) {
        return v == POSITIVE_INFINITY || v == NEGATIVE_INFINITY;
    }

    public static boolean isFinite(float f) {
        return Math.abs(f) <= MAX_VALUE;
    }

    public static int hashCode(float value) {
        return floatToIntBits(value);
    }

    /** Total order: -0.0f before 0.0f, NaN after everything and equal to itself. */
    public static int compare(float f1, float f2) {
        if (f1 < f2) {
            return -1;
        }
        if (f1 > f2) {
            return 1;
        }
        int b1 = floatToIntBits(f1);
        int b2 = floatToIntBits(f2);
        return b1 == b2 ? 0 : (b1 < b2 ? -1 : 1);
    }

    public static float sum(float a, float b) {
        return a + b;
    }

    public static float max(float a, float b) {
        return Math.max(a, b);
    }

    public static float min(float a, float b) {
        return Math.min(a, b);
    }
}
