/** Generic interfaces: a generic visitor, a generic functional interface with default methods, generic default chaining. */
public class GenericInterfaces {
    interface Visitor<R> {
        R num(int v);

        R add(Expr l, Expr r);

        R mul(Expr l, Expr r);
    }

    interface Expr {
        <R> R accept(Visitor<R> v);
    }

    static Expr num(int n) {
        return new Expr() {
            public <R> R accept(Visitor<R> v) { return v.num(n); }
        };
    }

    static Expr add(Expr a, Expr b) {
        return new Expr() {
            public <R> R accept(Visitor<R> v) { return v.add(a, b); }
        };
    }

    static Expr mul(Expr a, Expr b) {
        return new Expr() {
            public <R> R accept(Visitor<R> v) { return v.mul(a, b); }
        };
    }

    static final class Show implements Visitor<String> {
        public String num(int v) { return String.valueOf(v); }

        public String add(Expr l, Expr r) { return "(" + l.accept(this) + " + " + r.accept(this) + ")"; }

        public String mul(Expr l, Expr r) { return l.accept(this) + " * " + r.accept(this); }
    }

    static final class Eval implements Visitor<long[]> {
        public long[] num(int v) { return new long[] {v}; }

        public long[] add(Expr l, Expr r) { return new long[] {l.accept(this)[0] + r.accept(this)[0]}; }

        public long[] mul(Expr l, Expr r) { return new long[] {l.accept(this)[0] * r.accept(this)[0]}; }
    }

    interface Mapper<A, B> {
        B map(A a);

        default <C> Mapper<A, C> then(Mapper<B, C> next) { return a -> next.map(map(a)); }

        static <T> Mapper<T, T> identity() { return t -> t; }
    }

    interface Source<T> {
        T next();

        default Source<T> skip(int n) {
            for (int i = 0; i < n; i++) next();
            return this;
        }
    }

    public static void main(String[] args) {
        Expr e = add(num(2), mul(num(3), add(num(4), num(5))));
        System.out.println(e.accept(new Show()) + " = " + e.accept(new Eval())[0]);
        Mapper<String, String> trim = String::trim;
        Mapper<String, char[]> chars = trim.then(String::toUpperCase).then(String::toCharArray);
        System.out.println(chars.map("  mapped  ").length + " " + new String(chars.map(" x ")));
        System.out.println(Mapper.<String>identity().then(s -> s + "!").map("id"));
        int[] state = {0};
        Source<String> counter = () -> "n" + state[0]++;
        System.out.println(counter.skip(3).next() + " " + counter.next());
    }
}
