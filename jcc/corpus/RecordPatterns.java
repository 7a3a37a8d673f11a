/** Record deconstruction patterns, nested, with primitive and reference components, guarded, in switch and instanceof. */
public class RecordPatterns {
    sealed interface Shape permits Rect, Circle, Group {}

    record Point(int x, int y) {}

    record Rect(double w, double h) implements Shape {}

    record Circle(Point centre, int r) implements Shape {}

    record Group(Shape first, Shape second) implements Shape {}

    static String show(Shape s) {
        return switch (s) {
            case Rect(double w, double h) when w == h -> "square " + w;
            case Rect(double w, double h) -> "rect " + w + "x" + h;
            case Circle(Point(var x, var y), int r) when r == 0 -> "dot at " + x + "," + y;
            case Circle(Point(int x, int y), int r) -> "circle r=" + r + " at " + x + "," + y;
            case Group(Rect a, Rect b) -> "two rects: " + show(a) + " & " + show(b);
            case Group(var a, var b) -> "group(" + show(a) + ", " + show(b) + ")";
        };
    }

    static int area(Object o) {
        if (o instanceof Rect(double w, double h)) return (int) (w * h);
        if (o instanceof Circle(Point p, int r) && p.x() >= 0) return 3 * r * r;
        return -1;
    }

    public static void main(String[] args) {
        Shape[] shapes = {new Rect(2, 2), new Rect(2, 5), new Circle(new Point(1, 2), 0), new Circle(new Point(-3, 4), 5),
                new Group(new Rect(1, 1), new Rect(1, 2)), new Group(new Circle(new Point(0, 0), 1), new Rect(3, 3))};
        for (Shape s : shapes) System.out.println(show(s) + " area " + area(s));
    }
}
