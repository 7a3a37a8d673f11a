package lichen.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import lichen.rt.java.lang.TString;
import org.junit.jupiter.api.Test;

/** String.getBytes and new String(byte[]...) of the runtime against the JDK's, for every charset it provides. */
class StringCodingTest {
    private static final Charset[] CHARSETS = {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII};
    /** ASCII, Latin-1, BMP, a pair, and lone surrogates of both kinds. */
    private static final String ALPHABET = "aZ0 \u007f\u0080\u00e9\u00ff\u0100\u07ff\u0800\u20ac\uffff\ud83d\ude00\ud800\udc00";

    private static String randomString(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(10);
        for (int k = 0; k < n; k++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    @Test
    void getBytesEncodesLikeTheJdkWithItsReplacements() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 50_000; i++) {
            String s = randomString(random);
            TString t = new TString(s);
            for (Charset cs : CHARSETS) assertArrayEquals(s.getBytes(cs), t.getBytes(cs), cs + " " + HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_16BE)));
            assertArrayEquals(s.getBytes(), t.getBytes(), "the default charset is UTF-8");
        }
    }

    @Test
    void newStringDecodesLikeTheJdkWithItsReplacements() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(9)];
            random.nextBytes(bytes);
            for (Charset cs : CHARSETS) {
                assertEquals(new String(bytes, cs), new TString(bytes, cs).toString(), cs + " " + HexFormat.of().formatHex(bytes));
                int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length), length = bytes.length - offset;
                assertEquals(new String(bytes, offset, length, cs), new TString(bytes, offset, length, cs).toString(), "a range");
            }
            assertEquals(new String(bytes), new TString(bytes).toString(), "the default charset is UTF-8");
        }
    }

    @Test
    void badRangesThrowAsTheJdkDoes() {
        byte[] bytes = {'a', 'b', 'c'};
        int[][] ranges = {{-1, 1}, {0, 4}, {2, 2}, {4, 0}, {1, -1}};
        for (int[] r : ranges) {
            assertEquals(Outcome.of(() -> new String(bytes, r[0], r[1], StandardCharsets.UTF_8)),
                    Outcome.of(() -> new TString(bytes, r[0], r[1], StandardCharsets.UTF_8).toString()), r[0] + "," + r[1]);
            assertEquals(Outcome.of(() -> new String(bytes, r[0], r[1])), Outcome.of(() -> new TString(bytes, r[0], r[1]).toString()), "default");
        }
        assertThrows(NullPointerException.class, () -> new TString((byte[]) null, StandardCharsets.UTF_8), "null bytes");
        assertThrows(NullPointerException.class, () -> new TString("a").getBytes((Charset) null), "a null charset");
    }
}
