package lichen.rt.java.lang;

import lichen.rt.DecimalDigits;

/**
 * java.lang.Long's statics in compiled code; also the radix printing that
 * Integer shares. Printing and parsing follow the Long javadoc exactly.
 */
public final class TLong {
    private TLong() {}

    public static final long MIN_VALUE = 0x8000000000000000L;
    public static final long MAX_VALUE = 0x7fffffffffffffffL;
    public static final int SIZE = 64;
    public static final int BYTES = 8;

    public static String toString(long l) {
        char[] buf = new char[DecimalDigits.stringSize(l)];
        DecimalDigits.getChars(l, buf.length, buf);
        return TString.adopt(buf);
    }

    public static String toString(long l, int radix) {
        if (radix < Character.MIN_RADIX || radix > Character.MAX_RADIX) {
            radix = 10;
        }
        if (radix == 10) {
            return toString(l);
        }
        char[] buf = new char[65];
        int pos = 65;
        boolean negative = l < 0;
        if (!negative) {
            l = -l;
        }
        while (l <= -radix) {
            buf[--pos] = TInteger.DIGITS[(int) -(l % radix)];
            l = l / radix;
        }
        buf[--pos] = TInteger.DIGITS[(int) -l];
        if (negative) {
            buf[--pos] = '-';
        }
        return new String(buf, pos, 65 - pos);
    }

    public static String toUnsignedString(long l) {
        return toUnsignedString(l, 10);
    }

    public static String toUnsignedString(long l, int radix) {
        if (l >= 0) {
            return toString(l, radix);
        }
        if (radix < Character.MIN_RADIX || radix > Character.MAX_RADIX) {
            radix = 10;
        }
        long quotient = divideUnsigned(l, radix);
        long rem = l - quotient * radix;
        return toString(quotient, radix) + TInteger.DIGITS[(int) rem];
    }

    /** Unsigned digits of {@code l} in radix 2^shift, no leading zeros. */
    static String toPowerOfTwoString(long l, int shift) {
        int bits = Math.max(64 - numberOfLeadingZeros(l), 1);
        int chars = (bits + shift - 1) / shift;
        char[] buf = new char[chars];
        int mask = (1 << shift) - 1;
        for (int pos = chars - 1; pos >= 0; pos--) {
            buf[pos] = TInteger.DIGITS[(int) l & mask];
            l >>>= shift;
        }
        return TString.adopt(buf);
    }

    public static String toHexString(long l) {
        return toPowerOfTwoString(l, 4);
    }

    public static String toOctalString(long l) {
        return toPowerOfTwoString(l, 3);
    }

    public static String toBinaryString(long l) {
        return toPowerOfTwoString(l, 1);
    }

    public static long parseLong(String s) {
        return parseLong(s, 10);
    }

    /** Long.parseLong: an optional sign, then at least one digit of {@code radix}, and nothing else. */
    public static long parseLong(String s, int radix) {
        if (s == null) {
            throw TNumberFormatException.forNull();
        }
        TNumberFormatException.checkRadix(radix);
        int n = s.length();
        if (n == 0) {
            throw TNumberFormatException.forInputString(s, radix);
        }
        int i = 0;
        boolean negative = false;
        long limit = -MAX_VALUE;
        char first = s.charAt(0);
        if (first < '0') {
            if (first == '-') {
                negative = true;
                limit = MIN_VALUE;
            } else if (first != '+') {
                throw TNumberFormatException.forInputString(s, radix);
            }
            if (n == 1) {
                throw TNumberFormatException.forInputString(s, radix);
            }
            i = 1;
        }
        long multmin = limit / radix;
        long result = 0;
        for (; i < n; i++) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0 || result < multmin) {
                throw TNumberFormatException.forInputString(s, radix);
            }
            result *= radix;
            if (result < limit + digit) {
                throw TNumberFormatException.forInputString(s, radix);
            }
            result -= digit;
        }
        return negative ? result : -result;
    }

    public static long parseUnsignedLong(String s) {
        return parseUnsignedLong(s, 10);
    }

    public static long parseUnsignedLong(String s, int radix) {
        if (s == null) {
            throw TNumberFormatException.forNull();
        }
        TNumberFormatException.checkRadix(radix);
        int n = s.length();
        if (n == 0) {
            throw TNumberFormatException.forInputString(s, radix);
        }
        char first = s.charAt(0);
        if (first == '-') {
            throw new TNumberFormatException("Illegal leading minus sign on unsigned string " + s + ".");
        }
        int i = first == '+' ? 1 : 0;
        if (i == n) {
            throw TNumberFormatException.forInputString(s, radix);
        }
        long result = 0;
        for (; i < n; i++) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0) {
                throw TNumberFormatException.forInputString(s, radix);
            }
            long high = multiplyHighUnsigned(result, radix);
            long low = result * radix;
            result = low + digit;
            if (high != 0 || compareUnsigned(result, low) < 0) {
                throw new TNumberFormatException("String value " + s + " exceeds range of unsigned long.");
            }
        }
        return result;
    }

    /** The high 64 bits of the unsigned 128-bit product of {@code x} and a small {@code y}. */
    private static long multiplyHighUnsigned(long x, int y) {
        long lowPart = (x & 0xffffffffL) * y;
        long highPart = (x >>> 32) * y + (lowPart >>> 32);
        return highPart >>> 32;
    }

    public static int hashCode(long value) {
        return (int) (value ^ (value >>> 32));
    }

    public static int compare(long x, long y) {
        return x < y ? -1 : (x == y ? 0 : 1);
    }

    public static int compareUnsigned(long x, long y) {
        return compare(x + MIN_VALUE, y + MIN_VALUE);
    }

    public static long divideUnsigned(long dividend, long divisor) {
        if (divisor < 0) {
            return compareUnsigned(dividend, divisor) < 0 ? 0 : 1;
        }
        if (dividend >= 0) {
            return dividend / divisor;
        }
        long q = ((dividend >>> 1) / divisor) << 1;
        long r = dividend - q * divisor;
        return q + (compareUnsigned(r, divisor) >= 0 ? 1 : 0);
    }

    public static long remainderUnsigned(long dividend, long divisor) {
        return dividend - divideUnsigned(dividend, divisor) * divisor;
    }

    public static int signum(long i) {
        return (int) ((i >> 63) | (-i >>> 63));
    }

    public static int bitCount(long i) {
        return TInteger.bitCount((int) i) + TInteger.bitCount((int) (i >>> 32));
    }

    public static int numberOfLeadingZeros(long i) {
        int high = (int) (i >>> 32);
        return high != 0 ? TInteger.numberOfLeadingZeros(high) : 32 + TInteger.numberOfLeadingZeros((int) i);
    }

    public static int numberOfTrailingZeros(long i) {
        int low = (int) i;
        return low != 0 ? TInteger.numberOfTrailingZeros(low) : 32 + TInteger.numberOfTrailingZeros((int) (i >>> 32));
    }

    public static long highestOneBit(long i) {
        return i & (MIN_VALUE >>> numberOfLeadingZeros(i));
    }

    public static long lowestOneBit(long i) {
        return i & -i;
    }

    public static long rotateLeft(long i, int distance) {
        return (i << distance) | (i >>> -distance);
    }

    public static long rotateRight(long i, int distance) {
        return (i >>> distance) | (i << -distance);
    }

    public static long reverse(long i) {
        return ((long) TInteger.reverse((int) i) << 32) | (TInteger.reverse((int) (i >>> 32)) & 0xffffffffL);
    }

    public static long reverseBytes(long i) {
        return ((long) TInteger.reverseBytes((int) i) << 32) | (TInteger.reverseBytes((int) (i >>> 32)) & 0xffffffffL);
    }

    public static long sum(long a, long b) {
        return a + b;
    }

    public static long max(long a, long b) {
        return Math.max(a, b);
    }

    public static long min(long a, long b) {
        return Math.min(a, b);
    }
}
