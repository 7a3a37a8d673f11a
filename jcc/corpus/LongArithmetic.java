/** long arithmetic: wrapping, Long.MIN_VALUE / -1, remainders, shifts masked to 6 bits, mixing with int. */
public class LongArithmetic {
    static long id(long x) { return x; }

    public static void main(String[] args) {
        long max = Long.MAX_VALUE;
        long min = Long.MIN_VALUE;
        System.out.println(max + 1);
        System.out.println(min / id(-1));
        System.out.println(min % id(-1));
        System.out.println(max * max);
        System.out.println(-17L / 5 + " " + -17L % 5 + " " + 17L % -5);
        for (int s = -1; s < 130; s += 9) {
            System.out.println("shift " + s + ": " + (1L << s) + " " + (min >> s) + " " + (min >>> s));
        }
        long f = 1;
        for (int i = 1; i <= 25; i++) {
            f *= i;
            System.out.println(i + "! mod 2^64 = " + f);
        }
        int i = Integer.MAX_VALUE;
        long widened = i + 1;
        long proper = i + 1L;
        System.out.println(widened + " " + proper);
        System.out.println((int) 0x123456789ABCDEFL + " " + (short) 0x123456789ABCDEFL + " " + (byte) -129L);
        long fib0 = 0, fib1 = 1;
        for (int k = 0; k < 100; k++) {
            long t = fib0 + fib1;
            fib0 = fib1;
            fib1 = t;
        }
        System.out.println("fib(100) mod 2^64 = " + fib0);
        System.out.println(Long.toHexString(min) + " " + Long.toBinaryString(5L) + " " + Long.toUnsignedString(-1L));
        System.out.println(Long.numberOfLeadingZeros(1L) + " " + Long.numberOfTrailingZeros(min) + " " + Long.bitCount(-1L));
        System.out.println(Long.compare(3, 4) + " " + Long.signum(min) + " " + Long.MAX_VALUE);
    }
}
