package lichen.rt.java.lang;

import lichen.rt.DecimalDigits;

/**
 * java.lang.Integer's statics in compiled code. Printing and parsing follow
 * the Integer javadoc exactly, including NumberFormatException messages.
 */
public final class TInteger {
    private TInteger() {}

    public static final int MIN_VALUE = 0x80000000;
    public static final int MAX_VALUE = 0x7fffffff;
    public static final int SIZE = 32;
    public static final int BYTES = 4;

    /** Digits for radix up to 36, lower case as Integer.toString(int, int) prints them. */
    static final char[] DIGITS = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h',
        'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z'
    };

    public static String toString(int i) {
        char[] buf = new char[DecimalDigits.stringSize(i)];
        DecimalDigits.getChars(i, buf.length, buf);
        return TString.adopt(buf);
    }

    public static String toString(int i, int radix) {
        if (radix < Character.MIN_RADIX || radix > Character.MAX_RADIX) {
            radix = 10;
        }
        return TLong.toString(i, radix);
    }

    public static String toUnsignedString(int i) {
        return TLong.toString(toUnsignedLong(i));
    }

    public static String toUnsignedString(int i, int radix) {
        return TLong.toUnsignedString(toUnsignedLong(i), radix);
    }

    public static String toHexString(int i) {
        return TLong.toPowerOfTwoString(toUnsignedLong(i), 4);
    }

    public static String toOctalString(int i) {
        return TLong.toPowerOfTwoString(toUnsignedLong(i), 3);
    }

    public static String toBinaryString(int i) {
        return TLong.toPowerOfTwoString(toUnsignedLong(i), 1);
    }

    public static int parseInt(String s) {
        return parseInt(s, 10);
    }

    /** Integer.parseInt: an optional sign, then at least one digit of {@code radix}, and nothing else. */
    public static int parseInt(String s, int radix) {
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
        int limit = -MAX_VALUE;
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
        int multmin = limit / radix;
        int result = 0;
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

    public static int parseUnsignedInt(String s) {
        return parseUnsignedInt(s, 10);
    }

    public static int parseUnsignedInt(String s, int radix) {
        if (s == null) {
            throw TNumberFormatException.forNull();
        }
        TNumberFormatException.checkRadix(radix);
        int n = s.length();
        if (n > 0 && s.charAt(0) == '-') {
            throw new TNumberFormatException("Illegal leading minus sign on unsigned string " + s + ".");
        }
        int i = n > 0 && s.charAt(0) == '+' ? 1 : 0;
        if (i == n) {
            throw TNumberFormatException.forInputString(s, radix);
        }
        long result = 0;
        for (; i < n; i++) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0) {
                throw TNumberFormatException.forInputString(s, radix);
            }
            result = result * radix + digit;
            if (result > 0xffffffffL) {
                throw new TNumberFormatException("String value " + s + " exceeds range of unsigned int.");
            }
        }
        return (int) result;
    }

    public static int hashCode(int value) {
        return value;
    }

    public static int compare(int x, int y) {
        return x < y ? -1 : (x == y ? 0 : 1);
    }

    public static int compareUnsigned(int x, int y) {
        return compare(x + MIN_VALUE, y + MIN_VALUE);
    }

    public static long toUnsignedLong(int x) {
        return x & 0xffffffffL;
    }

    public static int divideUnsigned(int dividend, int divisor) {
        return (int) (toUnsignedLong(dividend) / toUnsignedLong(divisor));
    }

    public static int remainderUnsigned(int dividend, int divisor) {
        return (int) (toUnsignedLong(dividend) % toUnsignedLong(divisor));
    }

    public static int signum(int i) {
        return (i >> 31) | (-i >>> 31);
    }

    public static int bitCount(int i) {
        i = i - ((i >>> 1) & 0x55555555);
        i = (i & 0x33333333) + ((i >>> 2) & 0x33333333);
        i = (i + (i >>> 4)) & 0x0f0f0f0f;
        return (i * 0x01010101) >>> 24;
    }

    public static int numberOfLeadingZeros(int i) {
        if (i == 0) {
            return 32;
        }
        int n = 0;
        if ((i & 0xffff0000) == 0) { n += 16; i <<= 16; }
        if ((i & 0xff000000) == 0) { n += 8; i <<= 8; }
        if ((i & 0xf0000000) == 0) { n += 4; i <<= 4; }
        if ((i & 0xc0000000) == 0) { n += 2; i <<= 2; }
        if ((i & 0x80000000) == 0) { n += 1; }
        return n;
    }

    public static int numberOfTrailingZeros(int i) {
        if (i == 0) {
            return 32;
        }
        return 31 - numberOfLeadingZeros(i & -i);
    }

    public static int highestOneBit(int i) {
        return i & (MIN_VALUE >>> numberOfLeadingZeros(i));
    }

    public static int lowestOneBit(int i) {
        return i & -i;
    }

    public static int rotateLeft(int i, int distance) {
        return (i << distance) | (i >>> -distance);
    }

    public static int rotateRight(int i, int distance) {
        return (i >>> distance) | (i << -distance);
    }

    public static int reverse(int i) {
        i = (i & 0x55555555) << 1 | (i >>> 1) & 0x55555555;
        i = (i & 0x33333333) << 2 | (i >>> 2) & 0x33333333;
        i = (i & 0x0f0f0f0f) << 4 | (i >>> 4) & 0x0f0f0f0f;
        return reverseBytes(i);
    }

    public static int reverseBytes(int i) {
        return (i << 24) | ((i & 0xff00) << 8) | ((i >>> 8) & 0xff00) | (i >>> 24);
    }

    public static int sum(int a, int b) {
        return a + b;
    }

    public static int max(int a, int b) {
        return Math.max(a, b);
    }

    public static int min(int a, int b) {
        return Math.min(a, b);
    }
}
