/* Benchmark: the C twin of SortInts.java. */
#include "bench.h"

static int a[4000000];

static void sort(int *a, int lo, int hi) {
    while (hi - lo > 16) {
        int p = a[(int) (((unsigned) lo + (unsigned) hi) >> 1)], i = lo, j = hi;
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

int main(void) {
    int n = 4000000;
    uint64 seed = 42;
    for (int i = 0; i < n; i++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        a[i] = (int) (seed >> 33);
    }
    sort(a, 0, n - 1);
    int64 checksum = 0;
    int sorted = 1;
    for (int i = 0; i < n; i++) {
        checksum = checksum * 31 + a[i];
        if (i > 0 && a[i - 1] > a[i]) sorted = 0;
    }
    put_str("sorted "); put_long(sorted); put_str(" checksum "); put_long(checksum);
    put_str(" min "); put_long(a[0]); put_str(" max "); put_long(a[n - 1]); put_str("\n");
    return 0;
}
