package lichen.rt;

/**
 * The decimal that Double.toString and Float.toString print for a finite
 * positive value v = m * 2^e, found with exact integer arithmetic.
 *
 * <p>The rule (Double.toString javadoc since JDK 19): let R be the decimals
 * that round to v under IEEE 754 round-to-nearest-even; let p be the least
 * length of a decimal in R; T is the decimals in R of length p, or of length
 * 1 or 2 when p = 1; the result is the decimal in T closest to v, or of two
 * equally close the one with the even significand.
 *
 * <p>Method: scale v by 10^-t so that q = floor(v * 10^-t) has 17 or 18
 * digits. All quantities are then fractions over one integer {@code den}:
 * v = num/den, and R is [v - lo, v + hi] with hi = half an ulp and lo = half an
 * ulp, or a quarter at a power of two whose predecessor has a smaller ulp;
 * the ends belong to R exactly when m is even. A decimal of length n near v is
 * a multiple of 10^j, j = digits - n, so p is found by trying j from 18 down
 * and asking whether the multiple just below or just above v lies in R. One
 * instance is reused, so nothing is allocated per call.
 */
public final class ShortestDecimal {
    private static final int WORDS = 48;
    private static final long[] POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private final Natural num = new Natural(WORDS);
    private final Natural den = new Natural(WORDS);
    private final Natural hi = new Natural(WORDS);
    private final Natural lo = new Natural(WORDS);
    private final Natural rem = new Natural(WORDS);
    private final Natural below = new Natural(WORDS);
    private final Natural above = new Natural(WORDS);

    private long q;
    private boolean inclusive;
    private boolean belowIn;
    private boolean aboveIn;

    /** The result's digits, without trailing zeros. */
    public long significand;
    /** The result is significand * 10^exponent. */
    public int exponent;

    /**
     * Finds the decimal for m * 2^e, m > 0. {@code lowerGapHalved}: the
     * predecessor of v is only a quarter of v's ulp below the midpoint (v is
     * a power of two above the subnormal range).
     */
    public void compute(long m, int e, boolean lowerGapHalved) {
        inclusive = (m & 1) == 0;
        int bitLength = 64 - Long.numberOfLeadingZeros(m);
        // floor(log10(2^(e + bitLength - 1))) <= floor(log10(v)) <= that + 1 (78913 / 2^18 ~ log10(2)).
        int k = ((e + bitLength - 1) * 78913) >> 18;
        int t = k - 16;

        // F = 2^max(e,0) * 10^max(-t,0); num = 4mF; den = 4 * 2^max(-e,0) * 10^max(t,0).
        hi.setLong(1);
        hi.shiftLeft(Math.max(e, 0));
        if (t < 0) {
            hi.multiplyPow10(-t);
        }
        num.setProduct(hi, 4 * m);
        if (lowerGapHalved) {
            lo.copyFrom(hi);
            hi.shiftLeft(1);
        } else {
            hi.shiftLeft(1);
            lo.copyFrom(hi);
        }
        den.setLong(4);
        den.shiftLeft(Math.max(-e, 0));
        if (t > 0) {
            den.multiplyPow10(t);
            // Then e > 0 (v >= 10^17 needs more than 53 bits), so den = 4 * 10^t.
            rem.copyFrom(num);
            rem.divideSmall(4);
            rem.dividePow10(t);
            q = rem.bitsFrom(0);
        } else {
            q = num.bitsFrom(2 + Math.max(-e, 0));
        }
        // rem = num - den * q: v * 10^-t = q + rem/den.
        below.setProduct(den, q);
        rem.copyFrom(num);
        rem.subtract(below);

        // hi/den and lo/den, the half-ulp in units of 10^t, are below (q+1)/(2m) since
        // m * 2^e * 10^-t < q + 1; a candidate farther than that from q is not in R,
        // which skips the exact test at most levels.
        long reach = (q + 1) / (2 * m) + 1;
        int j = 18;
        while (true) {
            long a = q % POW10[j];
            if ((a <= reach || POW10[j] - a <= reach + 1) && candidatesAt(j)) {
                break;
            }
            j--;
        }
        long candidate = belowIn ? q - q % POW10[j] : q - q % POW10[j] + POW10[j];
        if (candidate / POW10[j] < 10) {
            // p = 1: choose among decimals of length 1 and 2, that is among
            // multiples of 10^(digits(q) - 2) (q has 17 or 18 digits).
            j = q >= POW10[17] ? 16 : 15;
            candidatesAt(j);
        }
        long floor = q - q % POW10[j];
        long chosen;
        if (belowIn && aboveIn) {
            // Distances to v, over den: below = q - floor + rem/den, above = floor + 10^j - q - rem/den.
            int c = Natural.compare(below, above);
            if (c == 0) {
                c = ((floor / POW10[j]) & 1) == 0 ? -1 : 1;
            }
            chosen = c < 0 ? floor : floor + POW10[j];
        } else {
            chosen = belowIn ? floor : floor + POW10[j];
        }
        int exp = t;
        while (chosen % 10 == 0) {
            chosen /= 10;
            exp++;
        }
        significand = chosen;
        exponent = exp;
    }

    /**
     * Whether the multiple of 10^j just below (or at) v, or the one just above
     * v, lies in R; sets belowIn, aboveIn and their distances to v, times den.
     */
    private boolean candidatesAt(int j) {
        long a = q % POW10[j];
        below.setProduct(den, a);
        below.add(rem);
        int cb = Natural.compare(below, lo);
        belowIn = cb < 0 || (inclusive && cb == 0);
        above.setProduct(den, POW10[j] - a);
        above.subtract(rem);
        int ca = Natural.compare(above, hi);
        aboveIn = ca < 0 || (inclusive && ca == 0);
        return belowIn || aboveIn;
    }
}
