package lichen.rt;

/**
 * The bytes of a string in a charset and back, for {@code String.getBytes}
 * and {@code new String(byte[]...)}: UTF-8 ({@link Utf8}), ISO-8859-1 and
 * US-ASCII, with the JDK's replacements: a char the charset cannot hold
 * becomes '?' (a surrogate pair is one such char), and a byte it cannot
 * decode becomes U+FFFD. A charset is named as {@code Charset.name()} names
 * it, so the same code serves the JDK's charsets on the JVM and the
 * runtime's in compiled code.
 */
public final class StringCoding {
    private StringCoding() {}

    public static final String UTF_8 = "UTF-8", ISO_8859_1 = "ISO-8859-1", US_ASCII = "US-ASCII";

    /** {@code chars[0..count)} in the charset {@code name}. */
    public static byte[] encode(String name, char[] chars, int count) {
        if (name.equals(UTF_8)) return Utf8.encode(chars, count);
        int max = name.equals(ISO_8859_1) ? 0xFF : checkedAscii(name);
        int n = 0;
        for (int i = 0; i < count; i++, n++) {
            if (Character.isHighSurrogate(chars[i]) && i + 1 < count && Character.isLowSurrogate(chars[i + 1])) i++;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (int i = 0; i < count; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(chars[i + 1])) i++;
            out[o++] = (byte) (c <= max ? c : '?');
        }
        return out;
    }

    /** The chars of {@code bytes[offset..offset+length)} in the charset {@code name}. */
    public static String decode(String name, byte[] bytes, int offset, int length) {
        if (name.equals(UTF_8)) return Utf8.decode(bytes, offset, length);
        boolean latin1 = name.equals(ISO_8859_1);
        if (!latin1) checkedAscii(name);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            out[i] = latin1 || b < 0x80 ? (char) b : '\uFFFD';
        }
        return new String(out);
    }

    private static int checkedAscii(String name) {
        if (!name.equals(US_ASCII)) throw new IllegalArgumentException("charset " + name + " is not provided by jcc's runtime");
        return 0x7F;
    }
}
