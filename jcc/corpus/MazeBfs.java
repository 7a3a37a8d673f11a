/** Breadth-first search through a text maze with an array-backed queue, printing the path and its length. */
public class MazeBfs {
    public static void main(String[] args) {
        String[] maze = {
                "###############",
                "#S    #       #",
                "# ### # ##### #",
                "#   #   #   # #",
                "### ##### # # #",
                "#   #     #   #",
                "# ### ####### #",
                "#     #     #E#",
                "###############"};
        int h = maze.length, w = maze[0].length();
        char[][] grid = new char[h][];
        int start = 0, end = 0;
        for (int r = 0; r < h; r++) {
            grid[r] = maze[r].toCharArray();
            for (int c = 0; c < w; c++) {
                if (grid[r][c] == 'S') start = r * w + c;
                if (grid[r][c] == 'E') end = r * w + c;
            }
        }
        int[] prev = new int[h * w];
        java.util.Arrays.fill(prev, -2);
        int[] queue = new int[h * w];
        int head = 0, tail = 0;
        queue[tail++] = start;
        prev[start] = -1;
        int[] dr = {-1, 1, 0, 0}, dc = {0, 0, -1, 1};
        int visited = 0;
        while (head < tail) {
            int cur = queue[head++];
            visited++;
            if (cur == end) break;
            for (int k = 0; k < 4; k++) {
                int r = cur / w + dr[k], c = cur % w + dc[k];
                if (grid[r][c] != '#' && prev[r * w + c] == -2) {
                    prev[r * w + c] = cur;
                    queue[tail++] = r * w + c;
                }
            }
        }
        int length = 0;
        for (int at = prev[end]; at != start; at = prev[at]) {
            grid[at / w][at % w] = '*';
            length++;
        }
        for (char[] row : grid) System.out.println(row);
        System.out.println("path length " + (length + 1) + ", visited " + visited);
    }
}
