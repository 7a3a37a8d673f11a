package lichen.rt;

/**
 * Sorting floats and doubles in the order of Double.compare / Float.compare
 * (Arrays.sort javadoc): -0.0 before 0.0, NaNs last. NaNs are moved to the
 * end first, the rest is sorted by {@code <}, then the run of zeros, which
 * {@code <} leaves unordered, is rewritten negative zeros first.
 */
public final class FloatingSort {
    private FloatingSort() {}

    public static void sort(double[] a, int from, int to) {
        int end = to;
        for (int i = from; i < end;) {
            double x = a[i];
            if (x != x) {
                a[i] = a[--end];
                a[end] = x;
            } else {
                i++;
            }
        }
        DoubleSort.sort(a, from, end);
        int firstZero = from;
        while (firstZero < end && a[firstZero] < 0.0) {
            firstZero++;
        }
        int negativeZeros = 0;
        int afterZeros = firstZero;
        for (; afterZeros < end && a[afterZeros] == 0.0; afterZeros++) {
            if (1.0 / a[afterZeros] < 0) {
                negativeZeros++;
            }
        }
        for (int i = firstZero; i < afterZeros; i++) {
            a[i] = i < firstZero + negativeZeros ? -0.0 : 0.0;
        }
    }

    public static void sort(float[] a, int from, int to) {
        int end = to;
        for (int i = from; i < end;) {
            float x = a[i];
            if (x != x) {
                a[i] = a[--end];
                a[end] = x;
            } else {
                i++;
            }
        }
        FloatSort.sort(a, from, end);
        int firstZero = from;
        while (firstZero < end && a[firstZero] < 0.0f) {
            firstZero++;
        }
        int negativeZeros = 0;
        int afterZeros = firstZero;
        for (; afterZeros < end && a[afterZeros] == 0.0f; afterZeros++) {
            if (1.0f / a[afterZeros] < 0) {
                negativeZeros++;
            }
        }
        for (int i = firstZero; i < afterZeros; i++) {
            a[i] = i < firstZero + negativeZeros ? -0.0f : 0.0f;
        }
    }
}
