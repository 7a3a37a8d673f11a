/** CRC-32 (the IEEE 802.3 / zlib polynomial, reflected) with a table built in a static initialiser; Adler-32 too. */
public class Crc32 {
    static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            TABLE[n] = c;
        }
    }

    static int crc32(byte[] data) {
        int c = -1;
        for (byte b : data) c = TABLE[(c ^ b) & 0xFF] ^ (c >>> 8);
        return ~c;
    }

    static int adler32(byte[] data) {
        int a = 1, b = 0;
        for (byte x : data) {
            a = (a + (x & 0xFF)) % 65521;
            b = (b + a) % 65521;
        }
        return b << 16 | a;
    }

    static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) s.charAt(i);
        return b;
    }

    public static void main(String[] args) {
        String[] inputs = {"", "a", "abc", "123456789", "The quick brown fox jumps over the lazy dog", "Wikipedia"};
        for (String s : inputs) {
            byte[] d = ascii(s);
            System.out.println(Integer.toHexString(crc32(d)) + " " + Integer.toHexString(adler32(d)) + " \"" + s + "\"");
        }
        byte[] big = new byte[100000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * i + 7);
        System.out.println(Integer.toUnsignedString(crc32(big)) + " " + adler32(big));
    }
}
