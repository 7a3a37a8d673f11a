/** A recursive-descent parser and evaluator for arithmetic with variables, precedence, unary minus and parentheses. */
public class ExpressionEvaluator {
    static final class Parser {
        private final String s;
        private int pos;
        private final String[] names;
        private final long[] values;

        Parser(String s, String[] names, long[] values) {
            this.s = s;
            this.names = names;
            this.values = values;
        }

        long parse() {
            long v = expr();
            skip();
            if (pos != s.length()) throw new IllegalArgumentException("trailing input at " + pos + " in '" + s + "'");
            return v;
        }

        private void skip() {
            while (pos < s.length() && s.charAt(pos) == ' ') pos++;
        }

        private boolean eat(char c) {
            skip();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private long expr() {
            long v = term();
            while (true) {
                if (eat('+')) v += term();
                else if (eat('-')) v -= term();
                else return v;
            }
        }

        private long term() {
            long v = power();
            while (true) {
                if (eat('*')) v *= power();
                else if (eat('/')) v /= power();
                else if (eat('%')) v %= power();
                else return v;
            }
        }

        private long power() {
            long base = unary();
            if (eat('^')) {
                long e = power();
                long r = 1;
                for (long i = 0; i < e; i++) r *= base;
                return r;
            }
            return base;
        }

        private long unary() {
            if (eat('-')) return -unary();
            return atom();
        }

        private long atom() {
            skip();
            if (eat('(')) {
                long v = expr();
                if (!eat(')')) throw new IllegalArgumentException("missing ) at " + pos);
                return v;
            }
            int start = pos;
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
                return Long.parseLong(s.substring(start, pos));
            }
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) pos++;
            String name = s.substring(start, pos);
            for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return values[i];
            throw new IllegalArgumentException("unknown name '" + name + "' at " + start);
        }
    }

    public static void main(String[] args) {
        String[] names = {"x", "y", "big"};
        long[] values = {7, -3, 1L << 40};
        String[] inputs = {"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-x * -y", "x % 4 - y / 2", "big * big + 1",
                "((((x))))", "100 / 7 / 2", "-2 ^ 2", "x * (y + 10) - (big % 1000)", "0 - 9223372036854775807 - 1"};
        for (String in : inputs) System.out.println(in + " = " + new Parser(in, names, values).parse());
        System.out.println(new Parser("x + z", names, values).parse());
    }
}
