package lichen.jcc.check;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One test per rule of docs/subset.md ("Rejected") but the class rule (see
 * ClassReferencesTest): the exact diagnostic jcc prints, with its line,
 * column, source line and caret.
 */
class SubsetRulesTest {
    private static void assertDiagnostics(List<String> actual, String... expected) {
        assertEquals(List.of(expected), actual, () -> String.join("\n", actual));
    }

    @Test
    void synchronizedBlockIsReportedAtItsKeyword() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Sync", """
                public class Sync {
                    static int n;
                    static void bump(Object lock) {
                        synchronized (lock) { n++; }
                    }
                }
                """), """
                Sync.java:4:9: error: synchronized is outside the subset
                        synchronized (lock) { n++; }
                        ^""");
    }

    @Test
    void synchronizedMethodIsReportedAtItsModifierNotAtAComment() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("SyncMethod", """
                public class SyncMethod {
                    static int n;
                    // synchronized is named in this comment; the modifier is below
                    static synchronized void bump() {
                        n++;
                    }
                }
                """), """
                SyncMethod.java:4:12: error: synchronized is outside the subset
                    static synchronized void bump() {
                           ^""");
    }

    @Test
    void catchIsReportedAtTheCatchKeyword() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Catch", """
                public class Catch {
                    static int parse(String s) {
                        try {
                            return Integer.parseInt(s);
                        } catch (NumberFormatException e) {
                            return -1;
                        }
                    }
                }
                """), """
                Catch.java:5:11: error: catch is outside the subset: a throw is a panic; report errors by return value
                        } catch (NumberFormatException e) {
                          ^""");
    }

    @Test
    void catchOfThrowableAndMultiCatchAreEachOneDiagnostic() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("CatchAll", """
                public class CatchAll {
                    static int f(Object o) {
                        try { return o.hashCode(); } catch (Throwable t) { return 0; }
                    }
                    static int g(Object o) {
                        try {
                            return o.hashCode();
                        } catch (IllegalStateException | IllegalArgumentException e) {
                            return 1;
                        }
                    }
                }
                """), """
                CatchAll.java:3:38: error: catch is outside the subset: a throw is a panic; report errors by return value
                        try { return o.hashCode(); } catch (Throwable t) { return 0; }
                                                     ^""", """
                CatchAll.java:8:11: error: catch is outside the subset: a throw is a panic; report errors by return value
                        } catch (IllegalStateException | IllegalArgumentException e) {
                          ^""");
    }

    @Test
    void boxingIsReportedAtTheBoxedExpression() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Box", """
                public class Box {
                    static Object box(int x) {
                        return x;
                    }
                    static void pair(Object a, Object b) {}
                    static void sums(int a, int b, long[] w) {
                        pair(a + b, w[0]);
                        pair(a, a);
                    }
                }
                """), """
                Box.java:3:16: error: boxing to Integer is outside the subset (no boxed values)
                        return x;
                               ^""", """
                Box.java:7:14: error: boxing to Integer is outside the subset (no boxed values)
                        pair(a + b, w[0]);
                             ^""", """
                Box.java:7:21: error: boxing to Long is outside the subset (no boxed values)
                        pair(a + b, w[0]);
                                    ^""", """
                Box.java:8:14: error: boxing to Integer is outside the subset (no boxed values)
                        pair(a, a);
                             ^""", """
                Box.java:8:17: error: boxing to Integer is outside the subset (no boxed values)
                        pair(a, a);
                                ^""");
    }

    @Test
    void unboxingIsReportedAtTheUnboxedExpression() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Unbox", """
                public class Unbox {
                    static int next(Integer boxed) {
                        return boxed + 1;
                    }
                    static boolean not(Boolean flag) {
                        return !flag;
                    }
                }
                """), """
                Unbox.java:3:16: error: unboxing an Integer is outside the subset (no boxed values)
                        return boxed + 1;
                               ^""", """
                Unbox.java:6:17: error: unboxing a Boolean is outside the subset (no boxed values)
                        return !flag;
                                ^""");
    }

    @Test
    void conversionsOfConditionsLoopVariablesCastsAndContinuationLinesAreReportedAtTheirExpression() throws IOException {
        // javac gives each boxing call the line of the expression it boxes, so an operand on a continuation line is found there.
        assertDiagnostics(CheckedSources.diagnose("Conversions", """
                public class Conversions {
                    static Object less(int a, int b) { return a < b && b > 0; }
                    static int sum(Iterable<Integer> xs) {
                        int t = 0;
                        for (int x : xs) t += x;
                        return t;
                    }
                    static int first(Object[] a) { return 1 + (Integer) a[0]; }
                    static Object[] pair(int a, int b) {
                        return new Object[] {a,
                                             b * 2};
                    }
                }
                """), """
                Conversions.java:2:47: error: boxing to Boolean is outside the subset (no boxed values)
                    static Object less(int a, int b) { return a < b && b > 0; }
                                                              ^""", """
                Conversions.java:5:22: error: unboxing an Integer is outside the subset (no boxed values)
                        for (int x : xs) t += x;
                                     ^""", """
                Conversions.java:8:47: error: unboxing an Integer is outside the subset (no boxed values)
                    static int first(Object[] a) { return 1 + (Integer) a[0]; }
                                                              ^""", """
                Conversions.java:10:30: error: boxing to Integer is outside the subset (no boxed values)
                        return new Object[] {a,
                                             ^""", """
                Conversions.java:11:30: error: boxing to Integer is outside the subset (no boxed values)
                                             b * 2};
                                             ^""");
    }

    @Test
    void threadsAndConcurrencyAreReportedAtTheClassName() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Threads", """
                public class Threads {
                    static void run() {
                        new Thread(() -> {}).start();
                    }
                    static java.util.concurrent.atomic.AtomicInteger counter;
                }
                """), """
                Threads.java:3:13: error: threads are outside the subset (java.lang.Thread)
                        new Thread(() -> {}).start();
                            ^""", """
                Threads.java:5:12: error: threads are outside the subset (java.util.concurrent.atomic.AtomicInteger)
                    static java.util.concurrent.atomic.AtomicInteger counter;
                           ^""");
    }

    @Test
    void waitAndNotifyAreReportedAtTheCall() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Waits", """
                public class Waits {
                    static void park(Object o) throws InterruptedException {
                        o.wait();
                    }
                    static void wake(Object o) {
                        o.notifyAll();
                    }
                }
                """), """
                Waits.java:3:11: error: wait is outside the subset (no monitors)
                        o.wait();
                          ^""", """
                Waits.java:6:11: error: notifyAll is outside the subset (no monitors)
                        o.notifyAll();
                          ^""");
    }

    @Test
    void reflectionAndClassLiteralsAreReported() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Reflect", """
                public class Reflect {
                    static String name() {
                        return Reflect.class.getName();
                    }
                    static Object literal() {
                        return
                            Reflect.class;
                    }
                    static Object call(java.lang.reflect.Method m) {
                        return m;
                    }
                }
                """), """
                Reflect.java:3:23: error: class literals are outside the subset (reflection)
                        return Reflect.class.getName();
                                      ^""", """
                Reflect.java:3:30: error: reflection is outside the subset (java.lang.Class.getName)
                        return Reflect.class.getName();
                                             ^""", """
                Reflect.java:7:20: error: class literals are outside the subset (reflection)
                            Reflect.class;
                                   ^""", """
                Reflect.java:9:24: error: reflection is outside the subset (java.lang.reflect.Method)
                    static Object call(java.lang.reflect.Method m) {
                                       ^""");
    }

    @Test
    void enumValueOfWithAClassThatIsNotALiteralIsReported() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Lookup", """
                public class Lookup {
                    enum E { A, B }
                    static <T extends Enum<T>> T find(Class<T> c, String name) {
                        return Enum.valueOf(c, name);
                    }
                    static E literal(String name) {
                        return Enum.valueOf(E.class, name);
                    }
                }
                """), """
                Lookup.java:3:39: error: reflection is outside the subset (java.lang.Class)
                    static <T extends Enum<T>> T find(Class<T> c, String name) {
                                                      ^""", """
                Lookup.java:4:21: error: Enum.valueOf with a class that is not a literal is outside the subset (reflection); use X.valueOf(name) or Enum.valueOf(X.class, name)
                        return Enum.valueOf(c, name);
                                    ^""");
    }

    @Test
    void classLoadingIsReportedWhereTheClassIsNamed() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Loader", """
                public class Loader {
                    static Object parent(ClassLoader l) {
                        return l.getParent();
                    }
                }
                """), """
                Loader.java:2:26: error: class loading is outside the subset
                    static Object parent(ClassLoader l) {
                                         ^""");
    }

    @Test
    void finalizersAreReportedAtTheMethodName() throws IOException {
        assertDiagnostics(CheckedSources.diagnose("Fin", """
                public class Fin {
                    @Override
                    protected void finalize() {
                        System.out.println("gone");
                    }
                }
                """), """
                Fin.java:3:20: error: finalizers are outside the subset (no collector runs them)
                    protected void finalize() {
                                   ^""");
    }
}
