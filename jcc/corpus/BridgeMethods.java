/** Generic overrides and covariant returns: javac's bridge methods must dispatch to the real override. */
public class BridgeMethods {
    interface Transformer<T, R> {
        R apply(T t);
    }

    static class Length implements Transformer<String, Integer0> {
        public Integer0 apply(String s) { return new Integer0(s.length()); }
    }

    static final class Integer0 {
        final int v;

        Integer0(int v) { this.v = v; }

        public String toString() { return "#" + v; }
    }

    abstract static class Node<T extends Comparable<T>> implements Comparable<Node<T>> {
        abstract T key();

        public int compareTo(Node<T> o) { return key().compareTo(o.key()); }
    }

    static class Name extends Node<String> {
        final String s;

        Name(String s) { this.s = s; }

        String key() { return s; }
    }

    static class Animal {
        Animal self() { return this; }

        String kind() { return "animal"; }
    }

    static class Dog extends Animal {
        @Override
        Dog self() { return this; }

        String kind() { return "dog"; }

        String bark() { return "woof"; }
    }

    static <T, R> R run(Transformer<T, R> f, T t) { return f.apply(t); }

    static <T extends Comparable<T>> T max(T a, T b) { return a.compareTo(b) >= 0 ? a : b; }

    public static void main(String[] args) {
        System.out.println(run(new Length(), "bridges"));
        Transformer<String, Integer0> raw = new Length();
        System.out.println(raw.apply("four"));
        Node<String> a = new Name("apple");
        Node<String> b = new Name("banana");
        System.out.println(a.compareTo(b) < 0);
        Comparable<Node<String>> ca = a;
        System.out.println(ca.compareTo(b) + " " + b.compareTo(a));
        System.out.println(max("pear", "peach") + " " + ((Name) max(a, b)).s);
        Animal x = new Dog();
        System.out.println(x.self().kind() + " " + new Dog().self().bark());
    }
}
