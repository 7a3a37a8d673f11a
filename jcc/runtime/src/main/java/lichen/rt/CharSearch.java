package lichen.rt;

/**
 * Searching in char arrays, with java.lang.String's rules for out-of-range
 * start indices (JDK String.indexOf/lastIndexOf javadoc: a start index below
 * zero means zero, one past the end means "not found" except for an empty
 * needle). Shared by String and StringBuilder.
 */
public final class CharSearch {
    private CharSearch() {}

    /** First index at or after {@code from} of code point {@code ch} in {@code s[0..n)}, or -1. */
    public static int indexOf(char[] s, int n, int ch, int from) {
        if (from < 0) {
            from = 0;
        }
        if (ch >= 0 && ch < 0x10000) {
            char c = (char) ch;
            for (int i = from; i < n; i++) {
                if (s[i] == c) {
                    return i;
                }
            }
            return -1;
        }
        if (ch < 0x10000 || ch > 0x10FFFF) {
            return -1;
        }
        char hi = highSurrogate(ch);
        char lo = lowSurrogate(ch);
        for (int i = from; i < n - 1; i++) {
            if (s[i] == hi && s[i + 1] == lo) {
                return i;
            }
        }
        return -1;
    }

    /** Last index at or before {@code from} of code point {@code ch} in {@code s[0..n)}, or -1. */
    public static int lastIndexOf(char[] s, int n, int ch, int from) {
        if (from >= n) {
            from = n - 1;
        }
        if (ch >= 0 && ch < 0x10000) {
            char c = (char) ch;
            for (int i = from; i >= 0; i--) {
                if (s[i] == c) {
                    return i;
                }
            }
            return -1;
        }
        if (ch < 0x10000 || ch > 0x10FFFF) {
            return -1;
        }
        char hi = highSurrogate(ch);
        char lo = lowSurrogate(ch);
        if (from >= n - 1) {
            from = n - 2;
        }
        for (int i = from; i >= 0; i--) {
            if (s[i] == hi && s[i + 1] == lo) {
                return i;
            }
        }
        return -1;
    }

    /** First index at or after {@code from} where {@code t[0..m)} occurs in {@code s[0..n)}, or -1. */
    public static int indexOf(char[] s, int n, char[] t, int m, int from) {
        if (from >= n) {
            return m == 0 ? n : -1;
        }
        if (from < 0) {
            from = 0;
        }
        if (m == 0) {
            return from;
        }
        char first = t[0];
        int last = n - m;
        for (int i = from; i <= last; i++) {
            if (s[i] == first && regionMatches(s, i, t, 0, m)) {
                return i;
            }
        }
        return -1;
    }

    /** Last index at or before {@code from} where {@code t[0..m)} occurs in {@code s[0..n)}, or -1. */
    public static int lastIndexOf(char[] s, int n, char[] t, int m, int from) {
        int rightmost = n - m;
        if (from > rightmost) {
            from = rightmost;
        }
        if (from < 0) {
            return -1;
        }
        for (int i = from; i >= 0; i--) {
            if (regionMatches(s, i, t, 0, m)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code a[ai..ai+len)} equals {@code b[bi..bi+len)}; the caller checks the ranges. */
    public static boolean regionMatches(char[] a, int ai, char[] b, int bi, int len) {
        for (int k = 0; k < len; k++) {
            if (a[ai + k] != b[bi + k]) {
                return false;
            }
        }
        return true;
    }

    /** The UTF-16 high surrogate of a supplementary code point (Unicode 15, section 3.9, D91). */
    public static char highSurrogate(int codePoint) {
        return (char) ((codePoint >>> 10) + (0xD800 - (0x10000 >>> 10)));
    }

    public static char lowSurrogate(int codePoint) {
        return (char) ((codePoint & 0x3FF) + 0xDC00);
    }
}
