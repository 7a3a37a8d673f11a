/** Interfaces with default, static and private methods; diamond resolution; constants; multiple interfaces. */
public class InterfaceMethods {
    interface Greeter {
        String PREFIX = "Hello";

        String name();

        default String greet() { return decorate(PREFIX + ", " + name()); }

        private String decorate(String s) { return s + "!"; }

        static Greeter of(String n) {
            return () -> n;
        }
    }

    interface Loud extends Greeter {
        @Override
        default String greet() { return Greeter.super.greet().toUpperCase(); }
    }

    interface Counter {
        int count();

        default int twice() { return 2 * count(); }
    }

    interface A {
        default String who() { return "A"; }
    }

    interface B extends A {
        default String who() { return "B" + A.super.who(); }
    }

    interface C extends A {}

    static class D implements B, C {}

    static class Person implements Loud, Counter {
        private final String n;

        Person(String n) { this.n = n; }

        public String name() { return n; }

        public int count() { return n.length(); }
    }

    static class Quiet implements Greeter {
        public String name() { return "quiet"; }

        public String greet() { return "(" + name() + ")"; }
    }

    public static void main(String[] args) {
        Greeter[] gs = {Greeter.of("world"), new Person("ada"), new Quiet()};
        for (Greeter g : gs) System.out.println(g.greet());
        Counter c = new Person("grace");
        System.out.println(c.count() + " " + c.twice());
        System.out.println(new D().who());
        A a = new D();
        System.out.println(a.who() + " " + Greeter.PREFIX.length());
        Object o = gs[1];
        System.out.println((o instanceof Loud) + " " + (o instanceof Counter) + " " + (gs[2] instanceof Loud));
    }
}
