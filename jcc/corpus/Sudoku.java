/** A Sudoku solver: backtracking with candidate bit masks on a fixed puzzle, printing the solved grid and the search size. */
public class Sudoku {
    static int[] rows = new int[9], cols = new int[9], boxes = new int[9];
    static long nodes;

    static boolean solve(int[][] g, int cell) {
        nodes++;
        if (cell == 81) return true;
        int r = cell / 9, c = cell % 9;
        if (g[r][c] != 0) return solve(g, cell + 1);
        int b = r / 3 * 3 + c / 3;
        int free = ~(rows[r] | cols[c] | boxes[b]) & 0x3FE;
        while (free != 0) {
            int bit = free & -free;
            free ^= bit;
            int d = Integer.numberOfTrailingZeros(bit);
            g[r][c] = d;
            rows[r] |= bit; cols[c] |= bit; boxes[b] |= bit;
            if (solve(g, cell + 1)) return true;
            rows[r] ^= bit; cols[c] ^= bit; boxes[b] ^= bit;
        }
        g[r][c] = 0;
        return false;
    }

    public static void main(String[] args) {
        String puzzle = "530070000600195000098000060800060003400803001700020006060000280000419005000080079";
        int[][] g = new int[9][9];
        for (int i = 0; i < 81; i++) {
            int d = puzzle.charAt(i) - '0';
            g[i / 9][i % 9] = d;
            if (d != 0) {
                rows[i / 9] |= 1 << d;
                cols[i % 9] |= 1 << d;
                boxes[i / 27 * 3 + i % 9 / 3] |= 1 << d;
            }
        }
        System.out.println("solved " + solve(g, 0) + " after " + nodes + " nodes");
        for (int[] row : g) {
            StringBuilder sb = new StringBuilder();
            for (int d : row) sb.append(d);
            System.out.println(sb);
        }
    }
}
