/** Math's exact arithmetic, floorDiv/floorMod, clamp, abs/min/max of every type; ends with an overflow. */
public class MathExact {
    public static void main(String[] args) {
        int[] as = {7, -7, 7, -7, Integer.MIN_VALUE};
        int[] bs = {2, 2, -2, -2, -1};
        for (int i = 0; i < as.length; i++) {
            System.out.println(as[i] + " fdiv " + bs[i] + " = " + Math.floorDiv(as[i], bs[i]) + ", fmod = " + Math.floorMod(as[i], bs[i]));
        }
        System.out.println(Math.floorDiv(-9L, 4L) + " " + Math.floorMod(-9L, 4L) + " " + Math.floorMod(-9L, 4));
        System.out.println(Math.addExact(1000000, 2000000) + " " + Math.multiplyExact(46340, 46340) + " " + Math.subtractExact(-5L, 10L) + " " + Math.multiplyExact(1L << 31, 1L << 31));
        System.out.println(Math.clamp(15, 0, 10) + " " + Math.clamp(-3L, -1, 1) + " " + Math.clamp(2.5, 0.0, 1.0) + " " + Math.clamp(0.5f, 0f, 1f));
        System.out.println(Math.abs(-3) + " " + Math.abs(-3L) + " " + Math.abs(-2.5f) + " " + Math.abs(-0.0) + " " + Math.max(3, 9) + " " + Math.min(-1L, 1L) + " " + Math.max(1.5f, 2.5f));
        System.out.println(Math.negateExact(5) + " " + Math.toIntExact(123L) + " " + Math.incrementExact(9) + " " + Math.absExact(-4));
        int total = 1;
        for (int i = 0; i < 40; i++) {
            total = Math.multiplyExact(total, 3);
            System.out.println("3^" + (i + 1) + " = " + total);
        }
    }
}
