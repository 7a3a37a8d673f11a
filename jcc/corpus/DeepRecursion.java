/** Deep but bounded recursion (depth 3000), mutual recursion, and Ackermann's function for small arguments. */
public class DeepRecursion {
    static long sumTo(int n) { return n == 0 ? 0 : n + sumTo(n - 1); }

    static boolean isEven(int n) { return n == 0 || isOdd(n - 1); }

    static boolean isOdd(int n) { return n != 0 && isEven(n - 1); }

    static int ackermann(int m, int n) {
        if (m == 0) return n + 1;
        if (n == 0) return ackermann(m - 1, 1);
        return ackermann(m - 1, ackermann(m, n - 1));
    }

    static int depth(int[] counter, int limit) {
        counter[0]++;
        return counter[0] >= limit ? counter[0] : depth(counter, limit);
    }

    public static void main(String[] args) {
        System.out.println(sumTo(3000));
        System.out.println(isEven(3001) + " " + isOdd(2777));
        for (int m = 0; m <= 3; m++) {
            StringBuilder sb = new StringBuilder();
            for (int n = 0; n <= 4; n++) sb.append(ackermann(m, n)).append(' ');
            System.out.println("A(" + m + ", 0..4) = " + sb.toString().trim());
        }
        System.out.println(depth(new int[1], 3000));
    }
}
