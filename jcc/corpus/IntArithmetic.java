/** int arithmetic with Java's exact rules: wrapping, MIN_VALUE / -1, % on negatives, masked shifts. */
public class IntArithmetic {
    static int id(int x) { return x; }

    public static void main(String[] args) {
        int max = Integer.MAX_VALUE;
        int min = Integer.MIN_VALUE;
        System.out.println(max + 1);
        System.out.println(min - 1);
        System.out.println(max * 2);
        System.out.println(min * -1);
        System.out.println(min / id(-1));
        System.out.println(min % id(-1));
        System.out.println(-min);
        System.out.println(Math.abs(min));
        int[] as = {7, -7, 7, -7, 0, 13, -13};
        int[] bs = {3, 3, -3, -3, 5, -4, 4};
        for (int i = 0; i < as.length; i++) {
            System.out.println(as[i] + " / " + bs[i] + " = " + as[i] / bs[i] + ", % = " + as[i] % bs[i]);
        }
        for (int s = -33; s <= 65; s += 7) {
            System.out.println("shift " + s + ": " + (1 << s) + " " + (min >> s) + " " + (min >>> s) + " " + (-12345 >> id(s)));
        }
        int h = 0;
        for (int i = 0; i < 1000; i++) h = 31 * h + i * 0x9E3779B9;
        System.out.println("hash " + h);
        System.out.println((max & 0xF0F0) + " " + (min | 1) + " " + (max ^ min) + " " + ~max);
        int x = 5;
        x += x++ + ++x;
        System.out.println("x " + x);
        x <<= 33;
        System.out.println("x " + x);
        x >>>= -1;
        System.out.println("x " + x);
        System.out.println(Integer.compare(min, max) + " " + Integer.signum(-9) + " " + Integer.MAX_VALUE / 7);
    }
}
