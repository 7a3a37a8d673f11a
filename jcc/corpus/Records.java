/** Records: generated toString, equals, hashCode, accessors; compact constructors, static factories, nesting. */
public class Records {
    record Point(int x, int y) {
        Point {
            if (x < -1000) throw new IllegalArgumentException("x too small");
        }

        static Point origin() { return new Point(0, 0); }

        Point plus(Point o) { return new Point(x + o.x, y + o.y); }

        int manhattan() { return Math.abs(x) + Math.abs(y); }
    }

    record Line(Point from, Point to) {}

    record Mixed(byte b, short s, char c, long l, float f, double d, boolean z, String str, int[] arr) {}

    record Empty() {}

    record Named(String name) {
        @Override
        public String toString() { return "Named<" + name + ">"; }
    }

    public static void main(String[] args) {
        Point p = new Point(3, -4);
        Point q = new Point(3, -4);
        System.out.println(p);
        System.out.println(p.equals(q) + " " + (p == q) + " " + (p.hashCode() == q.hashCode()) + " " + p.hashCode());
        System.out.println(p.plus(Point.origin().plus(new Point(1, 1))) + " " + p.manhattan());
        Line l = new Line(p, Point.origin());
        System.out.println(l + " " + l.hashCode());
        System.out.println(l.equals(new Line(new Point(3, -4), new Point(0, 0))) + " " + l.equals(new Line(q, q)));
        Mixed m = new Mixed((byte) -1, (short) 300, 'q', 1L << 40, 1.5f, -0.0, true, null, null);
        System.out.println(m);
        System.out.println(m.hashCode());
        Mixed m2 = new Mixed((byte) -1, (short) 300, 'q', 1L << 40, 1.5f, -0.0, true, null, null);
        System.out.println(m.equals(m2) + " " + (m.hashCode() == m2.hashCode()));
        Mixed m3 = new Mixed((byte) -1, (short) 300, 'q', 1L << 40, 1.5f, 0.0, true, null, null);
        System.out.println(m.equals(m3));
        System.out.println(new Empty() + " " + new Empty().equals(new Empty()) + " " + new Empty().hashCode());
        System.out.println(new Named("n") + " " + new Named("n").name() + " " + new Named("ab").hashCode());
        System.out.println(p.equals(null) + " " + p.equals("Point[x=3, y=-4]"));
        Point bad = new Point(-2000, 0);
        System.out.println(bad);
    }
}
