package lichen.rt;

/**
 * UTF-8 as the JDK writes it for {@code String.getBytes(UTF_8)} (a lone
 * surrogate becomes '?') and reads it for {@code new String(bytes, UTF_8)}:
 * well-formed sequences per Unicode 16 Table 3-7 (RFC 3629), and U+FFFD for
 * ill-formed input, grouped as the JDK groups it (close to Unicode's
 * "maximal subpart" practice, except that an encoded surrogate is one error
 * of three bytes and a truncated sequence at the end is one error).
 * Also used for the program's arguments, which the JVM decodes the same way
 * under a UTF-8 locale.
 */
public final class Utf8 {
    private Utf8() {}

    private static final char REPLACEMENT = '\uFFFD';

    /** {@code chars[0..count)} as UTF-8 (RFC 3629). */
    public static byte[] encode(char[] chars, int count) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            char c = chars[i];
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(chars[i + 1])) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) n++;
            else n += 3;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (int i = 0; i < count; i++) {
            char c = chars[i];
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | (c >>> 6));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                out[o++] = (byte) (0xF0 | (cp >>> 18));
                out[o++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
                out[o++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out[o++] = '?';
            } else {
                out[o++] = (byte) (0xE0 | (c >>> 12));
                out[o++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return out;
    }

    /** The chars of {@code bytes[0..length)}. */
    public static String decode(byte[] bytes, int length) {
        return decode(bytes, 0, length);
    }

    /** The chars of {@code bytes[offset..offset+length)}. */
    public static String decode(byte[] bytes, int offset, int length) {
        if (offset != 0) {
            byte[] part = new byte[length];
            System.arraycopy(bytes, offset, part, 0, length);
            bytes = part;
        }
        char[] out = new char[length];
        int n = 0;
        int i = 0;
        while (i < length) {
            int b1 = bytes[i] & 0xff;
            if (b1 < 0x80) {
                out[n++] = (char) b1;
                i++;
            } else if (b1 >= 0xC2 && b1 <= 0xDF) {
                if (i + 1 >= length) {
                    out[n++] = REPLACEMENT;
                    break;
                }
                int b2 = bytes[i + 1] & 0xff;
                if (isContinuation(b2)) {
                    out[n++] = (char) (((b1 & 0x1F) << 6) | (b2 & 0x3F));
                    i += 2;
                } else {
                    out[n++] = REPLACEMENT;
                    i++;
                }
            } else if (b1 >= 0xE0 && b1 <= 0xEF) {
                if (i + 2 >= length) {
                    // Truncated at the end: a bad second byte ends the sequence there, else the rest is one error.
                    out[n++] = REPLACEMENT;
                    if (i + 1 < length && badSecondOfThree(b1, bytes[i + 1] & 0xff)) {
                        i++;
                        continue;
                    }
                    break;
                }
                int b2 = bytes[i + 1] & 0xff;
                int b3 = bytes[i + 2] & 0xff;
                if (badSecondOfThree(b1, b2)) {
                    out[n++] = REPLACEMENT;
                    i++;
                } else if (!isContinuation(b3)) {
                    out[n++] = REPLACEMENT;
                    i += 2;
                } else {
                    char c = (char) (((b1 & 0x0F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F));
                    // An encoded surrogate is one error of three bytes.
                    out[n++] = Character.isSurrogate(c) ? REPLACEMENT : c;
                    i += 3;
                }
            } else if (b1 >= 0xF0 && b1 <= 0xF7) {
                if (i + 3 >= length) {
                    out[n++] = REPLACEMENT;
                    if (b1 > 0xF4 || (i + 1 < length && badSecondOfFour(b1, bytes[i + 1] & 0xff))) {
                        i++;
                        continue;
                    }
                    if (i + 2 < length && !isContinuation(bytes[i + 2] & 0xff)) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                int b2 = bytes[i + 1] & 0xff;
                int b3 = bytes[i + 2] & 0xff;
                int b4 = bytes[i + 3] & 0xff;
                int cp = ((b1 & 0x07) << 18) | ((b2 & 0x3F) << 12) | ((b3 & 0x3F) << 6) | (b4 & 0x3F);
                if (isContinuation(b2) && isContinuation(b3) && isContinuation(b4) && cp >= 0x10000 && cp <= 0x10FFFF) {
                    out[n++] = CharSearch.highSurrogate(cp);
                    out[n++] = CharSearch.lowSurrogate(cp);
                    i += 4;
                } else {
                    out[n++] = REPLACEMENT;
                    i += b1 > 0xF4 || badSecondOfFour(b1, b2) ? 1 : !isContinuation(b3) ? 2 : 3;
                }
            } else {
                out[n++] = REPLACEMENT;
                i++;
            }
        }
        return new String(out, 0, n);
    }

    private static boolean isContinuation(int b) {
        return (b & 0xC0) == 0x80;
    }

    /** E0 must be followed by A0..BF (no overlong forms); others by any continuation byte. */
    private static boolean badSecondOfThree(int b1, int b2) {
        return (b1 == 0xE0 && (b2 & 0xE0) == 0x80) || !isContinuation(b2);
    }

    /** F0 must be followed by 90..BF, F4 by 80..8F (nothing above U+10FFFF). */
    private static boolean badSecondOfFour(int b1, int b2) {
        return (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) || (b1 == 0xF4 && (b2 & 0xF0) != 0x80) || !isContinuation(b2);
    }
}
