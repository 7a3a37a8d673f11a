import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Lambdas: capturing locals, this and arrays; returning lambdas; composing; recursion through a field. */
public class Lambdas {
    private int base = 10;
    private static IntUnaryOperator fact;

    IntUnaryOperator addBase() { return x -> x + base; }

    static IntUnaryOperator compose(IntUnaryOperator f, IntUnaryOperator g) { return x -> g.applyAsInt(f.applyAsInt(x)); }

    static int fold(int[] xs, int init, IntBinaryOperator op) {
        int acc = init;
        for (int x : xs) acc = op.applyAsInt(acc, x);
        return acc;
    }

    static int count(int[] xs, IntPredicate p) {
        int n = 0;
        for (int x : xs) if (p.test(x)) n++;
        return n;
    }

    interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    public static void main(String[] args) {
        int[] xs = {5, 3, 8, 1, 9, 2, 7};
        System.out.println(fold(xs, 0, (a, b) -> a + b) + " " + fold(xs, 1, (a, b) -> a * b) + " " + fold(xs, Integer.MIN_VALUE, Math::max));
        int threshold = 4;
        System.out.println(count(xs, x -> x > threshold) + " " + count(xs, x -> x % 2 == 0));
        Lambdas l = new Lambdas();
        IntUnaryOperator ab = l.addBase();
        System.out.println(ab.applyAsInt(5));
        l.base = 100;
        System.out.println(ab.applyAsInt(5));
        IntUnaryOperator twiceThenSquare = compose(x -> x * 2, x -> x * x);
        System.out.println(twiceThenSquare.applyAsInt(3) + " " + compose(twiceThenSquare, ab).applyAsInt(1));
        fact = n -> n <= 1 ? 1 : n * fact.applyAsInt(n - 1);
        System.out.println(fact.applyAsInt(10));
        int[] counter = {0};
        Runnable tick = () -> counter[0]++;
        for (int i = 0; i < 5; i++) tick.run();
        System.out.println(counter[0]);
        Supplier<String> sup = () -> "supplied " + counter[0];
        System.out.println(sup.get());
        Function<String, Integer0> len = s -> new Integer0(s.length());
        Function<Integer0, String> show = i -> "<" + i.v + ">";
        System.out.println(len.andThen(show).apply("lambda"));
        BiFunction<String, Integer0, String> rep = (s, n) -> s.repeat(n.v);
        System.out.println(rep.apply("ab", new Integer0(3)));
        UnaryOperator<String> up = String::toUpperCase;
        System.out.println(up.apply("shout") + " " + Function.<String>identity().apply("same"));
        TriFunction<Integer0, Integer0, Integer0, Integer0> sum3 = (a, b, c) -> new Integer0(a.v + b.v + c.v);
        System.out.println(sum3.apply(new Integer0(1), new Integer0(2), new Integer0(3)).v);
        long big = 1L << 40;
        double ratio = 0.5;
        char mark = '*';
        Supplier<String> mixed = () -> big + " " + ratio + " " + mark;
        System.out.println(mixed.get());
    }

    record Integer0(int v) {}
}
