package lichen.rt;

import java.util.Comparator;

/**
 * Stable sorting of object arrays (Arrays.sort javadoc: equal elements keep
 * their order): a top-down merge sort through one scratch array, with
 * insertion sort for short runs. A null comparator means natural order
 * (Comparable), as in the JDK.
 */
public final class ObjectSort {
    private ObjectSort() {}

    private static final int INSERTION_THRESHOLD = 16;

    public static <T> void sort(T[] a, int from, int to, Comparator<? super T> c) {
        Object[] scratch = new Object[to - from];
        mergeSort(a, scratch, from, to, c);
    }

    @SuppressWarnings("unchecked")
    private static <T> int compare(Object x, Object y, Comparator<? super T> c) {
        if (c == null) {
            return ((Comparable<Object>) x).compareTo(y);
        }
        return c.compare((T) x, (T) y);
    }

    private static <T> void mergeSort(Object[] a, Object[] scratch, int lo, int hi, Comparator<? super T> c) {
        if (hi - lo <= INSERTION_THRESHOLD) {
            for (int i = lo + 1; i < hi; i++) {
                Object x = a[i];
                int j = i - 1;
                while (j >= lo && ObjectSort.<T>compare(a[j], x, c) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, scratch, lo, mid, c);
        mergeSort(a, scratch, mid, hi, c);
        if (ObjectSort.<T>compare(a[mid - 1], a[mid], c) <= 0) {
            return;
        }
        int n = mid - lo;
        for (int i = 0; i < n; i++) {
            scratch[i] = a[lo + i];
        }
        int i = 0;
        int j = mid;
        int k = lo;
        while (i < n && j < hi) {
            if (ObjectSort.<T>compare(a[j], scratch[i], c) < 0) {
                a[k++] = a[j++];
            } else {
                a[k++] = scratch[i++];
            }
        }
        while (i < n) {
            a[k++] = scratch[i++];
        }
    }
}
