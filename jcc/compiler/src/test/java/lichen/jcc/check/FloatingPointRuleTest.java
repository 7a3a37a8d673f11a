package lichen.jcc.check;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kernel target's floating-point rule: exact diagnostics, and no diagnostic for Linux programs. */
class FloatingPointRuleTest {
    private static List<String> kernel(String className, String text) throws IOException {
        return new CheckedSources().add(className + ".java", text).diagnoseForKernel();
    }

    private static final String SCALE = """
            public class Scale {
                static double factor = 1.5;
                static long scaled(long n) {
                    long k = n + 1;
                    return (long) (k * factor);
                }
            }
            """;

    @Test
    void arithmeticOnADoubleInKernelCodeIsReportedAtItsFirstUse() throws IOException {
        assertEquals(List.of("""
                Scale.java:5:28: error: floating point in kernel code (field factor is double): the kernel is compiled \
                without the FP/SIMD registers; mark the method @FloatingPoint to use them
                        return (long) (k * factor);
                                           ^"""), kernel("Scale", SCALE));
    }

    @Test
    void linuxProgramsMayUseFloatingPoint() throws IOException {
        assertEquals(List.of(), CheckedSources.diagnose("Scale", SCALE));
    }

    @Test
    void aMarkedMethodMayUseFloatingPointAndItsCallersMayNotPassFloats() throws IOException {
        assertEquals(List.of("""
                Mean.java:8:16: error: floating point in kernel code (a call of mean passes float or double): the kernel \
                is compiled without the FP/SIMD registers; mark the method @FloatingPoint to use them
                        return mean(a, b) > 2.0;
                               ^"""), kernel("Mean", """
                import lichen.api.FloatingPoint;
                public class Mean {
                    @FloatingPoint
                    static double mean(long a, long b) {
                        return (a + b) / 2.0;
                    }
                    static boolean above(long a, long b) {
                        return mean(a, b) > 2.0;
                    }
                    @FloatingPoint
                    static long rounded(long a, long b) { return Math.round(mean(a, b)); }
                    static long caller(long a, long b) { return rounded(a, b); }
                }
                """));
    }

    @Test
    void aMarkedMethodMayNotSleep() throws IOException {
        assertEquals(List.of("""
                Sleepy.java:5:17: error: a @FloatingPoint method may not be @Async: the floating-point registers are \
                saved neither by a task switch nor in a trap frame
                    static void pause(long n) {
                                ^"""), kernel("Sleepy", """
                import lichen.api.*;
                public class Sleepy {
                    @FloatingPoint
                    @Async
                    static void pause(long n) {
                        n++;
                    }
                }
                """));
    }
}
