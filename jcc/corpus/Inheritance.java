/** Classes, inheritance, abstract classes, super calls, constructors chaining, field hiding, overriding. */
public class Inheritance {
    abstract static class Shape {
        private static int created;
        protected final String name;

        Shape(String name) {
            this.name = name;
            created++;
        }

        abstract double area();

        double perimeter() { return 0; }

        String describe() { return name + " area=" + area() + " perimeter=" + perimeter(); }

        static int created() { return created; }
    }

    static class Rect extends Shape {
        final double w, h;

        Rect(double w, double h) {
            this("rect", w, h);
        }

        protected Rect(String name, double w, double h) {
            super(name);
            this.w = w;
            this.h = h;
        }

        double area() { return w * h; }

        double perimeter() { return 2 * (w + h); }
    }

    static final class Square extends Rect {
        Square(double s) { super("square", s, s); }

        @Override
        String describe() { return "[" + super.describe() + "]"; }
    }

    static class Circle extends Shape {
        final double r;

        Circle(double r) {
            super("circle");
            this.r = r;
        }

        double area() { return 3.0 * r * r; }
    }

    static class Base {
        String tag = "base";

        String tag() { return tag; }

        String who() { return "Base:" + tag() + ":" + tag; }
    }

    static class Derived extends Base {
        String tag = "derived";

        @Override
        String tag() { return tag; }

        String both() { return super.tag + "/" + this.tag + "/" + super.tag(); }
    }

    public static void main(String[] args) {
        Shape[] shapes = {new Rect(2, 3), new Square(4), new Circle(1.5), new Rect(0.5, 0.25)};
        double total = 0;
        for (Shape s : shapes) {
            System.out.println(s.describe());
            total += s.area();
        }
        System.out.println("total " + total + " created " + Shape.created());
        Derived d = new Derived();
        Base b = d;
        System.out.println(b.who());
        System.out.println(b.tag + " " + d.tag + " " + d.both());
        Object o = shapes[1];
        System.out.println((o instanceof Rect) + " " + (o instanceof Square) + " " + (o instanceof Circle) + " " + (o instanceof Shape));
    }
}
