/** Pseudo-random generators with exact integer semantics: xorshift64*, an LCG, SplitMix64; histograms and a shuffle. */
public class Xorshift {
    static long state = 88172645463325252L;

    static long xorshift() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return state * 2685821657736338717L;
    }

    static long splitmix(long[] s) {
        long z = (s[0] += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static void main(String[] args) {
        for (int i = 0; i < 5; i++) System.out.println(xorshift());
        int[] hist = new int[10];
        for (int i = 0; i < 100000; i++) hist[(int) Long.remainderUnsigned(xorshift(), 10)]++;
        System.out.println(java.util.Arrays.toString(hist));
        long[] s = {1234567};
        for (int i = 0; i < 3; i++) System.out.println(Long.toHexString(splitmix(s)));
        int lcg = 1;
        int[] deck = new int[20];
        for (int i = 0; i < deck.length; i++) deck[i] = i;
        for (int i = deck.length - 1; i > 0; i--) {
            lcg = lcg * 1103515245 + 12345;
            int j = Integer.remainderUnsigned(lcg, i + 1);
            int t = deck[i]; deck[i] = deck[j]; deck[j] = t;
        }
        System.out.println(java.util.Arrays.toString(deck));
        double mean = 0;
        for (int i = 0; i < 10000; i++) mean += (xorshift() >>> 11) * 0x1.0p-53;
        System.out.println(mean / 10000);
    }
}
