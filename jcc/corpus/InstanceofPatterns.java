/** instanceof with and without patterns, casts up and down, patterns with && and negation, null. */
public class InstanceofPatterns {
    interface Expr {}

    record Num(int v) implements Expr {}

    record Add(Expr l, Expr r) implements Expr {}

    record Neg(Expr e) implements Expr {}

    static int eval(Expr e) {
        if (e instanceof Num n) return n.v();
        if (e instanceof Add a) return eval(a.l()) + eval(a.r());
        if (!(e instanceof Neg neg)) throw new IllegalStateException("unknown");
        return -eval(neg.e());
    }

    static String describe(Object o) {
        if (o instanceof String s && s.length() > 3) return "long string " + s;
        if (o instanceof String s) return "short string " + s;
        if (o instanceof int[] arr && arr.length > 0) return "int array starting " + arr[0];
        if (o instanceof Object[] objs) return "object array of " + objs.length;
        if (o instanceof Expr) return "expr " + eval((Expr) o);
        if (o == null) return "null";
        return "something else";
    }

    public static void main(String[] args) {
        Expr e = new Add(new Num(4), new Neg(new Add(new Num(1), new Num(2))));
        System.out.println(eval(e));
        Object[] things = {"hey", "hello", new int[] {9, 8}, new int[0], new String[2], e, null, new StringBuilder("sb")};
        for (Object o : things) System.out.println(describe(o));
        Object s = "text";
        CharSequence cs = (CharSequence) s;
        System.out.println(cs.length() + " " + (s instanceof CharSequence) + " " + (s instanceof Comparable));
        Object n = null;
        System.out.println(n instanceof String);
        String str = (String) n;
        System.out.println(str);
    }
}
