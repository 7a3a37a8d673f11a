package lichen.rt;

/**
 * Decimal digits of ints and longs written into a caller's char array, so
 * that StringBuilder.append and PrintStream.print of a number allocate
 * nothing. Digits are produced from the negated value so MIN_VALUE needs no
 * special case.
 */
public final class DecimalDigits {
    private DecimalDigits() {}

    /** Chars needed to print {@code x} in decimal, with its sign. */
    public static int stringSize(int x) {
        int d = 1;
        if (x >= 0) {
            d = 0;
            x = -x;
        }
        int p = -10;
        for (int i = 1; i < 10; i++) {
            if (x > p) {
                return i + d;
            }
            p = 10 * p;
        }
        return 10 + d;
    }

    /** Writes {@code i} in decimal into {@code buf}, ending just before {@code end}; works on the negative value so MIN_VALUE is fine. */
    public static void getChars(int i, int end, char[] buf) {
        boolean negative = i < 0;
        if (!negative) {
            i = -i;
        }
        int pos = end;
        do {
            int q = i / 10;
            buf[--pos] = (char) ('0' + (q * 10 - i));
            i = q;
        } while (i != 0);
        if (negative) {
            buf[--pos] = '-';
        }
    }

    public static int stringSize(long x) {
        int d = 1;
        if (x >= 0) {
            d = 0;
            x = -x;
        }
        long p = -10;
        for (int i = 1; i < 19; i++) {
            if (x > p) {
                return i + d;
            }
            p = 10 * p;
        }
        return 19 + d;
    }

    /** Writes {@code l} in decimal ending just before {@code end}, on the negative value so MIN_VALUE is fine. */
    public static void getChars(long l, int end, char[] buf) {
        boolean negative = l < 0;
        if (!negative) {
            l = -l;
        }
        int pos = end;
        do {
            long q = l / 10;
            buf[--pos] = (char) ('0' + (int) (q * 10 - l));
            l = q;
        } while (l != 0);
        if (negative) {
            buf[--pos] = '-';
        }
    }

    /** Writes {@code i} at the start of {@code out} (20 chars suffice); returns the count. */
    public static int intChars(int i, char[] out) {
        int n = stringSize(i);
        getChars(i, n, out);
        return n;
    }

    public static int longChars(long l, char[] out) {
        int n = stringSize(l);
        getChars(l, n, out);
        return n;
    }
}
