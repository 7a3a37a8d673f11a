package lichen.rt.java.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TFloat.toString against the JDK's Float.toString. */
class TFloatTest {
    private static void check(float f) {
        String expected = Float.toString(f);
        String actual = TFloat.toString(f);
        if (!expected.equals(actual)) {
            assertEquals(expected, actual, "bits 0x" + Integer.toHexString(Float.floatToRawIntBits(f)));
        }
    }

    @Test
    void specialValuesPrintLikeTheJdk() {
        float[] values = {0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, Math.nextDown(Float.MIN_NORMAL), 1.0f,
            0.1f, 0.2f, 0.3f, 1.0f / 3, 1e7f, 9999999.0f, 1e-3f, 1.0E10f, 2.0E-3f, 3.4028235E38f, 1.4E-45f};
        for (float f : values) {
            check(f);
            check(-f);
        }
    }

    @Test
    void powersOfTwoAndTenAndTheirNeighboursPrintLikeTheJdk() {
        for (int e = -149; e <= 127; e++) {
            float f = Math.scalb(1.0f, e);
            check(f);
            check(Math.nextUp(f));
            check(Math.nextDown(f));
        }
        for (int e = -46; e <= 38; e++) {
            float f = Float.parseFloat("1e" + e);
            check(f);
            check(Math.nextUp(f));
            check(Math.nextDown(f));
        }
    }

    @Test
    void everySubnormalPrintsLikeTheJdk() {
        for (int bits = 1; bits < 0x800000; bits += 7) {
            check(Float.intBitsToFloat(bits));
        }
    }

    @Test
    void randomBitPatternsPrintLikeTheJdk() {
        SplittableRandom random = new SplittableRandom(20260123);
        for (int i = 0; i < 1_000_000; i++) {
            check(Float.intBitsToFloat(random.nextInt()));
        }
    }
}
