/** Megamorphic interface and virtual calls: many implementations called through one call site in a loop. */
public class InterfaceDispatch {
    interface Op {
        long apply(long x);
    }

    static final class Add implements Op { final long k; Add(long k) { this.k = k; } public long apply(long x) { return x + k; } }
    static final class Mul implements Op { final long k; Mul(long k) { this.k = k; } public long apply(long x) { return x * k; } }
    static final class Xor implements Op { public long apply(long x) { return x ^ 0x5DEECE66DL; } }
    static final class Rot implements Op { public long apply(long x) { return Long.rotateLeft(x, 7); } }
    static final class Neg implements Op { public long apply(long x) { return -x; } }

    abstract static class Animal {
        abstract int legs();

        int weight() { return 1; }
    }

    static class Bird extends Animal { int legs() { return 2; } }
    static class Dog extends Animal { int legs() { return 4; } int weight() { return 30; } }
    static class Puppy extends Dog { int weight() { return 5; } }
    static class Spider extends Animal { int legs() { return 8; } }

    public static void main(String[] args) {
        Op[] ops = {new Add(3), new Mul(31), new Xor(), new Rot(), new Neg(), new Add(-7), (Op) x -> x >>> 3, x -> x | 1};
        long v = 1;
        for (int i = 0; i < 100000; i++) v = ops[i % ops.length].apply(v);
        System.out.println(v);
        Animal[] zoo = {new Bird(), new Dog(), new Puppy(), new Spider(), new Puppy()};
        int legs = 0, weight = 0;
        for (int i = 0; i < 1000; i++) {
            Animal a = zoo[i % zoo.length];
            legs += a.legs();
            weight += a.weight();
        }
        System.out.println(legs + " " + weight);
    }
}
