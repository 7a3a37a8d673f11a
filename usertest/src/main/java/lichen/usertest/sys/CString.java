package lichen.usertest.sys;

/**
 * NUL-terminated byte strings for system calls. Paths here are ASCII or
 * UTF-8 (the kernel takes bytes and gives them meaning only at '/' and NUL).
 */
public final class CString {
    private CString() {}

    /** The UTF-8 bytes of {@code s} followed by one NUL. */
    public static byte[] of(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += utf8Length(s.charAt(i));
        }
        byte[] bytes = new byte[n + 1];
        int at = 0;
        for (int i = 0; i < s.length(); i++) {
            at = encode(s.charAt(i), bytes, at);
        }
        return bytes;
    }

    /** The bytes [off, off+len) as a String, one char per byte (Latin-1; paths in the tests are ASCII). */
    public static String decode(byte[] bytes, int off, int len) {
        char[] chars = new char[len];
        for (int i = 0; i < len; i++) {
            chars[i] = (char) (bytes[off + i] & 0xff);
        }
        return new String(chars);
    }

    /** The bytes from {@code off} up to the first NUL (or the end of the array). */
    public static String decodeUntilNul(byte[] bytes, int off, int max) {
        int end = off;
        int limit = Math.min(bytes.length, off + max);
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        return decode(bytes, off, end - off);
    }

    private static int utf8Length(char c) {
        if (c < 0x80) {
            return 1;
        }
        return c < 0x800 ? 2 : 3;
    }

    /** UTF-8 of one char; a surrogate is encoded on its own (CESU-style), which no test path uses. */
    private static int encode(char c, byte[] out, int at) {
        if (c < 0x80) {
            out[at] = (byte) c;
            return at + 1;
        }
        if (c < 0x800) {
            out[at] = (byte) (0xc0 | (c >> 6));
            out[at + 1] = (byte) (0x80 | (c & 0x3f));
            return at + 2;
        }
        out[at] = (byte) (0xe0 | (c >> 12));
        out[at + 1] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[at + 2] = (byte) (0x80 | (c & 0x3f));
        return at + 3;
    }
}
