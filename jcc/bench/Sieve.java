/** Benchmark: the sieve of Eratosthenes to 20 million, three times; prints the prime count and a checksum. */
public class Sieve {
    public static void main(String[] args) {
        int n = 20_000_000;
        long checksum = 0;
        int count = 0;
        for (int round = 0; round < 3; round++) {
            boolean[] composite = new boolean[n + 1];
            for (int i = 2; (long) i * i <= n; i++) {
                if (!composite[i]) for (int j = i * i; j <= n; j += i) composite[j] = true;
            }
            count = 0;
            for (int i = 2; i <= n; i++) {
                if (!composite[i]) {
                    count++;
                    checksum = checksum * 31 + i;
                }
            }
        }
        System.out.println("primes " + count + " checksum " + checksum);
    }
}
