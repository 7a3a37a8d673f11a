package lichen.rt;

/**
 * A mutable natural number of fixed capacity, in 32-bit words, least
 * significant first, for the exact arithmetic of floating-point printing.
 * Operations work in place and never allocate, so printing a double costs no
 * heap (compiled programs have no collector). Words at and above
 * {@code length} are always zero.
 */
final class Natural {
    private static final long MASK = 0xffffffffL;

    private final int[] words;
    private int length;

    Natural(int capacityWords) {
        words = new int[capacityWords];
    }

    void setLong(long v) {
        clear();
        words[0] = (int) v;
        words[1] = (int) (v >>> 32);
        length = 2;
        trim();
    }

    void copyFrom(Natural other) {
        clear();
        for (int i = 0; i < other.length; i++) {
            words[i] = other.words[i];
        }
        length = other.length;
    }

    private void clear() {
        for (int i = 0; i < length; i++) {
            words[i] = 0;
        }
        length = 0;
    }

    private void trim() {
        while (length > 0 && words[length - 1] == 0) {
            length--;
        }
    }

    void shiftLeft(int bits) {
        if (length == 0 || bits == 0) {
            return;
        }
        int wordShift = bits >>> 5;
        int bitShift = bits & 31;
        int newLength = length + wordShift + 1;
        for (int i = newLength - 1; i >= wordShift; i--) {
            int src = i - wordShift;
            long hi = src < length ? words[src] & MASK : 0;
            long lo = src - 1 >= 0 && src - 1 < length ? words[src - 1] & MASK : 0;
            words[i] = (int) (((hi << 32 | lo) << bitShift) >>> 32);
        }
        for (int i = 0; i < wordShift; i++) {
            words[i] = 0;
        }
        length = newLength;
        trim();
    }

    /** this *= factor, for an unsigned 32-bit factor. */
    void multiplySmall(int factor) {
        long f = factor & MASK;
        long carry = 0;
        for (int i = 0; i < length; i++) {
            long t = (words[i] & MASK) * f + carry;
            words[i] = (int) t;
            carry = t >>> 32;
        }
        if (carry != 0) {
            words[length++] = (int) carry;
        }
    }

    void multiplyPow10(int k) {
        for (; k >= 9; k -= 9) {
            multiplySmall(1_000_000_000);
        }
        multiplySmall(POWERS_OF_TEN_INT[k]);
    }

    /** this /= divisor, for 0 < divisor < 2^31; returns the remainder. */
    int divideSmall(int divisor) {
        long rem = 0;
        for (int i = length - 1; i >= 0; i--) {
            long t = (rem << 32) | (words[i] & MASK);
            words[i] = (int) (t / divisor);
            rem = t % divisor;
        }
        trim();
        return (int) rem;
    }

    void dividePow10(int k) {
        for (; k >= 9; k -= 9) {
            divideSmall(1_000_000_000);
        }
        divideSmall(POWERS_OF_TEN_INT[k]);
    }

    /** Bits [shift, shift + 63) of this, as a long. */
    long bitsFrom(int shift) {
        long result = 0;
        for (int bit = 62; bit >= 0; bit--) {
            int b = shift + bit;
            int word = b >>> 5;
            if (word < length && ((words[word] >>> (b & 31)) & 1) != 0) {
                result |= 1L << bit;
            }
        }
        return result;
    }

    /** this = a * f, for 0 <= f < 2^63. */
    void setProduct(Natural a, long f) {
        clear();
        addProductShifted(a, f & MASK, 0);
        addProductShifted(a, f >>> 32, 1);
    }

    /** this += a * f * 2^(32 * shiftWords), for an unsigned 32-bit f. */
    private void addProductShifted(Natural a, long f, int shiftWords) {
        if (f == 0) {
            return;
        }
        long carry = 0;
        int i = 0;
        for (; i < a.length; i++) {
            long t = (a.words[i] & MASK) * f + (words[i + shiftWords] & MASK) + carry;
            words[i + shiftWords] = (int) t;
            carry = t >>> 32;
        }
        for (i += shiftWords; carry != 0; i++) {
            long t = (words[i] & MASK) + carry;
            words[i] = (int) t;
            carry = t >>> 32;
        }
        length = Math.max(length, Math.max(i, a.length + shiftWords));
        trim();
    }

    void add(Natural other) {
        long carry = 0;
        int n = Math.max(length, other.length);
        for (int i = 0; i < n; i++) {
            long t = (words[i] & MASK) + (other.words[i] & MASK) + carry;
            words[i] = (int) t;
            carry = t >>> 32;
        }
        if (carry != 0) {
            words[n++] = (int) carry;
        }
        length = n;
    }

    /** this -= other, which must not exceed this. */
    void subtract(Natural other) {
        long borrow = 0;
        for (int i = 0; i < length; i++) {
            long t = (words[i] & MASK) - (other.words[i] & MASK) - borrow;
            words[i] = (int) t;
            borrow = t < 0 ? 1 : 0;
        }
        trim();
    }

    static int compare(Natural a, Natural b) {
        if (a.length != b.length) {
            return a.length < b.length ? -1 : 1;
        }
        for (int i = a.length - 1; i >= 0; i--) {
            if (a.words[i] != b.words[i]) {
                return (a.words[i] & MASK) < (b.words[i] & MASK) ? -1 : 1;
            }
        }
        return 0;
    }

    private static final int[] POWERS_OF_TEN_INT = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };
}
