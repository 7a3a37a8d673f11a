package lichen.rt;

/**
 * Sorting a range of a float[] in place, ascending by {@code <}: introsort
 * (Musser 1997): quicksort with a median-of-three pivot and a three-way
 * partition (Dijkstra), falling back to heapsort when recursion gets deeper
 * than 2 log2 n, and insertion sort for short ranges. No allocation.
 * Generated from one template for each primitive type; for floats
 * and doubles the caller removes NaNs first and orders -0.0 before 0.0
 * afterwards ({@code <} treats them as equal).
 */
public final class FloatSort {
    private FloatSort() {}

    private static final int INSERTION_THRESHOLD = 24;

    public static void sort(float[] a, int from, int to) {
        int depth = 2 * (32 - Integer.numberOfLeadingZeros(to - from));
        quicksort(a, from, to, depth);
    }

    private static void quicksort(float[] a, int lo, int hi, int depth) {
        while (hi - lo > INSERTION_THRESHOLD) {
            if (depth-- == 0) {
                heapsort(a, lo, hi);
                return;
            }
            float pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi - 1]);
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i < gt) {
                float x = a[i];
                if (x < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = x;
                } else if (x > pivot) {
                    a[i] = a[--gt];
                    a[gt] = x;
                } else {
                    i++;
                }
            }
            // Recurse into the smaller side, loop on the larger: O(log n) stack.
            if (lt - lo < hi - gt) {
                quicksort(a, lo, lt, depth);
                lo = gt;
            } else {
                quicksort(a, gt, hi, depth);
                hi = lt;
            }
        }
        insertionSort(a, lo, hi);
    }

    private static float medianOfThree(float x, float y, float z) {
        if (x < y) {
            return y < z ? y : (x < z ? z : x);
        }
        return x < z ? x : (y < z ? z : y);
    }

    private static void insertionSort(float[] a, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            float x = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    private static void heapsort(float[] a, int lo, int hi) {
        int n = hi - lo;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(a, lo, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            float top = a[lo];
            a[lo] = a[lo + end];
            a[lo + end] = top;
            siftDown(a, lo, 0, end);
        }
    }

    private static void siftDown(float[] a, int lo, int i, int n) {
        float x = a[lo + i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && a[lo + child] < a[lo + child + 1]) {
                child++;
            }
            if (!(x < a[lo + child])) {
                break;
            }
            a[lo + i] = a[lo + child];
            i = child;
        }
        a[lo + i] = x;
    }
}
