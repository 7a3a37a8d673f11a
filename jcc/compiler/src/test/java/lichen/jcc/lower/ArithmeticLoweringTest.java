package lichen.jcc.lower;

import lichen.jcc.Compilation;
import lichen.jcc.CompilerFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each family of arithmetic bytecodes lowers to the IR that keeps the JVM's semantics. */
class ArithmeticLoweringTest {
    private static String ir;

    @BeforeAll
    static void lower() {
        Compilation c = CompilerFixture.compile(Map.of("Ops", """
                public class Ops {
                    static int div(int a, int b) { return a / b; }
                    static long rem(long a, long b) { return a % b; }
                    static int shl(int a, int n) { return a << n; }
                    static long ushr(long a, int n) { return a >>> n; }
                    static int d2i(double d) { return (int) d; }
                    static long f2l(float f) { return (long) f; }
                    static boolean less(double a, double b) { return a < b; }
                    static byte narrow(int x) { return (byte) x; }
                    static char toChar(int x) { return (char) x; }
                    static double drem(double a, double b) { return a % b; }
                    public static void main(String[] args) {
                        System.out.println(div(1, 2) + rem(3, 4) + shl(1, 2) + ushr(5, 6) + d2i(1.5) + f2l(2f)
                                + (less(1, 2) ? 1 : 0) + narrow(300) + toChar(65) + drem(1, 2));
                    }
                }
                """), "Ops", "lower");
        ir = c.ir;
    }

    private static String fn(String name) { return CompilerFixture.function(ir, "Ops." + name); }

    @Test
    void integerDivisionChecksZeroAndAvoidsTheOverflowTrap() {
        String f = fn("div(II)I");
        assertTrue(f.contains("icmp eq i32 %t"), f);
        assertTrue(f.contains("Throw.divideByZero()V"), "division by zero raises ArithmeticException:\n" + f);
        assertTrue(f.contains("icmp eq i32") && f.contains(", -1"), "MIN_VALUE / -1 is special-cased:\n" + f);
        assertTrue(f.contains("sdiv i32") && f.contains("select i1"), f);
    }

    @Test
    void longRemainderIsZeroForMinusOne() {
        String f = fn("rem(JJ)J");
        assertTrue(f.contains("srem i64") && f.contains("i64 0, i64"), f);
    }

    @Test
    void shiftCountsAreMasked() {
        assertTrue(fn("shl(II)I").contains("and i32 %t") && fn("shl(II)I").contains(", 31"), fn("shl(II)I"));
        String u = fn("ushr(JI)J");
        assertTrue(u.contains("and i64") && u.contains(", 63") && u.contains("lshr i64"), u);
    }

    @Test
    void floatToIntegerConversionsSaturate() {
        assertTrue(fn("d2i(D)I").contains("@llvm.fptosi.sat.i32.f64"), fn("d2i(D)I"));
        assertTrue(fn("f2l(F)J").contains("@llvm.fptosi.sat.i64.f32"), fn("f2l(F)J"));
    }

    @Test
    void floatingComparisonsTreatNaNAsTheBytecodeSays() {
        String f = fn("less(DD)Z");
        assertTrue(f.contains("fcmp uno double"), f);
    }

    @Test
    void narrowingTruncatesAndExtends() {
        String b = fn("narrow(I)B");
        assertTrue(b.contains("trunc i32") && b.contains("to i8") && b.contains("sext i8"), b);
        String c = fn("toChar(I)C");
        assertTrue(c.contains("to i16") && c.contains("zext i16"), c);
    }

    @Test
    void doubleRemainderCallsTheRuntimesExactFmod() {
        assertTrue(fn("drem(DD)D").contains("lichen/rt/FloatRemainder.fmod(DD)D"), fn("drem(DD)D"));
    }
}
