package lichen.net;

/** Hex text to bytes and back, for packets written out in tests. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String hex) {
        String h = hex.replaceAll("\\s", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    public static String of(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) s.append(String.format("%02x", b[off + i] & 0xff));
        return s.toString();
    }
}
