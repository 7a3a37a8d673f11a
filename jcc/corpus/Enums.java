/** Enums: fields, constructors, constant bodies, abstract methods, values(), ordinal, name, compareTo, switch. */
public class Enums {
    enum Planet {
        MERCURY(3.303e+23, 2.4397e6), EARTH(5.976e+24, 6.37814e6), JUPITER(1.9e+27, 7.1492e7);

        private final double mass;
        private final double radius;

        Planet(double mass, double radius) {
            this.mass = mass;
            this.radius = radius;
        }

        double surfaceGravity() { return 6.67300E-11 * mass / (radius * radius); }
    }

    enum Op {
        PLUS("+") {
            int apply(int a, int b) { return a + b; }
        },
        TIMES("*") {
            int apply(int a, int b) { return a * b; }
        },
        POW("^") {
            int apply(int a, int b) {
                int r = 1;
                for (int i = 0; i < b; i++) r *= a;
                return r;
            }

            @Override
            public String toString() { return "power"; }
        };

        final String symbol;

        Op(String symbol) { this.symbol = symbol; }

        abstract int apply(int a, int b);
    }

    enum Day { MON, TUE, WED, THU, FRI, SAT, SUN;
        boolean weekend() { return this == SAT || this == SUN; }

        Day next() { return values()[(ordinal() + 1) % values().length]; }
    }

    static String kind(Day d) {
        switch (d) {
            case SAT:
            case SUN:
                return "rest";
            case FRI:
                return "almost";
            default:
                return "work";
        }
    }

    public static void main(String[] args) {
        for (Planet p : Planet.values()) {
            System.out.println(p + " " + p.ordinal() + " " + p.name() + " g=" + p.surfaceGravity());
        }
        for (Op op : Op.values()) System.out.println(op + " " + op.symbol + " " + op.apply(3, 4) + " " + op.name());
        Day d = Day.THU;
        for (int i = 0; i < 8; i++) {
            System.out.println(d + " " + d.weekend() + " " + kind(d) + " " + d.compareTo(Day.WED));
            d = d.next();
        }
        System.out.println(Day.values().length + " " + (Day.values() != Day.values()) + " " + Day.MON.equals(Day.MON));
        Day[] week = Day.values();
        week[0] = null;
        System.out.println(Day.values()[0]);
        String s = switch (Op.TIMES) {
            case PLUS -> "p";
            case TIMES -> "t";
            case POW -> "w";
        };
        System.out.println(s + " " + (Op.POW instanceof Op) + " " + Op.POW.compareTo(Op.PLUS));
    }
}
