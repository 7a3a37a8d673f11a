/** Base64 (RFC 4648) encoding and decoding by hand, with padding, round trips of every length up to 40. */
public class Base64 {
    static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    static String encode(byte[] in) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < in.length; i += 3) {
            int b0 = in[i] & 0xFF, b1 = i + 1 < in.length ? in[i + 1] & 0xFF : 0, b2 = i + 2 < in.length ? in[i + 2] & 0xFF : 0;
            int v = b0 << 16 | b1 << 8 | b2;
            sb.append(ALPHABET[v >>> 18]).append(ALPHABET[v >>> 12 & 63]);
            sb.append(i + 1 < in.length ? ALPHABET[v >>> 6 & 63] : '=');
            sb.append(i + 2 < in.length ? ALPHABET[v & 63] : '=');
        }
        return sb.toString();
    }

    static int index(char c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        return c == '+' ? 62 : 63;
    }

    static byte[] decode(String s) {
        int pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        byte[] out = new byte[s.length() / 4 * 3 - pad];
        int o = 0;
        for (int i = 0; i < s.length(); i += 4) {
            int v = 0;
            for (int k = 0; k < 4; k++) v = v << 6 | (s.charAt(i + k) == '=' ? 0 : index(s.charAt(i + k)));
            for (int k = 2; k >= 0; k--) if (o + 2 - k < out.length) out[o + 2 - k] = (byte) (v >>> (8 * k));
            o += 3;
        }
        return out;
    }

    static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) s.charAt(i);
        return b;
    }

    public static void main(String[] args) {
        String[] samples = {"", "f", "fo", "foo", "foob", "fooba", "foobar", "Many hands make light work."};
        for (String s : samples) {
            String e = encode(ascii(s));
            System.out.println("\"" + s + "\" -> " + e + " -> " + new String(toChars(decode(e))));
        }
        int failures = 0;
        for (int len = 0; len <= 40; len++) {
            byte[] data = new byte[len];
            for (int i = 0; i < len; i++) data[i] = (byte) (i * 37 + len);
            if (!java.util.Arrays.equals(data, decode(encode(data)))) failures++;
        }
        System.out.println("round-trip failures " + failures);
    }

    static char[] toChars(byte[] b) {
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) c[i] = (char) (b[i] & 0xFF);
        return c;
    }
}
