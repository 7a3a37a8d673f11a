/** Permutations in lexicographic order (next permutation), Heap's algorithm counts, and combinations by bit masks. */
public class Permutations {
    static boolean next(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) i--;
        if (i < 0) return false;
        int j = a.length - 1;
        while (a[j] <= a[i]) j--;
        int t = a[i]; a[i] = a[j]; a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) { t = a[l]; a[l] = a[r]; a[r] = t; }
        return true;
    }

    static long heap(int k, int[] a, long[] checksum) {
        if (k == 1) {
            long h = 0;
            for (int v : a) h = h * 10 + v;
            checksum[0] += h;
            return 1;
        }
        long n = heap(k - 1, a, checksum);
        for (int i = 0; i < k - 1; i++) {
            int j = k % 2 == 0 ? i : 0;
            int t = a[j]; a[j] = a[k - 1]; a[k - 1] = t;
            n += heap(k - 1, a, checksum);
        }
        return n;
    }

    public static void main(String[] args) {
        int[] a = {1, 2, 2, 3};
        StringBuilder sb = new StringBuilder();
        do {
            for (int v : a) sb.append(v);
            sb.append(' ');
        } while (next(a));
        System.out.println(sb.toString().trim());
        long[] sum = {0};
        System.out.println(heap(8, new int[] {1, 2, 3, 4, 5, 6, 7, 8}, sum) + " permutations, checksum " + sum[0]);
        String letters = "ABCDEF";
        int count = 0;
        StringBuilder combos = new StringBuilder();
        for (int mask = 0; mask < 1 << letters.length(); mask++) {
            if (Integer.bitCount(mask) != 3) continue;
            count++;
            for (int i = 0; i < letters.length(); i++) if ((mask & 1 << i) != 0) combos.append(letters.charAt(i));
            combos.append(' ');
        }
        System.out.println(count + ": " + combos.toString().trim());
    }
}
