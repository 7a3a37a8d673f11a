package lichen.rt;

import lichen.api.Unsafe;

/**
 * Reinterpreting float and double bits. Java has no operator for it (the
 * JDK's methods are native), so compiled code stores the value into a
 * scratch array and loads the same bytes back as an integer (AArch64 is
 * little-endian: element 0 of a float[2] is the low half of the first 8
 * bytes). On the JVM the JDK's methods do it.
 */
@Unsafe
public final class FloatBits {
    private FloatBits() {}

    private static final double[] DOUBLE_SCRATCH = new double[1];
    private static final float[] FLOAT_SCRATCH = new float[2];

    public static long doubleToRawLongBits(double d) {
        if (Host.isJvm()) {
            return Double.doubleToRawLongBits(d);
        }
        DOUBLE_SCRATCH[0] = d;
        return Intrinsics.load64(Intrinsics.arrayData(DOUBLE_SCRATCH));
    }

    public static double longBitsToDouble(long bits) {
        if (Host.isJvm()) {
            return Double.longBitsToDouble(bits);
        }
        Intrinsics.store64(Intrinsics.arrayData(DOUBLE_SCRATCH), bits);
        return DOUBLE_SCRATCH[0];
    }

    public static int floatToRawIntBits(float f) {
        if (Host.isJvm()) {
            return Float.floatToRawIntBits(f);
        }
        FLOAT_SCRATCH[0] = f;
        return (int) Intrinsics.load64(Intrinsics.arrayData(FLOAT_SCRATCH));
    }

    public static float intBitsToFloat(int bits) {
        if (Host.isJvm()) {
            return Float.intBitsToFloat(bits);
        }
        Intrinsics.store64(Intrinsics.arrayData(FLOAT_SCRATCH), bits & 0xffffffffL);
        return FLOAT_SCRATCH[0];
    }
}
