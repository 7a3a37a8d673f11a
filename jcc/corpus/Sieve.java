/** The sieve of Eratosthenes up to two million: prime counts at powers of ten, the largest primes, twin primes. */
public class Sieve {
    public static void main(String[] args) {
        int n = 2_000_000;
        boolean[] composite = new boolean[n + 1];
        composite[0] = composite[1] = true;
        for (int i = 2; (long) i * i <= n; i++) {
            if (!composite[i]) for (int j = i * i; j <= n; j += i) composite[j] = true;
        }
        int count = 0, twins = 0, last = 0;
        long sum = 0;
        int limit = 10;
        for (int i = 2; i <= n; i++) {
            if (!composite[i]) {
                count++;
                sum += i;
                if (i - last == 2) twins++;
                last = i;
            }
            if (i == limit) {
                System.out.println("primes <= " + limit + ": " + count);
                limit *= 10;
            }
        }
        System.out.println("primes <= " + n + ": " + count + ", sum " + sum + ", twin pairs " + twins + ", largest " + last);
        StringBuilder sb = new StringBuilder();
        for (int i = 2; i < 100; i++) if (!composite[i]) sb.append(i).append(' ');
        System.out.println(sb.toString().trim());
    }
}
