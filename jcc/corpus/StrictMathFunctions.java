/** StrictMath's fdlibm functions, bit for bit as the JVM computes them (NaNs printed canonically: the sign of a NaN that 0/0 makes is the CPU's); Math's, rounded. */
public class StrictMathFunctions {
    static void show(String name, double x) {
        System.out.println(name + " " + x + " " + Long.toHexString(Double.doubleToLongBits(x)));
    }

    public static void main(String[] args) {
        double[] inputs = {0.0, -0.0, 0.5, 1.0, -1.0, 2.0, 3.141592653589793, 10.0, 1e-300, 1e300, 123.456, -7.25,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 0.7853981633974483};
        for (double x : inputs) {
            show("sin", StrictMath.sin(x));
            show("cos", StrictMath.cos(x));
            show("tan", StrictMath.tan(x));
            show("asin", StrictMath.asin(x / 4));
            show("acos", StrictMath.acos(x / 4));
            show("atan", StrictMath.atan(x));
            show("exp", StrictMath.exp(x));
            show("log", StrictMath.log(x));
            show("log10", StrictMath.log10(x));
            show("log1p", StrictMath.log1p(x));
            show("expm1", StrictMath.expm1(x));
            show("sinh", StrictMath.sinh(x));
            show("cosh", StrictMath.cosh(x));
            show("tanh", StrictMath.tanh(x));
            show("cbrt", StrictMath.cbrt(x));
            show("sqrt", StrictMath.sqrt(x));
            show("atan2", StrictMath.atan2(x, 1.5));
            show("hypot", StrictMath.hypot(x, 3.0));
            show("pow", StrictMath.pow(x, 0.75));
            show("pow2", StrictMath.pow(2.0, x));
            show("IEEEremainder", StrictMath.IEEEremainder(x, 0.3));
        }
        // Math's versions: the JVM may use intrinsics, but their results are within the spec; print them rounded.
        System.out.println(Math.round(Math.sin(1.0) * 1e12) + " " + Math.round(Math.exp(2.0) * 1e9) + " " + Math.round(Math.log(7.0) * 1e12));
        System.out.println(Math.toDegrees(1.0) + " " + Math.toRadians(90.0));
    }
}
