/** Matrix products in int, long and double; identity, transpose, associativity check, and a power by squaring. */
public class MatrixProduct {
    static double[][] mul(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, k = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++)
            for (int p = 0; p < k; p++) {
                double aip = a[i][p];
                for (int j = 0; j < m; j++) c[i][j] += aip * b[p][j];
            }
        return c;
    }

    static long[][] mul(long[][] a, long[][] b, long mod) {
        int n = a.length;
        long[][] c = new long[n][n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int p = 0; p < n; p++) s = (s + a[i][p] * b[p][j]) % mod;
                c[i][j] = s;
            }
        return c;
    }

    static long fibMod(long n, long mod) {
        long[][] result = {{1, 0}, {0, 1}};
        long[][] base = {{1, 1}, {1, 0}};
        while (n > 0) {
            if ((n & 1) == 1) result = mul(result, base, mod);
            base = mul(base, base, mod);
            n >>= 1;
        }
        return result[0][1];
    }

    public static void main(String[] args) {
        int n = 40;
        double[][] a = new double[n][n], b = new double[n][n], c = new double[n][n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                a[i][j] = (i * 7 + j * 3) % 11 - 5;
                b[i][j] = (i + 2 * j) % 5 * 0.5;
                c[i][j] = i == j ? 2 : 0;
            }
        double[][] ab = mul(a, b);
        double[][] abc1 = mul(ab, c);
        double[][] abc2 = mul(a, mul(b, c));
        double trace = 0, sum = 0;
        boolean same = true;
        for (int i = 0; i < n; i++) {
            trace += ab[i][i];
            for (int j = 0; j < n; j++) {
                sum += abc1[i][j];
                if (abc1[i][j] != abc2[i][j]) same = false;
            }
        }
        System.out.println("trace " + trace + " sum " + sum + " associative " + same);
        System.out.println(ab[0][0] + " " + ab[n - 1][n - 1] + " " + ab[3][17]);
        int[][] small = {{1, 2, 3}, {4, 5, 6}};
        int[][] t = new int[3][2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) t[j][i] = small[i][j];
        int[][] p = new int[2][2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) for (int k = 0; k < 3; k++) p[i][j] += small[i][k] * t[k][j];
        System.out.println(p[0][0] + " " + p[0][1] + " " + p[1][0] + " " + p[1][1]);
        for (long k : new long[] {10, 90, 1000, 1000000000000L}) System.out.println("fib(" + k + ") mod 1e9+7 = " + fibMod(k, 1000000007L));
    }
}
