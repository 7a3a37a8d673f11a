/** Dynamic programming: 0/1 knapsack with item reconstruction, coin change counts, and edit distance. */
public class Knapsack {
    public static void main(String[] args) {
        int[] weight = {12, 7, 11, 8, 9, 3, 14, 5, 6, 10};
        int[] value = {24, 13, 23, 15, 16, 5, 30, 9, 11, 19};
        int cap = 40;
        int[][] best = new int[weight.length + 1][cap + 1];
        for (int i = 1; i <= weight.length; i++)
            for (int c = 0; c <= cap; c++) {
                best[i][c] = best[i - 1][c];
                if (weight[i - 1] <= c) best[i][c] = Math.max(best[i][c], best[i - 1][c - weight[i - 1]] + value[i - 1]);
            }
        StringBuilder chosen = new StringBuilder();
        for (int i = weight.length, c = cap; i > 0; i--) {
            if (best[i][c] != best[i - 1][c]) {
                chosen.insert(0, i - 1 + " ");
                c -= weight[i - 1];
            }
        }
        System.out.println("best value " + best[weight.length][cap] + " items " + chosen.toString().trim());
        int[] coins = {1, 2, 5, 10, 20, 50, 100, 200};
        long[] ways = new long[1001];
        ways[0] = 1;
        for (int coin : coins) for (int v = coin; v <= 1000; v++) ways[v] += ways[v - coin];
        System.out.println("ways to make 200: " + ways[200] + ", 1000: " + ways[1000]);
        String[][] pairs = {{"kitten", "sitting"}, {"flaw", "lawn"}, {"intention", "execution"}, {"", "abc"}, {"same", "same"}};
        for (String[] p : pairs) {
            String a = p[0], b = p[1];
            int[][] d = new int[a.length() + 1][b.length() + 1];
            for (int i = 0; i <= a.length(); i++) d[i][0] = i;
            for (int j = 0; j <= b.length(); j++) d[0][j] = j;
            for (int i = 1; i <= a.length(); i++)
                for (int j = 1; j <= b.length(); j++)
                    d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            System.out.println("edit(" + a + ", " + b + ") = " + d[a.length()][b.length()]);
        }
    }
}
