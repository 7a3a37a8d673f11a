package lichen.jcc.check;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What javac makes of the allowed subset (docs/subset.md, "Allowed") is not
 * mistaken for what is rejected: its own handlers for try-with-resources and
 * record patterns are not a {@code catch}, its switch helpers and record
 * methods are not reflection, enhanced for on arrays does not box.
 */
class NoFalsePositivesTest {
    private static void assertClean(String className, String source) throws IOException {
        List<String> ds = CheckedSources.diagnose(className, source);
        assertEquals(List.of(), ds, () -> String.join("\n", ds));
    }

    @Test
    void tryWithResourcesAndFinallyAreNotCatches() throws IOException {
        assertClean("Resources", """
                public class Resources {
                    static final class Res implements AutoCloseable {
                        int closed;
                        public void close() { closed++; }
                    }
                    static int use(Res a, Res b) {
                        try (a; Res c = b) {
                            return c.closed;
                        } finally {
                            a.closed = -1;
                        }
                    }
                    static int nested(Res a) {
                        try (Res x = a) { try (Res y = a) { return y.closed + x.closed; } }
                    }
                }
                """);
    }

    @Test
    void enhancedForOverArraysAndIterablesDoesNotBox() throws IOException {
        assertClean("Loops", """
                import java.util.Iterator;
                public class Loops {
                    static final class Range implements Iterable<String> {
                        public Iterator<String> iterator() {
                            return new Iterator<>() {
                                int i;
                                public boolean hasNext() { return i < 3; }
                                public String next() { return "x" + i++; }
                            };
                        }
                    }
                    static long sum(int[] xs, long[][] ys) {
                        long t = 0;
                        for (int x : xs) t += x;
                        for (long[] row : ys) for (long y : row) t += y;
                        for (String s : new Range()) t += s.length();
                        return t;
                    }
                }
                """);
    }

    @Test
    void switchesOnStringsEnumsAndPatternsProduceNone() throws IOException {
        assertClean("Switches", """
                public class Switches {
                    enum Color { RED, GREEN { int shade() { return 2; } }; int shade() { return 1; } }
                    sealed interface Shape permits Square, Circle {}
                    record Square(int side) implements Shape {}
                    record Circle(int r) implements Shape {}
                    record Pair(Shape a, Shape b) {}
                    static int word(String w) {
                        switch (w) { case "one": return 1; case "two": return 2; default: return 0; }
                    }
                    static int oldColor(Color c) {
                        switch (c) { case RED: return 1; case GREEN: return 2; default: return 0; }
                    }
                    static int newColor(Color c) { return switch (c) { case RED -> 1; case GREEN -> c.shade(); }; }
                    static int area(Shape s) {
                        return switch (s) {
                            case Square q when q.side() > 10 -> -1;
                            case Square(int side) -> side * side;
                            case Circle c -> 3 * c.r() * c.r();
                        };
                    }
                    static int both(Object o) {
                        if (o instanceof Pair(Square(int x), Circle(int r))) return x + r;
                        return o instanceof String s && !s.isEmpty() ? s.length() : 0;
                    }
                }
                """);
    }

    @Test
    void recordsEnumsLambdasAndStringsProduceNone() throws IOException {
        assertClean("Clean", """
                import java.util.function.IntBinaryOperator;
                import java.util.function.Supplier;
                public class Clean {
                    record Point(int x, int y) {
                        Point { if (x < 0) throw new IllegalArgumentException("x < 0: " + x); }
                        Point scaled(int k) { return new Point(x * k, y * k); }
                    }
                    interface Named { String name(); default String greet() { return "hi " + name(); } }
                    enum Level implements Named { LOW, HIGH }
                    public static void main(String[] args) {
                        IntBinaryOperator add = (a, b) -> a + b;
                        Supplier<String> text = Level.HIGH::greet;
                        var p = new Point(1, 2).scaled(add.applyAsInt(2, 3));
                        String block = \"""
                                a text block
                                \""";
                        StringBuilder sb = new StringBuilder();
                        sb.append(p).append(p.equals(new Point(5, 10))).append(p.hashCode()).append(block.length());
                        System.out.println(sb + text.get() + Level.valueOf("LOW").ordinal() + Level.values().length);
                        assert p.x() == 5 : "scaled";
                    }
                }
                """);
    }
}
