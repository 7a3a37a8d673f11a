/** Towers of Hanoi: recursion printing the moves for 4 discs, and counting moves for larger towers with long arithmetic. */
public class TowersOfHanoi {
    static long moves;

    static void solve(int n, char from, char to, char via, StringBuilder out) {
        if (n == 0) return;
        solve(n - 1, from, via, to, out);
        moves++;
        if (out != null) out.append(n).append(from).append(to).append(' ');
        solve(n - 1, via, to, from, out);
    }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        solve(4, 'A', 'C', 'B', out);
        System.out.println(out.toString().trim());
        System.out.println(moves + " moves");
        for (int n = 10; n <= 20; n += 5) {
            moves = 0;
            solve(n, 'A', 'C', 'B', null);
            System.out.println(n + " discs: " + moves + " moves = 2^" + n + " - 1: " + (moves == (1L << n) - 1));
        }
    }
}
