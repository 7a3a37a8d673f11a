/** Inner classes using their outer instance, local classes and anonymous classes capturing locals. */
public class InnerClasses {
    private int counter = 100;
    private final String label;

    InnerClasses(String label) { this.label = label; }

    class Ticket {
        final int number;

        Ticket() { number = ++counter; }

        String show() { return label + "-" + number; }
    }

    interface Op {
        int apply(int x);
    }

    static Op adder(int n) {
        return new Op() {
            int calls;

            public int apply(int x) {
                calls++;
                return x + n + calls;
            }
        };
    }

    Op scaled(int factor) {
        class Scale implements Op {
            public int apply(int x) { return x * factor + counter; }
        }
        return new Scale();
    }

    static class Nested {
        static int twice(int x) { return 2 * x; }
    }

    public static void main(String[] args) {
        InnerClasses office = new InnerClasses("A");
        Ticket t1 = office.new Ticket();
        Ticket t2 = office.new Ticket();
        InnerClasses other = new InnerClasses("B");
        Ticket t3 = other.new Ticket();
        System.out.println(t1.show() + " " + t2.show() + " " + t3.show() + " " + office.counter);
        Op add = adder(10);
        System.out.println(add.apply(1) + " " + add.apply(1) + " " + add.apply(1));
        Op sc = office.scaled(3);
        System.out.println(sc.apply(5));
        office.counter = 0;
        System.out.println(sc.apply(5));
        String greeting = "hi";
        int[] box = {0};
        Runnable r = new Runnable() {
            public void run() {
                box[0]++;
                System.out.println(greeting + " " + box[0]);
            }
        };
        r.run();
        r.run();
        System.out.println(Nested.twice(21));
        class Local {
            final int depth;

            Local(int depth) { this.depth = depth; }

            int sum() { return depth == 0 ? 0 : depth + new Local(depth - 1).sum(); }
        }
        System.out.println(new Local(10).sum());
    }
}
