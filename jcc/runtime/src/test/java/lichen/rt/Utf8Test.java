package lichen.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Utf8.decode against new String(bytes, UTF_8), including ill-formed input. */
class Utf8Test {
    private static void check(byte[] bytes) {
        assertEquals(new String(bytes, StandardCharsets.UTF_8), Utf8.decode(bytes, bytes.length),
                java.util.HexFormat.of().formatHex(bytes));
    }

    @Test
    void wellFormedTextDecodesLikeTheJdk() {
        check("héllo wörld 😀 \u0800 \uffff".getBytes(StandardCharsets.UTF_8));
        check(new byte[0]);
    }

    @Test
    void randomBytesDecodeLikeTheJdk() {
        SplittableRandom random = new SplittableRandom(31);
        byte[] interesting = {(byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC2, (byte) 0xDF, (byte) 0xE0,
            (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF, (byte) 0x9F, (byte) 0xA0,
            (byte) 0x8F, (byte) 0x90, 'a'};
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[random.nextInt(1, 9)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt();
            }
            check(bytes);
        }
    }
}
