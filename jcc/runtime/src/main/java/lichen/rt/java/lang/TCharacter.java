package lichen.rt.java.lang;

import lichen.rt.CharSearch;

/**
 * java.lang.Character's statics in compiled code. Classification and case
 * mapping are exact for Latin-1 (U+0000..U+00FF, from the Unicode Character
 * Database as the JDK reports it); above Latin-1 chars are treated as neither
 * letters nor digits and keep their case, except where noted.
 * isWhitespace and isSpaceChar are exact for every char.
 */
public final class TCharacter {
    private TCharacter() {}

    public static final int MIN_RADIX = 2;
    public static final int MAX_RADIX = 36;
    public static final char MIN_VALUE = '\u0000';
    public static final char MAX_VALUE = '\uFFFF';
    public static final char MIN_HIGH_SURROGATE = '\uD800';
    public static final char MAX_HIGH_SURROGATE = '\uDBFF';
    public static final char MIN_LOW_SURROGATE = '\uDC00';
    public static final char MAX_LOW_SURROGATE = '\uDFFF';
    public static final char MIN_SURROGATE = MIN_HIGH_SURROGATE;
    public static final char MAX_SURROGATE = MAX_LOW_SURROGATE;
    public static final int MIN_SUPPLEMENTARY_CODE_POINT = 0x010000;
    public static final int MIN_CODE_POINT = 0x000000;
    public static final int MAX_CODE_POINT = 0x10FFFF;
    public static final int SIZE = 16;
    public static final int BYTES = 2;

    public static boolean isDigit(char ch) {
        return isDigit((int) ch);
    }

    /** ASCII digits and the fullwidth digits U+FF10..U+FF19. */
    public static boolean isDigit(int codePoint) {
        return (codePoint >= '0' && codePoint <= '9') || (codePoint >= 0xFF10 && codePoint <= 0xFF19);
    }

    public static boolean isLetter(char ch) {
        return isLetter((int) ch);
    }

    public static boolean isLetter(int cp) {
        return isUpperCase(cp) || isLowerCase(cp) || cp == 0xAA || cp == 0xBA;
    }

    public static boolean isAlphabetic(int codePoint) {
        return isLetter(codePoint);
    }

    public static boolean isLetterOrDigit(char ch) {
        return isLetter(ch) || isDigit(ch);
    }

    public static boolean isLetterOrDigit(int codePoint) {
        return isLetter(codePoint) || isDigit(codePoint);
    }

    public static boolean isUpperCase(char ch) {
        return isUpperCase((int) ch);
    }

    public static boolean isUpperCase(int cp) {
        return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
    }

    public static boolean isLowerCase(char ch) {
        return isLowerCase((int) ch);
    }

    /** Lower-case letters plus U+00AA and U+00BA, which are Other_Lowercase. */
    public static boolean isLowerCase(int cp) {
        return (cp >= 'a' && cp <= 'z') || cp == 0xAA || cp == 0xB5 || cp == 0xBA
                || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7);
    }

    /**
     * Java whitespace (Character.isWhitespace javadoc): SPACE_SEPARATOR,
     * LINE_SEPARATOR or PARAGRAPH_SEPARATOR but not a non-breaking space, or
     * one of U+0009..U+000D and U+001C..U+001F.
     */
    public static boolean isWhitespace(char ch) {
        return isWhitespace((int) ch);
    }

    public static boolean isWhitespace(int cp) {
        if (cp <= 0x20) {
            return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        return isSpaceChar(cp) && cp != 0xA0 && cp != 0x2007 && cp != 0x202F;
    }

    public static boolean isSpaceChar(char ch) {
        return isSpaceChar((int) ch);
    }

    /** The Zs, Zl and Zp code points of Unicode 16. */
    public static boolean isSpaceChar(int cp) {
        return cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    public static char toUpperCase(char ch) {
        return (char) toUpperCase((int) ch);
    }

    /** Latin-1 upper case; U+00B5 and U+00FF map outside Latin-1; U+00DF has no one-char upper case. */
    public static int toUpperCase(int cp) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)) {
            return cp - 32;
        }
        if (cp == 0xB5) {
            return 0x39C;
        }
        if (cp == 0xFF) {
            return 0x178;
        }
        return cp;
    }

    public static char toLowerCase(char ch) {
        return (char) toLowerCase((int) ch);
    }

    public static int toLowerCase(int cp) {
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) {
            return cp + 32;
        }
        return cp;
    }

    public static int digit(char ch, int radix) {
        return digit((int) ch, radix);
    }

    /** The value of a digit in {@code radix}: ASCII and fullwidth digits and Latin letters; -1 otherwise. */
    public static int digit(int cp, int radix) {
        if (radix < MIN_RADIX || radix > MAX_RADIX) {
            return -1;
        }
        int value;
        if (cp >= '0' && cp <= '9') {
            value = cp - '0';
        } else if (cp >= 'a' && cp <= 'z') {
            value = cp - 'a' + 10;
        } else if (cp >= 'A' && cp <= 'Z') {
            value = cp - 'A' + 10;
        } else if (cp >= 0xFF10 && cp <= 0xFF19) {
            value = cp - 0xFF10;
        } else if (cp >= 0xFF41 && cp <= 0xFF5A) {
            value = cp - 0xFF41 + 10;
        } else if (cp >= 0xFF21 && cp <= 0xFF3A) {
            value = cp - 0xFF21 + 10;
        } else {
            return -1;
        }
        return value < radix ? value : -1;
    }

    public static char forDigit(int digit, int radix) {
        if (digit >= radix || digit < 0 || radix < MIN_RADIX || radix > MAX_RADIX) {
            return '\0';
        }
        return (char) (digit < 10 ? '0' + digit : 'a' - 10 + digit);
    }

    public static boolean isHighSurrogate(char ch) {
        return ch >= MIN_HIGH_SURROGATE && ch <= MAX_HIGH_SURROGATE;
    }

    public static boolean isLowSurrogate(char ch) {
        return ch >= MIN_LOW_SURROGATE && ch <= MAX_LOW_SURROGATE;
    }

    public static boolean isSurrogate(char ch) {
        return ch >= MIN_SURROGATE && ch <= MAX_SURROGATE;
    }

    public static boolean isSurrogatePair(char high, char low) {
        return isHighSurrogate(high) && isLowSurrogate(low);
    }

    public static boolean isValidCodePoint(int codePoint) {
        return codePoint >= 0 && codePoint <= MAX_CODE_POINT;
    }

    public static boolean isBmpCodePoint(int codePoint) {
        return codePoint >>> 16 == 0;
    }

    public static boolean isSupplementaryCodePoint(int codePoint) {
        return codePoint >= MIN_SUPPLEMENTARY_CODE_POINT && codePoint <= MAX_CODE_POINT;
    }

    public static int charCount(int codePoint) {
        return codePoint >= MIN_SUPPLEMENTARY_CODE_POINT ? 2 : 1;
    }

    public static int toCodePoint(char high, char low) {
        return ((high - MIN_HIGH_SURROGATE) << 10) + (low - MIN_LOW_SURROGATE) + MIN_SUPPLEMENTARY_CODE_POINT;
    }

    public static char highSurrogate(int codePoint) {
        return CharSearch.highSurrogate(codePoint);
    }

    public static char lowSurrogate(int codePoint) {
        return CharSearch.lowSurrogate(codePoint);
    }

    public static char[] toChars(int codePoint) {
        if (isBmpCodePoint(codePoint)) {
            return new char[] {(char) codePoint};
        }
        if (!isValidCodePoint(codePoint)) {
            throw new IllegalArgumentException("Not a valid Unicode code point: 0x" + TInteger.toHexString(codePoint).toUpperCase());
        }
        return new char[] {highSurrogate(codePoint), lowSurrogate(codePoint)};
    }

    public static String toString(char c) {
        return TString.valueOf(c);
    }

    public static String toString(int codePoint) {
        return new String(toChars(codePoint));
    }

    public static int hashCode(char value) {
        return value;
    }

    public static int compare(char x, char y) {
        return x - y;
    }

    public static char reverseBytes(char ch) {
        return (char) (((ch & 0xFF00) >> 8) | (ch << 8));
    }
}
