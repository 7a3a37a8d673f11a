package lichen.rt.java.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TDouble.toString against the JDK's Double.toString (JDK 25, Raffaello Giulietti's shortest-decimal rules). */
class TDoubleTest {
    private static void check(double d) {
        String expected = Double.toString(d);
        String actual = TDouble.toString(d);
        if (!expected.equals(actual)) {
            assertEquals(expected, actual, "bits 0x" + Long.toHexString(Double.doubleToRawLongBits(d)));
        }
    }

    @Test
    void specialValuesPrintLikeTheJdk() {
        double[] values = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), 1.0, -1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 100.0,
            1e7, 9999999.0, 1e-3, 9.999e-4, 1e23, 8.41e21, 5e-324, 2e-323, 1.7976931348623157e308,
            Math.PI, Math.E, 123456789.0, 0.001, 0.0001, 1.0E-5, 12345.678, 2.0E-3};
        for (double d : values) {
            check(d);
            check(-d);
        }
        check(Double.longBitsToDouble(0x7ff0000000000001L));
        check(Double.longBitsToDouble(0xfff8000000000123L));
    }

    @Test
    void powersOfTenAndTwoAndTheirNeighboursPrintLikeTheJdk() {
        for (int e = -325; e <= 308; e++) {
            double d = Double.parseDouble("1e" + e);
            check(d);
            check(Math.nextUp(d));
            check(Math.nextDown(d));
        }
        for (int e = -1074; e <= 1023; e++) {
            double d = Math.scalb(1.0, e);
            check(d);
            check(Math.nextUp(d));
            check(Math.nextDown(d));
        }
    }

    @Test
    void subnormalsPrintLikeTheJdk() {
        for (long bits = 1; bits < 100_000; bits++) {
            check(Double.longBitsToDouble(bits));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            check(Double.longBitsToDouble(random.nextLong() & 0x000fffffffffffffL));
        }
    }

    @Test
    void integersAndShortDecimalsPrintLikeTheJdk() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            check(random.nextLong(-100_000_000L, 100_000_000L));
            check(random.nextLong(-1_000_000, 1_000_000) / 1000.0);
            check(random.nextLong(1L << 60) * 1.0);
        }
    }

    @Test
    void randomBitPatternsPrintLikeTheJdk() {
        SplittableRandom random = new SplittableRandom(20260123);
        for (int i = 0; i < 1_000_000; i++) {
            check(Double.longBitsToDouble(random.nextLong()));
        }
    }

    @Test
    void randomValuesOfModerateSizePrintLikeTheJdk() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 300_000; i++) {
            check(random.nextDouble() * Math.pow(10, random.nextInt(-8, 12)));
        }
    }
}
