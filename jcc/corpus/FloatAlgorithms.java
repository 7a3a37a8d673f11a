/** Floating-point algorithms: Kahan summation, Newton's square root, Horner, Simpson integration, float vs double rounding. */
public class FloatAlgorithms {
    static double newtonSqrt(double x) {
        double r = x > 1 ? x / 2 : 1;
        for (int i = 0; i < 60; i++) r = 0.5 * (r + x / r);
        return r;
    }

    static double horner(double[] coeffs, double x) {
        double r = 0;
        for (int i = coeffs.length - 1; i >= 0; i--) r = r * x + coeffs[i];
        return r;
    }

    static double simpson(int n) {
        double h = Math.PI / n, s = 0;
        for (int i = 0; i <= n; i++) {
            double x = i * h;
            double fx = horner(new double[] {0, 1, 0, -1.0 / 6, 0, 1.0 / 120, 0, -1.0 / 5040, 0, 1.0 / 362880}, x);
            s += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * fx;
        }
        return s * h / 3;
    }

    public static void main(String[] args) {
        double naive = 0, sum = 0, comp = 0;
        for (int i = 0; i < 100000; i++) {
            double v = 0.1;
            naive += v;
            double y = v - comp;
            double t = sum + y;
            comp = (t - sum) - y;
            sum = t;
        }
        System.out.println(naive + " " + sum);
        float fsum = 0;
        for (int i = 0; i < 100000; i++) fsum += 0.1f;
        System.out.println(fsum);
        for (double x : new double[] {2, 10, 0.25, 1e10, 12345.678}) System.out.println(newtonSqrt(x) + " " + Math.sqrt(x) + " " + (newtonSqrt(x) == Math.sqrt(x)));
        System.out.println(simpson(10) + " " + simpson(100) + " " + simpson(1000));
        double e = 0, term = 1;
        for (int i = 1; i < 20; i++) {
            e += term;
            term /= i;
        }
        System.out.println("e ~ " + e + " pi ~ " + Math.PI + " " + (float) Math.E);
        float f = 16777216f;
        System.out.println((f + 1f) + " " + (f + 2f) + " " + ((double) f + 1) + " " + (0.1f == 0.1) + " " + ((float) 0.1 == 0.1f));
    }
}
