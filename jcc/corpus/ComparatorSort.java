import java.util.Comparator;

/** Comparator lambdas and combinators, and Arrays.sort on objects (stable) and on primitives. */
public class ComparatorSort {
    record Person(String name, int age, double height) {}

    static void show(Person[] ps) {
        StringBuilder sb = new StringBuilder();
        for (Person p : ps) sb.append(p.name()).append('/').append(p.age()).append(' ');
        System.out.println(sb.toString().trim());
    }

    public static void main(String[] args) {
        Person[] ps = {new Person("eve", 31, 1.62), new Person("bob", 25, 1.80), new Person("amy", 31, 1.70),
                new Person("dan", 25, 1.75), new Person("cat", 40, 1.55), new Person("abe", 31, 1.90)};
        java.util.Arrays.sort(ps, (a, b) -> a.name().compareTo(b.name()));
        show(ps);
        java.util.Arrays.sort(ps, Comparator.comparingInt(Person::age));
        show(ps);
        java.util.Arrays.sort(ps, Comparator.comparingInt((Person p) -> -p.age()).thenComparing(Person::name));
        show(ps);
        java.util.Arrays.sort(ps, Comparator.comparingDouble(Person::height));
        show(ps);
        Comparator<Person> byLen = (a, b) -> Integer.compare(a.name().length() + a.age() % 3, b.name().length() + b.age() % 3);
        java.util.Arrays.sort(ps, byLen.thenComparing((a, b) -> Double.compare(b.height(), a.height())));
        show(ps);
        String[] words = {"delta", "Alpha", "charlie", "bravo", "Echo"};
        java.util.Arrays.sort(words);
        System.out.println(String.join(",", words));
        java.util.Arrays.sort(words, Comparator.comparingInt(String::length).thenComparing((a, b) -> b.compareTo(a)));
        System.out.println(String.join(",", words));
        int[] xs = {5, -3, 9, 0, -3, 12, 7};
        java.util.Arrays.sort(xs);
        System.out.println(java.util.Arrays.toString(xs));
        double[] ds = {2.5, Double.NaN, -0.0, 0.0, -1.5, Double.NEGATIVE_INFINITY};
        java.util.Arrays.sort(ds);
        System.out.println(java.util.Arrays.toString(ds));
        char[] cs = "sorting".toCharArray();
        java.util.Arrays.sort(cs);
        System.out.println(new String(cs));
    }
}
