package lichen.rt;

/**
 * Double.toString and Float.toString: the shortest decimal that rounds to the
 * value ({@link ShortestDecimal}) written in Java's format (Double.toString
 * javadoc): "NaN", "Infinity", "-0.0"; plain notation with at least one digit
 * after the point when 10^-3 <= |v| < 10^7 ("0.001", "1234567.0"); otherwise
 * computerized scientific notation ("1.0E7", "4.9E-324"). Works on raw bits,
 * so it runs unchanged on the JVM.
 */
public final class JavaFloatFormat {
    private JavaFloatFormat() {}

    private static final ShortestDecimal DECIMAL = new ShortestDecimal();

    public static String ofDoubleBits(long bits) {
        boolean negative = bits < 0;
        int biased = (int) (bits >>> 52) & 0x7ff;
        long fraction = bits & 0xfffffffffffffL;
        if (biased == 0x7ff) {
            return fraction != 0 ? "NaN" : negative ? "-Infinity" : "Infinity";
        }
        if (biased == 0 && fraction == 0) {
            return negative ? "-0.0" : "0.0";
        }
        if (biased == 0) {
            DECIMAL.compute(fraction, -1074, false);
        } else {
            DECIMAL.compute(fraction | (1L << 52), biased - 1075, fraction == 0 && biased > 1);
        }
        return format(negative, DECIMAL.significand, DECIMAL.exponent);
    }

    public static String ofFloatBits(int bits) {
        boolean negative = bits < 0;
        int biased = (bits >>> 23) & 0xff;
        int fraction = bits & 0x7fffff;
        if (biased == 0xff) {
            return fraction != 0 ? "NaN" : negative ? "-Infinity" : "Infinity";
        }
        if (biased == 0 && fraction == 0) {
            return negative ? "-0.0" : "0.0";
        }
        if (biased == 0) {
            DECIMAL.compute(fraction, -149, false);
        } else {
            DECIMAL.compute(fraction | (1 << 23), biased - 150, fraction == 0 && biased > 1);
        }
        return format(negative, DECIMAL.significand, DECIMAL.exponent);
    }

    /** Writes (-1)^negative * significand * 10^exponent in Java's notation. */
    static String format(boolean negative, long significand, int exponent) {
        char[] digits = new char[20];
        int n = 0;
        for (long s = significand; s != 0; s /= 10) {
            digits[n++] = (char) ('0' + (int) (s % 10));
        }
        // digits[n-1] is the leading digit; the value is d.ddd * 10^x.
        int x = exponent + n - 1;
        char[] out = new char[n + 32];
        int pos = 0;
        if (negative) {
            out[pos++] = '-';
        }
        if (x >= -3 && x < 7) {
            if (x >= 0) {
                for (int i = 0; i <= x; i++) {
                    out[pos++] = i < n ? digits[n - 1 - i] : '0';
                }
                out[pos++] = '.';
                if (n <= x + 1) {
                    out[pos++] = '0';
                }
                for (int i = x + 1; i < n; i++) {
                    out[pos++] = digits[n - 1 - i];
                }
            } else {
                out[pos++] = '0';
                out[pos++] = '.';
                for (int i = 0; i < -x - 1; i++) {
                    out[pos++] = '0';
                }
                for (int i = 0; i < n; i++) {
                    out[pos++] = digits[n - 1 - i];
                }
            }
        } else {
            out[pos++] = digits[n - 1];
            out[pos++] = '.';
            if (n == 1) {
                out[pos++] = '0';
            }
            for (int i = 1; i < n; i++) {
                out[pos++] = digits[n - 1 - i];
            }
            out[pos++] = 'E';
            if (x < 0) {
                out[pos++] = '-';
                x = -x;
            }
            if (x >= 100) {
                out[pos++] = (char) ('0' + x / 100);
            }
            if (x >= 10) {
                out[pos++] = (char) ('0' + x / 10 % 10);
            }
            out[pos++] = (char) ('0' + x % 10);
        }
        return new String(out, 0, pos);
    }
}
