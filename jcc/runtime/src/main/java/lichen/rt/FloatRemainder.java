package lichen.rt;

/**
 * The remainder of {@code %} on doubles and floats (JLS 15.17.3): the C
 * {@code fmod}, {@code x - n*y} with {@code n} the quotient truncated toward
 * zero, computed exactly. jcc compiles {@code drem} and {@code frem} to calls
 * of {@link #fmod}; there is no C library to call.
 *
 * <p>The remainder is exact, so the float case is the double case rounded
 * back, which loses nothing.
 */
public final class FloatRemainder {
    private static final long SIGN = 0x8000_0000_0000_0000L;
    private static final long EXPONENT_ONES = 0x7FF0_0000_0000_0000L;
    private static final long FRACTION = 0x000F_FFFF_FFFF_FFFFL;
    private static final long IMPLICIT = 1L << 52;

    private FloatRemainder() {}

    public static double fmod(double x, double y) {
        long bx = Double.doubleToRawLongBits(x), by = Double.doubleToRawLongBits(y);
        long sign = bx & SIGN;
        long ax = bx & ~SIGN, ay = by & ~SIGN;
        if (ay == 0 || ax >= EXPONENT_ONES || ay > EXPONENT_ONES) return (x * y) / (x * y); // NaN
        if (ax < ay) return x;
        if (ax == ay) return Double.longBitsToDouble(sign);
        int ex = (int) (ax >>> 52), ey = (int) (ay >>> 52);
        long mx = mantissa(ax, ex), my = mantissa(ay, ey);
        if (ex == 0) ex = 1 - Long.numberOfLeadingZeros(mx) + 11;
        if (ey == 0) ey = 1 - Long.numberOfLeadingZeros(my) + 11;
        mx = normalise(mx);
        my = normalise(my);
        // Long division on the significands: one quotient bit per step, keeping the partial remainder.
        for (; ex > ey; ex--) {
            long d = mx - my;
            if (d == 0) return Double.longBitsToDouble(sign);
            if (d > 0) mx = d;
            mx <<= 1;
        }
        long d = mx - my;
        if (d == 0) return Double.longBitsToDouble(sign);
        if (d > 0) mx = d;
        while (mx < IMPLICIT) {
            mx <<= 1;
            ex--;
        }
        long bits = ex > 0 ? ((long) ex << 52) | (mx & FRACTION) : mx >>> (1 - ex);
        return Double.longBitsToDouble(bits | sign);
    }

    public static float fmodf(float x, float y) { return (float) fmod(x, y); }

    /** The significand with its implicit bit, or the raw fraction of a subnormal. */
    private static long mantissa(long bits, int exponent) {
        return exponent == 0 ? bits & FRACTION : (bits & FRACTION) | IMPLICIT;
    }

    /** Shifts a subnormal's fraction up until the implicit bit's place is set. */
    private static long normalise(long m) {
        return m << (Long.numberOfLeadingZeros(m) - 11);
    }
}
