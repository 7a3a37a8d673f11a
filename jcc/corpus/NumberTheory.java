/** Number theory with longs: gcd/lcm, modular exponentiation, Miller-Rabin, extended Euclid, totients, Collatz. */
public class NumberTheory {
    static long gcd(long a, long b) { return b == 0 ? Math.abs(a) : gcd(b, a % b); }

    static long mulMod(long a, long b, long m) {
        long r = 0;
        a %= m;
        while (b > 0) {
            if ((b & 1) == 1) r = (r + a) % m;
            a = (a * 2) % m;
            b >>= 1;
        }
        return r;
    }

    static long powMod(long b, long e, long m) {
        long r = 1 % m;
        b %= m;
        while (e > 0) {
            if ((e & 1) == 1) r = mulMod(r, b, m);
            b = mulMod(b, b, m);
            e >>= 1;
        }
        return r;
    }

    static boolean isPrime(long n) {
        if (n < 2) return false;
        for (long p : new long[] {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}) {
            if (n % p == 0) return n == p;
        }
        long d = n - 1;
        int s = 0;
        while ((d & 1) == 0) { d >>= 1; s++; }
        for (long a : new long[] {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}) {
            long x = powMod(a, d, n);
            if (x == 1 || x == n - 1) continue;
            boolean composite = true;
            for (int i = 1; i < s && composite; i++) {
                x = mulMod(x, x, n);
                if (x == n - 1) composite = false;
            }
            if (composite) return false;
        }
        return true;
    }

    static long[] extendedGcd(long a, long b) {
        if (b == 0) return new long[] {a, 1, 0};
        long[] r = extendedGcd(b, a % b);
        return new long[] {r[0], r[2], r[1] - (a / b) * r[2]};
    }

    static int totient(int n) {
        int result = n;
        for (int p = 2; p * p <= n; p++) {
            if (n % p == 0) {
                while (n % p == 0) n /= p;
                result -= result / p;
            }
        }
        return n > 1 ? result - result / n : result;
    }

    public static void main(String[] args) {
        System.out.println(gcd(1071, 462) + " " + gcd(-48, 18) + " " + (1071L * 462 / gcd(1071, 462)) + " " + gcd(0, 0));
        System.out.println(powMod(2, 1000000, 1000000007) + " " + powMod(3, 0, 7) + " " + powMod(7, 123456789, 998244353));
        long[] candidates = {1, 2, 97, 561, 7919, 1000000007L, 1000000007L * 3, 9223372036854775783L, 4611686018427387847L};
        for (long c : candidates) System.out.print(c + (isPrime(c) ? " prime, " : " composite, "));
        System.out.println();
        long[] e = extendedGcd(240, 46);
        System.out.println(e[0] + " = 240*" + e[1] + " + 46*" + e[2]);
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= 20; n++) sb.append(totient(n)).append(' ');
        System.out.println(sb.toString().trim());
        int longest = 0, arg = 0;
        for (int start = 1; start < 100000; start++) {
            long n = start;
            int steps = 0;
            while (n != 1) {
                n = (n & 1) == 0 ? n >> 1 : 3 * n + 1;
                steps++;
            }
            if (steps > longest) { longest = steps; arg = start; }
        }
        System.out.println("longest Collatz below 100000: " + arg + " with " + longest + " steps");
    }
}
