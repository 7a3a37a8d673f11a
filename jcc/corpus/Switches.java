/** switch on ints (dense and sparse), strings (with hash collisions), enums, and sealed types with guarded patterns. */
public class Switches {
    sealed interface Shape permits Circle, Rect, Tri {}

    record Circle(double r) implements Shape {}

    record Rect(double w, double h) implements Shape {}

    record Tri(double b, double h) implements Shape {}

    enum Color { RED, GREEN, BLUE }

    static String dense(int n) {
        switch (n) {
            case 0: return "zero";
            case 1: return "one";
            case 2:
            case 3: return "two-or-three";
            case 4: return "four";
            case 5: return "five";
            default: return "many";
        }
    }

    static int sparse(int n) {
        return switch (n) {
            case -1000000 -> 1;
            case 7 -> 2;
            case 1 << 20 -> 3;
            case Integer.MIN_VALUE -> 4;
            case Integer.MAX_VALUE -> 5;
            default -> 0;
        };
    }

    static int strings(String s) {
        // "Aa" and "BB" have the same hashCode.
        return switch (s) {
            case "Aa" -> 1;
            case "BB" -> 2;
            case "hello", "world" -> 3;
            case "" -> 4;
            default -> s.length() * 10;
        };
    }

    static String colors(Color c) {
        return switch (c) {
            case RED -> "warm";
            case GREEN, BLUE -> {
                String t = c.name().toLowerCase();
                yield "cool " + t;
            }
        };
    }

    static String shapes(Shape s) {
        return switch (s) {
            case Circle c when c.r() == 0 -> "a point";
            case Circle c -> "circle " + c.r();
            case Rect r when r.w() == r.h() -> "square " + r.w();
            case Rect r -> "rect " + r.w() + "x" + r.h();
            case Tri t -> "triangle " + (t.b() * t.h() / 2);
        };
    }

    static String objects(Object o) {
        return switch (o) {
            case null -> "null!";
            case Integer0 i when i.v > 10 -> "big " + i.v;
            case Integer0 i -> "small " + i.v;
            case String str -> "string of " + str.length();
            case int[] arr -> "ints " + arr.length;
            default -> "other";
        };
    }

    record Integer0(int v) {}

    static int fallthrough(int n) {
        int r = 0;
        switch (n) {
            case 1: r += 1;
            case 2: r += 10;
            case 3: r += 100; break;
            case 4: r += 1000;
            default: r += 10000;
        }
        return r;
    }

    static int chars(char c) {
        switch (c) {
            case 'a': case 'e': case 'i': case 'o': case 'u': return 1;
            case ' ': return 0;
            default: return 2;
        }
    }

    public static void main(String[] args) {
        for (int i = -1; i < 8; i++) System.out.print(dense(i) + " ");
        System.out.println();
        int[] ns = {-1000000, 7, 1 << 20, Integer.MIN_VALUE, Integer.MAX_VALUE, 8};
        for (int n : ns) System.out.print(sparse(n));
        System.out.println();
        String[] ss = {"Aa", "BB", "hello", "world", "", "other", "C#"};
        for (String s : ss) System.out.print(strings(s) + " ");
        System.out.println();
        for (Color c : Color.values()) System.out.println(colors(c));
        Shape[] shapes = {new Circle(0), new Circle(2), new Rect(3, 3), new Rect(2, 5), new Tri(3, 4)};
        for (Shape s : shapes) System.out.println(shapes(s));
        Object[] os = {null, new Integer0(50), new Integer0(5), "str", new int[3], new StringBuilder()};
        for (Object o : os) System.out.println(objects(o));
        for (int i = 0; i < 6; i++) System.out.print(fallthrough(i) + " ");
        System.out.println();
        int score = 0;
        for (char c : "quick brown fox".toCharArray()) score = score * 3 + chars(c);
        System.out.println(score);
    }
}
