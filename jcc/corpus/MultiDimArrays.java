/** Multi-dimensional arrays: rectangular, ragged, default values, arrays of every element type. */
public class MultiDimArrays {
    public static void main(String[] args) {
        int[][] grid = new int[4][5];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) grid[i][j] = i * 10 + j;
        for (int[] row : grid) {
            StringBuilder sb = new StringBuilder();
            for (int v : row) sb.append(v).append(' ');
            System.out.println(sb.toString().trim());
        }
        int[][] ragged = new int[5][];
        for (int i = 0; i < ragged.length; i++) {
            ragged[i] = new int[i + 1];
            ragged[i][0] = ragged[i][i] = 1;
            for (int j = 1; j < i; j++) ragged[i][j] = ragged[i - 1][j - 1] + ragged[i - 1][j];
        }
        for (int[] row : ragged) System.out.println(java.util.Arrays.toString(row));
        long[][][] cube = new long[3][3][3];
        long total = 0;
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 3; c++) cube[a][b][c] = (long) a * 100 + b * 10 + c;
        for (long[][] plane : cube) for (long[] line : plane) for (long v : line) total += v;
        System.out.println("cube total " + total + " length " + cube.length + " " + cube[2].length + " " + cube[2][1].length);
        double[][] d = {{1.5, 2.5}, {3.5}};
        System.out.println(d[0][1] + d[1][0]);
        String[][] names = new String[2][2];
        System.out.println(names[1][1]);
        names[0][0] = "a";
        names[1] = new String[] {"x", "y", "z"};
        System.out.println(names[0][0] + names[1][2] + names[1].length);
        boolean[] flags = new boolean[3];
        char[] chars = new char[3];
        float[] floats = new float[2];
        System.out.println(flags[2] + " " + (int) chars[1] + " " + floats[1]);
        char[][] board = new char[3][3];
        for (char[] row : board) java.util.Arrays.fill(row, '.');
        board[1][1] = 'X';
        board[0][2] = 'O';
        for (char[] row : board) System.out.println(row);
        Object[] objs = new int[2][3];
        System.out.println(objs.length + " " + ((int[]) objs[1]).length);
        int[][] empty = new int[0][7];
        System.out.println(empty.length);
    }
}
