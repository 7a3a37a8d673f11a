/** A downcast to the wrong class: ClassCastException, status 1. */
public class BadCast {
    interface Shape {
        double area();
    }

    record Square(double side) implements Shape {
        public double area() { return side * side; }
    }

    record Circle(double r) implements Shape {
        public double area() { return 3 * r * r; }
    }

    public static void main(String[] args) {
        Shape[] shapes = {new Square(2), new Square(3), new Circle(1)};
        double total = 0;
        for (Shape s : shapes) {
            Square q = (Square) s;
            total += q.side();
            System.out.println("total " + total);
        }
    }
}
