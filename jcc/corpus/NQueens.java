/** N-queens: counts all solutions for N = 1..10 by backtracking with bit masks, and prints the first solution for 8. */
public class NQueens {
    static int count(int n, int row, int cols, int diag1, int diag2) {
        if (row == n) return 1;
        int total = 0;
        int free = ~(cols | diag1 | diag2) & ((1 << n) - 1);
        while (free != 0) {
            int bit = free & -free;
            free -= bit;
            total += count(n, row + 1, cols | bit, (diag1 | bit) << 1, (diag2 | bit) >> 1);
        }
        return total;
    }

    static boolean first(int n, int row, int[] queens) {
        if (row == n) return true;
        for (int c = 0; c < n; c++) {
            boolean ok = true;
            for (int r = 0; r < row; r++) {
                if (queens[r] == c || Math.abs(queens[r] - c) == row - r) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                queens[row] = c;
                if (first(n, row + 1, queens)) return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        for (int n = 1; n <= 10; n++) System.out.println(n + " queens: " + count(n, 0, 0, 0, 0) + " solutions");
        int[] q = new int[8];
        first(8, 0, q);
        for (int r = 0; r < 8; r++) {
            char[] line = new char[8];
            java.util.Arrays.fill(line, '.');
            line[q[r]] = 'Q';
            System.out.println(new String(line));
        }
    }
}
