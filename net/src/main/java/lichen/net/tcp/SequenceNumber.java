package lichen.net.tcp;

/**
 * Comparisons of 32-bit sequence numbers modulo 2^32 (RFC 9293 3.4): a is
 * before b when the signed difference is negative, which holds while the two
 * are less than 2^31 apart, as every window is.
 */
public final class SequenceNumber {
    private SequenceNumber() {}

    public static boolean lt(int a, int b) { return a - b < 0; }

    public static boolean le(int a, int b) { return a - b <= 0; }

    public static boolean gt(int a, int b) { return a - b > 0; }

    public static boolean ge(int a, int b) { return a - b >= 0; }

    /** low <= x < high, modulo 2^32. */
    public static boolean inWindow(int x, int low, int high) { return le(low, x) && lt(x, high); }
}
