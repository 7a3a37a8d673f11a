package lichen.kernel.exec;

/**
 * Paths, arguments and environment strings are bytes to the kernel (execve(2)
 * takes no encoding); the file layer names files with Strings. One char a
 * byte (ISO-8859-1) maps between them without losing any byte.
 */
public final class ByteStrings {
    private ByteStrings() {}

    public static String text(byte[] b) {
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) c[i] = (char) (b[i] & 0xff);
        return new String(c);
    }

    public static byte[] bytes(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) s.charAt(i);
        return b;
    }

    public static byte[][] bytes(String[] s) {
        byte[][] b = new byte[s.length][];
        for (int i = 0; i < s.length; i++) b[i] = bytes(s[i]);
        return b;
    }
}
