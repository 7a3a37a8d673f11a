package lichen.rt;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FloatRemainderTest {
    private static void same(double x, double y) {
        // NaN payloads are unspecified (JLS 4.2.3): compare with NaNs collapsed, zeros by sign.
        assertEquals(Double.doubleToLongBits(x % y), Double.doubleToLongBits(FloatRemainder.fmod(x, y)),
                () -> x + " % " + y + ": expected " + (x % y) + " got " + FloatRemainder.fmod(x, y));
    }

    @Test
    void edgeCasesMatchTheJvm() {
        double[] v = {0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 7.5, 1e300, -1e300, 1e-300, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MIN_NORMAL, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 3.0, 0.1};
        for (double x : v) for (double y : v) same(x, y);
    }

    @Test
    void randomBitPatternsMatchTheJvm() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 300_000; i++) same(Double.longBitsToDouble(r.nextLong()), Double.longBitsToDouble(r.nextLong()));
    }

    @Test
    void nearbyMagnitudesMatchTheJvm() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 300_000; i++) {
            double x = (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-1074, 1000));
            double y = (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-1074, 60));
            same(x, y);
        }
    }

    @Test
    void floatRemainderMatchesTheJvm() {
        SplittableRandom r = new SplittableRandom(13);
        for (int i = 0; i < 300_000; i++) {
            float x = Float.intBitsToFloat(r.nextInt()), y = Float.intBitsToFloat(r.nextInt());
            assertEquals(Float.floatToIntBits(x % y), Float.floatToIntBits(FloatRemainder.fmodf(x, y)), x + " % " + y);
        }
    }
}
