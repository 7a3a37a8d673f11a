import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;

/** Lambdas created in loops capture each iteration's value; currying; closures over mutable boxes and over other closures. */
public class ClosuresInLoops {
    static IntUnaryOperator adder(int a) { return b -> a + b; }

    interface Curried {
        IntUnaryOperator apply(int a);
    }

    public static void main(String[] args) {
        IntSupplier[] suppliers = new IntSupplier[5];
        for (int i = 0; i < suppliers.length; i++) {
            int square = i * i;
            suppliers[i] = () -> square;
        }
        StringBuilder sb = new StringBuilder();
        for (IntSupplier s : suppliers) sb.append(s.getAsInt()).append(' ');
        System.out.println(sb.toString().trim());
        Curried times = a -> b -> a * b;
        System.out.println(times.apply(6).applyAsInt(7) + " " + adder(10).applyAsInt(5));
        IntUnaryOperator f = IntUnaryOperator.identity();
        for (int i = 1; i <= 5; i++) {
            IntUnaryOperator g = f;
            int k = i;
            f = x -> g.applyAsInt(x) * 2 + k;
        }
        System.out.println(f.applyAsInt(0) + " " + f.applyAsInt(1));
        int[] counter = new int[1];
        Runnable[] incs = new Runnable[3];
        for (int i = 0; i < 3; i++) {
            int step = i + 1;
            incs[i] = () -> counter[0] += step;
        }
        for (int round = 0; round < 4; round++) for (Runnable r : incs) r.run();
        System.out.println(counter[0]);
        String[] words = {"alpha", "beta", "gamma"};
        IntSupplier[] lengths = new IntSupplier[words.length];
        int idx = 0;
        for (String w : words) lengths[idx++] = w::length;
        System.out.println(lengths[0].getAsInt() + lengths[1].getAsInt() + lengths[2].getAsInt());
    }
}
