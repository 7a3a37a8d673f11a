/** Double.toString and Float.toString: the shortest decimal that rounds back, Java's notation. */
public class DoublePrinting {
    public static void main(String[] args) {
        double[] ds = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 100.0, 1234567.0, 12345678.9, 1.0E7, 9999999.999, 1.0E-3,
                9.99E-4, 1.0E-5, 3.141592653589793, 2.718281828459045, 1.0E21, 1.0E22, 1.0E23, 123456789012345680.0,
                Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 4.35, 0.3, 2.0 / 3, 1e-300 * 1e-20, 5e-324 * 3,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0 / 3 * 3, 100.5, 0.000123};
        for (double d : ds) System.out.println(d);
        float[] fs = {0.0f, -0.0f, 1.0f, 0.1f, 0.2f, 1.0E7f, 1.0E-3f, 3.1415927f, Float.MAX_VALUE, Float.MIN_VALUE,
                Float.MIN_NORMAL, 16777216f, 16777218f, 1.0f / 3, 0.3f, 1.0E10f, 123.456f, Float.NaN};
        for (float f : fs) System.out.println(f);
        double x = 1;
        for (int i = 0; i < 30; i++) {
            x *= 7.3;
            System.out.print(x);
            System.out.print(' ');
        }
        System.out.println();
        float y = 1;
        for (int i = 0; i < 20; i++) {
            y /= 3.7f;
            System.out.print(y + ",");
        }
        System.out.println();
        StringBuilder sb = new StringBuilder();
        sb.append(2.5).append('|').append(2.5f).append('|').append(1e100).append('|').append(-1e-10f);
        System.out.println(sb);
        System.out.println(String.valueOf(6.02214076e23) + Double.toString(1.602176634e-19) + Float.toString(9.81f));
    }
}
