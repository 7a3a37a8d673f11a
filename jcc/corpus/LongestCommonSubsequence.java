/** Longest common subsequence and longest increasing subsequence with reconstruction. */
public class LongestCommonSubsequence {
    static String lcs(String a, String b) {
        int[][] t = new int[a.length() + 1][b.length() + 1];
        for (int i = a.length() - 1; i >= 0; i--)
            for (int j = b.length() - 1; j >= 0; j--)
                t[i][j] = a.charAt(i) == b.charAt(j) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
        StringBuilder sb = new StringBuilder();
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                sb.append(a.charAt(i));
                i++;
                j++;
            } else if (t[i + 1][j] >= t[i][j + 1]) i++;
            else j++;
        }
        return sb.toString();
    }

    static int[] lis(int[] xs) {
        int n = xs.length;
        int[] tails = new int[n], tailIndex = new int[n], prev = new int[n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            int lo = 0, hi = len;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (tails[mid] < xs[i]) lo = mid + 1;
                else hi = mid;
            }
            tails[lo] = xs[i];
            tailIndex[lo] = i;
            prev[i] = lo > 0 ? tailIndex[lo - 1] : -1;
            if (lo == len) len++;
        }
        int[] out = new int[len];
        for (int k = len - 1, at = tailIndex[len - 1]; k >= 0; k--, at = prev[at]) out[k] = xs[at];
        return out;
    }

    public static void main(String[] args) {
        System.out.println(lcs("AGGTAB", "GXTXAYB"));
        System.out.println(lcs("the quick brown fox", "a quick brown dog jumps"));
        System.out.println("[" + lcs("abc", "xyz") + "]");
        int[] xs = new int[40];
        int seed = 3;
        for (int i = 0; i < xs.length; i++) {
            seed = seed * 214013 + 2531011;
            xs[i] = (seed >>> 16) % 100;
        }
        System.out.println(java.util.Arrays.toString(xs));
        int[] l = lis(xs);
        System.out.println(l.length + " " + java.util.Arrays.toString(l));
    }
}
