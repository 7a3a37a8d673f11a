package lichen.rt.java.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import lichen.rt.Outcome;
import org.junit.jupiter.api.Test;

/** TArrays against java.util.Arrays: sorting on random data of every type, and the other methods with their exceptions. */
class TArraysTest {
    private static final int[] SIZES = {0, 1, 2, 3, 10, 24, 25, 100, 1000, 10_000, 100_000};

    @Test
    void intAndLongSortsMatchTheJdk() {
        SplittableRandom random = new SplittableRandom(1);
        for (int size : SIZES) {
            for (int bound : new int[] {2, 100, Integer.MAX_VALUE}) {
                int[] a = random.ints(size, -bound / 2, bound / 2 + 1).toArray();
                int[] b = a.clone();
                Arrays.sort(a);
                TArrays.sort(b);
                assertArrayEquals(a, b, "size " + size);
                long[] la = random.longs(size, -bound, bound).toArray();
                long[] lb = la.clone();
                Arrays.sort(la);
                TArrays.sort(lb);
                assertArrayEquals(la, lb, "size " + size);
            }
        }
    }

    @Test
    void adversarialInputsSortLikeTheJdk() {
        int n = 50_000;
        int[][] inputs = {new int[n], new int[n], new int[n], new int[n]};
        for (int i = 0; i < n; i++) {
            inputs[0][i] = i;
            inputs[1][i] = n - i;
            inputs[2][i] = i % 2 == 0 ? i : n - i;
            inputs[3][i] = (i * 7919) % 13;
        }
        // A median-of-three killer shape: organ pipe.
        for (int[] a : inputs) {
            int[] b = a.clone();
            Arrays.sort(a);
            TArrays.sort(b);
            assertArrayEquals(a, b);
        }
    }

    @Test
    void smallTypesSortLikeTheJdk() {
        SplittableRandom random = new SplittableRandom(2);
        for (int size : SIZES) {
            short[] s = new short[size];
            char[] c = new char[size];
            byte[] y = new byte[size];
            for (int i = 0; i < size; i++) {
                int r = random.nextInt();
                s[i] = (short) r;
                c[i] = (char) r;
                y[i] = (byte) r;
            }
            short[] s2 = s.clone();
            char[] c2 = c.clone();
            byte[] y2 = y.clone();
            Arrays.sort(s);
            TArrays.sort(s2);
            Arrays.sort(c);
            TArrays.sort(c2);
            Arrays.sort(y);
            TArrays.sort(y2);
            assertArrayEquals(s, s2);
            assertArrayEquals(c, c2);
            assertArrayEquals(y, y2);
        }
    }

    @Test
    void floatingSortsOrderNegativeZeroFirstAndNaNLast() {
        SplittableRandom random = new SplittableRandom(3);
        double[] specials = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff0000000000123L),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, 1.0, -1.0};
        for (int size : SIZES) {
            double[] a = new double[size];
            float[] f = new float[size];
            for (int i = 0; i < size; i++) {
                int kind = random.nextInt(4);
                a[i] = kind == 0 ? specials[random.nextInt(specials.length)]
                        : kind == 1 ? Double.longBitsToDouble(random.nextLong()) : random.nextInt(-5, 5);
                f[i] = kind == 1 ? Float.intBitsToFloat(random.nextInt()) : (float) a[i];
            }
            double[] b = a.clone();
            float[] g = f.clone();
            Arrays.sort(a);
            TArrays.sort(b);
            Arrays.sort(f);
            TArrays.sort(g);
            assertEquals(Arrays.toString(a), Arrays.toString(b), "size " + size);
            assertEquals(true, Arrays.equals(a, b), "size " + size);
            assertEquals(true, Arrays.equals(f, g), "size " + size);
            for (int i = 0; i < size; i++) {
                assertEquals(Double.doubleToLongBits(a[i]), Double.doubleToLongBits(b[i]), "index " + i);
            }
        }
    }

    @Test
    void rangeSortsCheckLikeTheJdk() {
        for (int from = -1; from <= 6; from++) {
            for (int to = -1; to <= 6; to++) {
                int f = from;
                int t = to;
                int[] a = {5, 4, 3, 2, 1};
                int[] b = a.clone();
                assertEquals(Outcome.ofRun(() -> Arrays.sort(a, f, t)), Outcome.ofRun(() -> TArrays.sort(b, f, t)));
                assertArrayEquals(a, b);
                assertEquals(Outcome.ofRun(() -> Arrays.fill(a, f, t, 9)), Outcome.ofRun(() -> TArrays.fill(b, f, t, 9)));
                assertArrayEquals(a, b);
                assertEquals(Outcome.of(() -> Arrays.toString(Arrays.copyOfRange(a, f, t))),
                        Outcome.of(() -> TArrays.toString(TArrays.copyOfRange(b, f, t))), f + ".." + t);
                assertEquals(Outcome.of(() -> Arrays.toString(Arrays.copyOf(a, t))),
                        Outcome.of(() -> TArrays.toString(TArrays.copyOf(b, t))), "copyOf " + t);
            }
        }
    }

    @Test
    void equalsHashCodeAndToStringMatchTheJdk() {
        double[] d = {0.0, -0.0, Double.NaN, 1.5};
        double[] d2 = {0.0, 0.0, Double.NaN, 1.5};
        assertEquals(Arrays.equals(d, d2), TArrays.equals(d, d2));
        assertEquals(Arrays.equals(d, d.clone()), TArrays.equals(d, d.clone()));
        assertEquals(Arrays.hashCode(d), TArrays.hashCode(d));
        assertEquals(Arrays.toString(d), TArrays.toString(d));
        float[] f = {0.0f, -0.0f, Float.NaN};
        assertEquals(Arrays.hashCode(f), TArrays.hashCode(f));
        assertEquals(Arrays.toString(f), TArrays.toString(f));
        boolean[] z = {true, false};
        assertEquals(Arrays.hashCode(z), TArrays.hashCode(z));
        assertEquals(Arrays.toString(z), TArrays.toString(z));
        char[] c = {'a', 'b'};
        assertEquals(Arrays.toString(c), TArrays.toString(c));
        assertEquals(Arrays.hashCode(c), TArrays.hashCode(c));
        long[] l = {Long.MIN_VALUE, 7};
        assertEquals(Arrays.hashCode(l), TArrays.hashCode(l));
        assertEquals(Arrays.toString((int[]) null), TArrays.toString((int[]) null));
        assertEquals(Arrays.hashCode((int[]) null), TArrays.hashCode((int[]) null));
        assertEquals(Arrays.equals((int[]) null, new int[0]), TArrays.equals((int[]) null, new int[0]));
        Object[] objects = {"a", null, 3};
        assertEquals(Arrays.toString(objects), TArrays.toString(objects));
        assertEquals(Arrays.hashCode(objects), TArrays.hashCode(objects));
        assertEquals(Arrays.equals(objects, new Object[] {"a", null, 3}), TArrays.equals(objects, new Object[] {"a", null, 3}));
        byte[] y = {1, 2};
        assertArrayEquals(Arrays.copyOf(y, 5), TArrays.copyOf(y, 5));
        assertEquals(Outcome.of(() -> Arrays.copyOf(y, -1)), Outcome.of(() -> TArrays.copyOf(y, -1)));
    }

    @Test
    void objectSortsAreStableLikeTheJdk() {
        SplittableRandom random = new SplittableRandom(4);
        for (int size : SIZES) {
            String[] a = new String[size];
            for (int i = 0; i < size; i++) {
                a[i] = (char) ('a' + random.nextInt(5)) + "#" + i;
            }
            String[] b = a.clone();
            Comparator<String> byFirstChar = Comparator.comparingInt(s -> s.charAt(0));
            Arrays.sort(a, byFirstChar);
            TArrays.sort(b, byFirstChar);
            assertArrayEquals(a, b);
            String[] c = b.clone();
            Arrays.sort(a);
            TArrays.sort(c);
            assertArrayEquals(a, c);
        }
        Object[] grow = {"x", "y"};
        assertArrayEquals(Arrays.copyOf(grow, 4), TArrays.copyOf(grow, 4));
    }
}
