package lichen.usertest;

/** Byte arrays from ASCII text and patterns, for test data. */
public final class Bytes {
    private Bytes() {}

    /** The chars of an ASCII string as bytes (no NUL). */
    public static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) s.charAt(i);
        }
        return b;
    }

    /** {@code len} bytes that differ from their neighbours and from zero: (seed + 7i) mod 251 + 1. */
    public static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) ((seed + 7 * i) % 251 + 1);
        }
        return b;
    }

    public static boolean allZero(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
