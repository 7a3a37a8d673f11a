/** float and double: NaN comparisons, signed zeros, infinities, saturating and truncating conversions. */
public class FloatSemantics {
    public static void main(String[] args) {
        double nan = 0.0 / 0.0;
        float fnan = 0.0f / 0.0f;
        System.out.println(nan == nan);
        System.out.println(nan != nan);
        System.out.println(nan < 1.0);
        System.out.println(nan > 1.0);
        System.out.println(!(nan >= 1.0));
        System.out.println(fnan == fnan);
        System.out.println(Double.isNaN(nan) + " " + Float.isNaN(fnan));
        System.out.println(Double.compare(nan, 1.0) + " " + Double.compare(0.0, -0.0) + " " + (0.0 == -0.0));
        double[] values = {nan, 1e300, -1e300, 3.99, -3.99, 2147483647.5, -2147483648.9, 1e19, -1e19,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.5, -0.5, 9.223372036854776E18};
        for (double v : values) {
            System.out.println(v + " -> int " + (int) v + ", long " + (long) v + ", char " + (int) (char) v
                    + ", short " + (short) v + ", byte " + (byte) v + ", float " + (float) v);
        }
        float[] fs = {fnan, 3.4e38f, -3.4e38f, 1.5f, -1.5f, 16777217f, Float.MIN_VALUE, 1e10f};
        for (float v : fs) System.out.println(v + " -> int " + (int) v + ", long " + (long) v + ", double " + (double) v);
        System.out.println(1.0 / 0.0 + " " + -1.0 / 0.0 + " " + 1.0 / -0.0 + " " + 0.0 * -1);
        System.out.println(5.5 % 2 + " " + -5.5 % 2 + " " + 5.5 % -2 + " " + 1e300 % 3 + " " + 7.0f % 2.5f);
        System.out.println(0.1 + 0.2);
        System.out.println(0.1f + 0.2f);
        System.out.println((float) 0.1 + " " + (double) 0.1f);
        System.out.println(Math.sqrt(2.0) + " " + Math.sqrt(-1.0) + " " + (float) Math.sqrt(2.0));
        System.out.println(Math.min(-0.0, 0.0) + " " + Math.max(-0.0, 0.0) + " " + Math.min(nan, 1.0));
        long bits = Double.doubleToRawLongBits(-2.5);
        System.out.println(Long.toHexString(bits) + " " + Double.longBitsToDouble(bits + 1));
        int fbits = Float.floatToRawIntBits(1.0f);
        System.out.println(Integer.toHexString(fbits) + " " + Float.intBitsToFloat(fbits - 1));
        System.out.println((int) 'A' + 0.5f + " " + (1 / 3.0f) + " " + (2 / 3.0));
        System.out.println(Math.abs(-0.0) + " " + Math.abs(-7.25f) + " " + Math.signum(-3.0));
    }
}
