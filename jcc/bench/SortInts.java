/** Benchmark: a hand-written quicksort (insertion sort below 16) of 4 million pseudo-random ints; prints a checksum. */
public class SortInts {
    static void sort(int[] a, int lo, int hi) {
        while (hi - lo > 16) {
            int p = a[(lo + hi) >>> 1], i = lo, j = hi;
            while (i <= j) {
                while (a[i] < p) i++;
                while (a[j] > p) j--;
                if (i <= j) {
                    int t = a[i]; a[i] = a[j]; a[j] = t;
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                sort(a, lo, j);
                lo = i;
            } else {
                sort(a, i, hi);
                hi = j;
            }
        }
        for (int k = lo + 1; k <= hi; k++) {
            int v = a[k], m = k - 1;
            while (m >= lo && a[m] > v) {
                a[m + 1] = a[m];
                m--;
            }
            a[m + 1] = v;
        }
    }

    public static void main(String[] args) {
        int n = 4_000_000;
        int[] a = new int[n];
        long seed = 42;
        for (int i = 0; i < n; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            a[i] = (int) (seed >>> 33);
        }
        sort(a, 0, n - 1);
        long checksum = 0;
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            checksum = checksum * 31 + a[i];
            if (i > 0 && a[i - 1] > a[i]) sorted = false;
        }
        System.out.println("sorted " + (sorted ? 1 : 0) + " checksum " + checksum + " min " + a[0] + " max " + a[n - 1]);
    }
}
