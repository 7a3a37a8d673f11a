/** Generic classes and methods (erased): bounded types, wildcards, generic arrays via Object[], a generic pair and stack. */
public class Generics {
    static final class Pair<A, B> {
        final A first;
        final B second;

        Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }

        <C> Pair<A, C> withSecond(C c) { return new Pair<>(first, c); }

        Pair<B, A> swap() { return new Pair<>(second, first); }

        public String toString() { return "(" + first + ", " + second + ")"; }
    }

    static final class Stack<T> {
        private Object[] items = new Object[2];
        private int size;

        void push(T t) {
            if (size == items.length) items = java.util.Arrays.copyOf(items, size * 2);
            items[size++] = t;
        }

        @SuppressWarnings("unchecked")
        T pop() {
            T t = (T) items[--size];
            items[size] = null;
            return t;
        }

        boolean isEmpty() { return size == 0; }
    }

    record Word(String text) implements Comparable<Word> {
        public int compareTo(Word o) { return text.compareTo(o.text); }
    }

    static <T extends Comparable<T>> T largest(T[] xs) {
        T best = xs[0];
        for (T x : xs) if (x.compareTo(best) > 0) best = x;
        return best;
    }

    static int totalLength(Stack<? extends CharSequence> s) {
        int n = 0;
        while (!s.isEmpty()) n += s.pop().length();
        return n;
    }

    static void fill(Stack<? super String> s, int n) {
        for (int i = 0; i < n; i++) s.push("s" + i);
    }

    public static void main(String[] args) {
        Pair<String, Word> p = new Pair<>("key", new Word("value"));
        System.out.println(p + " " + p.swap() + " " + p.withSecond(new StringBuilder("sb")));
        Stack<String> stack = new Stack<>();
        fill(stack, 12);
        System.out.println(totalLength(stack));
        Stack<Pair<String, String>> ps = new Stack<>();
        for (int i = 0; i < 5; i++) ps.push(new Pair<>("a" + i, "b" + i));
        StringBuilder sb = new StringBuilder();
        while (!ps.isEmpty()) sb.append(ps.pop().swap());
        System.out.println(sb);
        Word[] words = {new Word("pear"), new Word("zucchini"), new Word("apple")};
        System.out.println(largest(words).text() + " " + largest(new String[] {"b", "c", "a"}));
        Stack<Object> objs = new Stack<>();
        fill(objs, 3);
        objs.push(new Word("w"));
        System.out.println(objs.pop() + " " + objs.pop());
    }
}
