/** Conway's Game of Life on a 20x20 torus: a glider and a blinker for 40 generations, printing some boards and populations. */
public class GameOfLife {
    static boolean[][] step(boolean[][] g) {
        int n = g.length, m = g[0].length;
        boolean[][] next = new boolean[n][m];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < m; c++) {
                int live = 0;
                for (int dr = -1; dr <= 1; dr++)
                    for (int dc = -1; dc <= 1; dc++)
                        if ((dr != 0 || dc != 0) && g[Math.floorMod(r + dr, n)][Math.floorMod(c + dc, m)]) live++;
                next[r][c] = g[r][c] ? live == 2 || live == 3 : live == 3;
            }
        return next;
    }

    static void print(boolean[][] g) {
        for (boolean[] row : g) {
            StringBuilder sb = new StringBuilder();
            for (boolean b : row) sb.append(b ? '#' : '.');
            System.out.println(sb);
        }
    }

    public static void main(String[] args) {
        boolean[][] g = new boolean[20][20];
        int[][] glider = {{0, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}};
        for (int[] p : glider) g[p[0]][p[1]] = true;
        g[10][10] = g[10][11] = g[10][12] = true;
        g[15][3] = g[15][4] = g[16][3] = g[16][4] = true;
        for (int gen = 0; gen <= 40; gen++) {
            if (gen % 20 == 0) {
                System.out.println("generation " + gen);
                print(g);
            }
            int pop = 0;
            for (boolean[] row : g) for (boolean b : row) if (b) pop++;
            System.out.print(pop + (gen < 40 ? "," : "\n"));
            g = step(g);
        }
    }
}
