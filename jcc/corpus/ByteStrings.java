import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** String.getBytes and new String(byte[]...) in UTF-8, ISO-8859-1 and US-ASCII, with unmappable chars and ill-formed bytes; Enum.valueOf. */
public class ByteStrings {
    enum Suit { CLUBS, DIAMONDS, HEARTS, SPADES }

    /** Frozen into the image at build time. */
    static final Charset LATIN = StandardCharsets.ISO_8859_1;
    static final byte[] GREETING = "gr\u00fc\u00df".getBytes(StandardCharsets.UTF_8);

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(Integer.toHexString((x & 0xff) | 0x100).substring(1));
        return sb.toString();
    }

    public static void main(String[] args) {
        Charset[] charsets = {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII};
        String[] texts = {"", "plain", "h\u00e9llo w\u00f6rld", "\u20ac5", "\ud83d\ude00!", "lone \ud800 high", "lone \udc00 low", "\u00ff\u0100"};
        for (Charset cs : charsets) {
            System.out.println(cs.name() + " " + cs + " " + cs.equals(Charset.forName(cs.name().toLowerCase())));
            for (String t : texts) {
                byte[] b = t.getBytes(cs);
                System.out.println("  " + hex(b) + " -> " + new String(b, cs).length() + " " + hex(new String(b, cs).getBytes(StandardCharsets.UTF_8)));
            }
            byte[][] raw = {{(byte) 0xc3, (byte) 0xa9}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xff, 'a'}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}, {(byte) 0x80, (byte) 0x80, 'z'}};
            for (byte[] r : raw) System.out.println("  " + hex(r) + " => " + hex(new String(r, cs).getBytes(StandardCharsets.UTF_8)));
        }
        System.out.println(LATIN + " " + LATIN.equals(StandardCharsets.ISO_8859_1) + " " + new String(GREETING, LATIN).length() + " " + new String(GREETING, StandardCharsets.UTF_8));
        byte[] all = "abc\u00e9def".getBytes();
        System.out.println(new String(all) + " " + new String(all, 2, 4) + " " + new String(all, 1, 3, StandardCharsets.ISO_8859_1).length());
        System.out.println(Charset.forName("latin1").name() + " " + Charset.forName("UTF8") + " " + Charset.forName("ascii"));
        for (String name : new String[] {"HEARTS", "CLUBS", "SPADES"}) {
            Suit s = Suit.valueOf(name);
            System.out.println(s + " " + s.ordinal() + " " + (Enum.valueOf(Suit.class, name) == s));
        }
    }
}
