/** Several sorting algorithms on the same pseudo-random data; each result is checked against Arrays.sort. */
public class SortingAlgorithms {
    static int seed = 12345;

    static int next() {
        seed = seed * 1103515245 + 12345;
        return (seed >>> 8) % 1000 - 500;
    }

    static void bubble(int[] a) {
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j + 1 < a.length - i; j++)
                if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
    }

    static void insertion(int[] a) {
        for (int i = 1; i < a.length; i++) {
            int v = a[i], j = i - 1;
            while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
            a[j + 1] = v;
        }
    }

    static void selection(int[] a) {
        for (int i = 0; i < a.length; i++) {
            int m = i;
            for (int j = i + 1; j < a.length; j++) if (a[j] < a[m]) m = j;
            int t = a[i]; a[i] = a[m]; a[m] = t;
        }
    }

    static void mergeSort(int[] a, int[] tmp, int lo, int hi) {
        if (hi - lo < 2) return;
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid);
        mergeSort(a, tmp, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
        while (i < mid) tmp[k++] = a[i++];
        while (j < hi) tmp[k++] = a[j++];
        System.arraycopy(tmp, lo, a, lo, hi - lo);
    }

    static void quick(int[] a, int lo, int hi) {
        if (lo >= hi) return;
        int p = a[(lo + hi) >>> 1], i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        quick(a, lo, j);
        quick(a, i, hi);
    }

    static void heap(int[] a) {
        int n = a.length;
        for (int i = n / 2 - 1; i >= 0; i--) sift(a, i, n);
        for (int end = n - 1; end > 0; end--) {
            int t = a[0]; a[0] = a[end]; a[end] = t;
            sift(a, 0, end);
        }
    }

    static void sift(int[] a, int i, int n) {
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < n && a[l] > a[m]) m = l;
            if (r < n && a[r] > a[m]) m = r;
            if (m == i) return;
            int t = a[i]; a[i] = a[m]; a[m] = t;
            i = m;
        }
    }

    static void shell(int[] a) {
        for (int gap = a.length / 2; gap > 0; gap /= 2)
            for (int i = gap; i < a.length; i++) {
                int v = a[i], j = i;
                while (j >= gap && a[j - gap] > v) { a[j] = a[j - gap]; j -= gap; }
                a[j] = v;
            }
    }

    static void counting(int[] a) {
        int[] count = new int[1000];
        for (int v : a) count[v + 500]++;
        int k = 0;
        for (int v = 0; v < 1000; v++) while (count[v]-- > 0) a[k++] = v - 500;
    }

    static void radix(int[] a) {
        int[] out = new int[a.length];
        for (int shift = 0; shift < 32; shift += 8) {
            int[] count = new int[257];
            for (int v : a) count[(((v ^ Integer.MIN_VALUE) >>> shift) & 255) + 1]++;
            for (int i = 0; i < 256; i++) count[i + 1] += count[i];
            for (int v : a) out[count[((v ^ Integer.MIN_VALUE) >>> shift) & 255]++] = v;
            System.arraycopy(out, 0, a, 0, a.length);
        }
    }

    static long checksum(int[] a) {
        long h = 0;
        for (int v : a) h = h * 31 + v;
        return h;
    }

    public static void main(String[] args) {
        int[] data = new int[700];
        for (int i = 0; i < data.length; i++) data[i] = next();
        int[] expected = data.clone();
        java.util.Arrays.sort(expected);
        String[] names = {"bubble", "insertion", "selection", "merge", "quick", "heap", "shell", "counting", "radix"};
        for (String name : names) {
            int[] a = data.clone();
            switch (name) {
                case "bubble" -> bubble(a);
                case "insertion" -> insertion(a);
                case "selection" -> selection(a);
                case "merge" -> mergeSort(a, new int[a.length], 0, a.length);
                case "quick" -> quick(a, 0, a.length - 1);
                case "heap" -> heap(a);
                case "shell" -> shell(a);
                case "counting" -> counting(a);
                default -> radix(a);
            }
            System.out.println(name + " " + java.util.Arrays.equals(a, expected) + " " + checksum(a) + " " + a[0] + ".." + a[a.length - 1]);
        }
    }
}
