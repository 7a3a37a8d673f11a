package lichen.rt;

/**
 * UTF-8 decoding as the JDK does it for {@code new String(bytes, UTF_8)}:
 * well-formed sequences per Unicode 16 Table 3-7, and one U+FFFD for each
 * maximal subpart of an ill-formed sequence (Unicode 16, section 3.9.6).
 * Used for the program's arguments, which the JVM decodes the same way under
 * a UTF-8 locale.
 */
public final class Utf8 {
    private Utf8() {}

    /** The chars of {@code bytes[0..length)}. */
    public static String decode(byte[] bytes, int length) {
        char[] out = new char[length];
        int n = 0;
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                out[n++] = (char) b;
                i++;
                continue;
            }
            int needed;
            int lowest = 0x80;
            int highest = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                needed = 2;
                if (b == 0xE0) {
                    lowest = 0xA0;
                } else if (b == 0xED) {
                    highest = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                needed = 3;
                if (b == 0xF0) {
                    lowest = 0x90;
                } else if (b == 0xF4) {
                    highest = 0x8F;
                }
            } else {
                out[n++] = '\uFFFD';
                i++;
                continue;
            }
            int codePoint = b & (0x3F >> needed);
            int j = i + 1;
            boolean complete = true;
            for (int k = 0; k < needed; k++, j++) {
                int c = j < length ? bytes[j] & 0xff : -1;
                if (c < lowest || c > highest) {
                    complete = false;
                    break;
                }
                codePoint = (codePoint << 6) | (c & 0x3F);
                lowest = 0x80;
                highest = 0xBF;
            }
            i = j;
            if (!complete) {
                out[n++] = '\uFFFD';
            } else if (codePoint < 0x10000) {
                out[n++] = (char) codePoint;
            } else {
                out[n++] = CharSearch.highSurrogate(codePoint);
                out[n++] = CharSearch.lowSurrogate(codePoint);
            }
        }
        return new String(out, 0, n);
    }
}
